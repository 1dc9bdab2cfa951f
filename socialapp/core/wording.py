"""Small phrases the results share, so every screen words a result the same way."""

from __future__ import annotations

from collections.abc import Sequence


def and_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C': how a screen lists names."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 ballot', '3 ballots'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def percent(part: int, whole: int) -> float:
    """A share in percent, one decimal: what bars and exports show."""
    return round(100 * part / whole, 1) if whole else 0.0


def short(value: object, limit: int = 40) -> str:
    """A user-supplied value fit to quote in an error message, whatever its size."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def figure(x: float | None) -> str:
    """A figure as a report writes it: 2, 2.5, 2.33; n/a for none."""
    if x is None:
        return "n/a"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
