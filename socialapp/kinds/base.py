"""The small shape every segment kind shares: Ctx, Change, Command and its decorator.

A kind module defines KIND, LABEL, default_settings(), clean_settings(raw), the three views
(public_view, host_view, personal_view) and COMMANDS. Optional: DISPLAY_ONLY, a tuple of
keys of its public view that only the projector draws (a big room's phones are sent the public
state without them: socialapp.state.for_phones). Commands declare their arguments
(socialapp/args.py), mutate models through the session they are given and return a Change;
they never commit and never emit.
"""

from dataclasses import dataclass, field

from .. import args as arguments

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
    host: bool = True  # the hosts' panels (False, with public False: only some phones now;
    # presence, or a ballot whose counts follow through the sweeper)


@dataclass(frozen=True)
class Command:
    """fn(ctx, args) -> Change runs under the event lock and must be quick.

    args are the command's declared arguments (socialapp/args.py), checked before fn runs:
    fn gets {key: clean value} for each of them and nothing else. A command that declares
    none gets its raw args (a test insists that every command declares them).

    Slow work (grouping 500 notes takes seconds) goes in two optional steps that run before
    the lock: gather(ctx, args) reads plain data from the database, then prepare(data) computes
    in an OS thread, off the server's event loop, without the database; fn finds its result in
    ctx.prepared. The room's screens keep updating meanwhile."""

    fn: object
    roles: frozenset = frozenset({"host"})
    needs_live: bool = True  # only while this segment is the live one
    gather: object = None
    prepare: object = None
    args: tuple | None = None  # the declared arguments; None: not declared
    strict: bool = False  # refuse any field not declared (phones act on themselves only)

    def clean(self, raw):
        """The command's arguments, validated: {key: value}, or a CommandError."""
        return raw if self.args is None else arguments.clean(self.args, raw, self.strict)


@dataclass(frozen=True)
class HostField:
    """A setting the host edits in the agenda form: its declared argument (socialapp/args.py:
    Texts becomes a text area, one item per line; Int a number field), the form's label, and for
    a text area its rows and longest input. A kind lists them in HOST_SETTINGS."""

    arg: object
    label: str
    rows: int = 5
    max_len: int = 5000


def command(
    registry,
    name,
    roles=("host",),
    needs_live=True,
    gather=None,
    prepare=None,
    args=None,
    strict=False,
):
    """Decorator: register fn(ctx, args) -> Change under name, with its declared args."""

    def wrap(fn):
        declared = None if args is None else tuple(args)
        registry[name] = Command(
            fn, frozenset(roles), needs_live, gather, prepare, declared, strict
        )
        return fn

    return wrap


# Settings (and code written before declarations) read single fields with these; they apply
# the same rules and words as declared arguments.


def text(args, key, *, max_len, min_len=1, required=True, label=None):
    """Plain text of bounded length (one line up to 120 characters), or a readable error."""
    lines = max_len > 120
    arg = arguments.Text(key, max_len, min_len=min_len, lines=lines, label=label)
    arg.required = required
    return arg.parse(args)


def integer(args, key, *, lo, hi, required=True, label=None):
    return arguments.Int(key, lo, hi, required=required, label=label).parse(args)


def boolean(args, key, *, required=True, label=None):
    return arguments.Bool(key, required=required, label=label).parse(args)
