"""The small shape every segment kind shares, and helpers to validate payloads.

A kind module defines KIND, LABEL, default_settings(), clean_settings(raw), the three views
(public_view, host_view, personal_view) and COMMANDS. Commands mutate models through the
session they are given and return a Change; they never commit and never emit.
"""

from dataclasses import dataclass, field

from ..errors import CommandError

ALL = "all"


@dataclass
class Ctx:
    """Everything a view or command may look at."""

    event: object
    segment: object | None
    now: float
    role: str = "display"  # host | attendee | display | stranger
    attendee: object | None = None
    rng: object | None = None
    prepared: object = None  # what the command's slow, lock-free step computed (see Command)


@dataclass
class Change:
    """What a command changed, so the command layer knows whom to send new state."""

    personal: object = field(default_factory=set)  # attendee ids, or ALL
    result: dict = field(default_factory=dict)  # returned to the sender in the ack
    public: bool = True


@dataclass(frozen=True)
class Command:
    """fn(ctx, args) -> Change runs under the event lock and must be quick.

    Slow work (grouping 500 notes takes seconds) goes in two optional steps that run before
    the lock: gather(ctx, args) reads plain data from the database, then prepare(data) computes
    in an OS thread, off the server's event loop, without the database; fn finds its result in
    ctx.prepared. The room's screens keep updating meanwhile."""

    fn: object
    roles: frozenset = frozenset({"host"})
    needs_live: bool = True  # only while this segment is the live one
    gather: object = None
    prepare: object = None


def command(registry, name, roles=("host",), needs_live=True, gather=None, prepare=None):
    """Decorator: register fn(ctx, args) -> Change under name."""

    def wrap(fn):
        registry[name] = Command(fn, frozenset(roles), needs_live, gather, prepare)
        return fn

    return wrap


def text(args, key, *, max_len, min_len=1, required=True, label=None):
    """A trimmed string field of bounded length, or a readable error."""
    label = label or key.replace("_", " ")
    value = args.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise CommandError(f"The {label} must be text.")
    value = " ".join(value.split()) if max_len <= 120 else value.strip()
    if len(value) < min_len:
        raise CommandError(
            f"The {label} cannot be empty."
            if min_len == 1
            else f"The {label} needs at least {min_len} characters."
        )
    if len(value) > max_len:
        raise CommandError(f"The {label} can be at most {max_len} characters.")
    return value


def integer(args, key, *, lo, hi, required=True, label=None):
    label = label or key.replace("_", " ")
    value = args.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise CommandError(f"The {label} must be a whole number.")
    if not lo <= value <= hi:
        raise CommandError(f"The {label} must be between {lo} and {hi}.")
    return value


def boolean(args, key, *, required=True, label=None):
    value = args.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, bool):
        raise CommandError(f"The {(label or key).replace('_', ' ')} must be true or false.")
    return value
