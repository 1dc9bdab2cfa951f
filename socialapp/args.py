"""Declared command arguments: each command says what it takes, the command layer checks it
before the command runs, and the command gets clean values.

    @command(COMMANDS, "mykind.draw", args=[Int("count", 1, 20, default=1)])
    def draw(ctx, args): ...  # args["count"] is a whole number from 1 to 20

A missing (or null) argument is its default when it has one, None when it is optional, and
otherwise refused like a wrong value. The same declarations write the argument column of the
protocol tables in docs/ (socialapp/protocol_docs.py) and drive the fuzz tests' generators
(tests/test_fuzz.py). Text goes through the one plain-text policy, socialapp/core/text.py.
"""

import re

from .core import text as plain
from .errors import CommandError

MAX_ID = 2**63 - 1  # the largest id a database column holds
MAX_IDS = 2000


def parse_id(value, what):
    """The one way to read an id: a whole number a database can hold, or 'Unknown <what>.'"""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise CommandError(f"Unknown {what}.", "not_found")
    return value


def plain_text(value, **rules):
    """core.text.clean, refusing the way commands refuse."""
    try:
        return plain.clean(value, **rules)
    except plain.TextError as exc:
        raise CommandError(exc.message) from None


class Arg:
    """One argument: its key, whether it may be left out, and how to read it."""

    def __init__(self, key, *, default=None, required=None, label=None, note=""):
        self.key = key
        self.default = default
        self.required = default is None if required is None else required
        self.label = label or key.replace("_", " ")
        self.note = note

    def parse(self, args):
        value = args.get(self.key)
        if value is None and not self.required:
            return self.default
        return self.read(value)

    def read(self, value):
        raise NotImplementedError

    def describe(self):
        raise NotImplementedError

    def doc(self):
        """This argument in a protocol table: `key?`: what it takes (default, note)."""
        out = f"`{self.key}{'' if self.required else '?'}`: {self.describe()}"
        extra = [f"default {self.show_default()}"] if self.default not in (None, "") else []
        extra += [self.note] if self.note else []
        return out + (f" ({'; '.join(extra)})" if extra else "")

    def show_default(self):
        return str(self.default)


class Id(Arg):
    """The id of a row (a segment, a note...); anything else is 'Unknown <what>.'"""

    def __init__(self, key, what, **kw):
        super().__init__(key, **kw)
        self.what = what

    def parse(self, args):
        value = args.get(self.key)
        return None if value is None and not self.required else parse_id(value, self.what)

    def describe(self):
        return f"{self.what} id"


class Ids(Arg):
    """A list of attendee ids, at most max_items."""

    def __init__(self, key, what="attendee", max_items=MAX_IDS, **kw):
        kw.setdefault("label", "list of people")
        super().__init__(key, **kw)
        self.what, self.max_items = what, max_items

    def read(self, value):
        if not isinstance(value, list) or len(value) > self.max_items:
            raise CommandError(f"The {self.label} is malformed.")
        try:
            return {parse_id(v, self.what) for v in value}
        except CommandError:
            raise CommandError(f"The {self.label} is malformed.") from None

    def describe(self):
        return f"list of at most {self.max_items} {self.what} ids"


class Text(Arg):
    """Plain text (socialapp/core/text.py): one line, or lines=True to keep line breaks."""

    def __init__(self, key, max_len, *, min_len=1, lines=False, empty=None, **kw):
        super().__init__(key, **kw)
        self.max_len, self.min_len, self.lines, self.empty = max_len, min_len, lines, empty

    def read(self, value):
        return plain_text(
            value,
            max_len=self.max_len,
            min_len=self.min_len,
            lines=self.lines,
            label=self.label,
            empty=self.empty,
        )

    def describe(self):
        size = f"up to {self.max_len}" if self.min_len == 0 else f"{self.min_len} to {self.max_len}"
        return f"plain text, {size} characters" + (", line breaks kept" if self.lines else "")


class Texts(Arg):
    """A list of plain one-line texts, or one text split at `split`; empty items dropped."""

    def __init__(self, key, max_items, max_len, *, item, split=r"\n", lower=False, **kw):
        super().__init__(key, **kw)
        self.max_items, self.max_len, self.item = max_items, max_len, item
        self.split, self.lower = split, lower  # lower: lower case, each once (filter words)

    def read(self, value):
        if isinstance(value, str):
            value = re.split(self.split, value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CommandError(f"The {self.label} must be a list of text lines.")
        too_many = CommandError(f"At most {self.max_items} {self.label}.")
        if len(value) > 4 * self.max_items + 64:  # do not read a flood item by item
            raise too_many
        out = []
        for raw in value:
            one = plain_text(raw, max_len=self.max_len, min_len=0, label=self.item)
            if self.lower:
                one = one.lower()
                if one in out:
                    continue
            if one:
                out.append(one)
        if len(out) > self.max_items:
            raise too_many
        return out

    def describe(self):
        sep = "commas or line breaks" if "," in self.split else "line breaks"
        return (
            f"list of plain texts, or one text separated by {sep}; at most {self.max_items}, "
            f"each up to {self.max_len} characters"
        )


class Int(Arg):
    """A whole number from lo to hi."""

    def __init__(self, key, lo, hi, **kw):
        super().__init__(key, **kw)
        self.lo, self.hi = lo, hi

    def read(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise CommandError(f"The {self.label} must be a whole number.")
        if not self.lo <= value <= self.hi:
            raise CommandError(f"The {self.label} must be between {self.lo} and {self.hi}.")
        return value

    def describe(self):
        return f"whole number, {self.lo} to {self.hi}"


class Bool(Arg):
    def read(self, value):
        if not isinstance(value, bool):
            raise CommandError(f"The {self.label} must be true or false.")
        return value

    def describe(self):
        return "true or false"

    def show_default(self):
        return "true" if self.default else "false"


class Choice(Arg):
    """One of a few words (options: any container of strings, such as a registry dict)."""

    def __init__(self, key, options, *, error=None, **kw):
        super().__init__(key, **kw)
        self.options, self.error = options, error

    def read(self, value):
        if not isinstance(value, str) or value not in self.options:  # a list is not hashable
            raise CommandError(self.error or f"The {self.label} must be one of {self.listed()}.")
        return value

    def listed(self):
        return ", ".join(f"`{o}`" for o in self.options)

    def describe(self):
        return f"one of {self.listed()}"


class Obj(Arg):
    """An object checked later by its owner (a kind's settings go through clean_settings)."""

    def __init__(self, key, *, error=None, **kw):
        super().__init__(key, **kw)
        self.error = error

    def read(self, value):
        if not isinstance(value, dict):
            raise CommandError(self.error or f"The {self.label} must be an object.")
        return value

    def describe(self):
        return "object"


class Token(Arg):
    """A machine-made string (a client's message id): 1 to max_len characters, not shown."""

    def __init__(self, key, max_len=64, **kw):
        super().__init__(key, **kw)
        self.max_len = max_len

    def read(self, value):
        if not isinstance(value, str) or not 1 <= len(value) <= self.max_len:
            raise CommandError(f"The {self.label} is malformed.")
        return value

    def describe(self):
        return f"string, 1 to {self.max_len} characters"


def clean(declared, raw, strict=False):
    """The declared arguments of a command, read from its raw args dict.

    strict: anything not declared (but segment_id, which the command layer reads) is
    refused: phones act on themselves only."""
    if strict:
        extra = set(raw) - {"segment_id", *(a.key for a in declared)}
        if extra:
            raise CommandError(f"Unexpected field: {sorted(map(str, extra))[0][:30]}.")
    return {a.key: a.parse(raw) for a in declared}
