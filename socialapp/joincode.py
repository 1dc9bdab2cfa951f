"""The optional rotating join code: a short code that changes every few minutes.

When the host turns it on, the projector shows a QR code whose link carries the current code,
and the join form asks for it; a code is accepted during its own window and the one after, so
someone who scanned a moment before it changed still gets in, while a photo of the QR posted
online goes stale within two windows. Phones that already joined keep their cookie.

Codes are derived, never stored: HMAC(secret, event, window). The projector proves it is the
projector with a display key derived the same way (the host panel's display link carries it).
Plain functions of plain data.
"""

import hashlib
import hmac

WINDOW_SECONDS = 180
LENGTH = 4
# The event-code alphabet: no 0/O, 1/I/L (read off a projector, typed on phones).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _mac(secret, *parts):
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, ":".join(map(str, parts)).encode(), hashlib.sha256).digest()


def window(now):
    return int(now // WINDOW_SECONDS)


def code_for(secret, event_id, win):
    digest = int.from_bytes(_mac(secret, "join", event_id, win), "big")
    out = []
    for _ in range(LENGTH):
        digest, i = divmod(digest, len(ALPHABET))
        out.append(ALPHABET[i])
    return "".join(out)


def current(secret, event_id, now):
    """(code, seconds until it changes)."""
    win = window(now)
    return code_for(secret, event_id, win), (win + 1) * WINDOW_SECONDS - now


def normalise(code):
    return "".join(str(code or "").split()).upper()[: LENGTH + 4]


def accepts(secret, event_id, code, now):
    """The code of this window or of the one before (scanned just before it changed)."""
    code = normalise(code)
    if len(code) != LENGTH:
        return False
    win = window(now)
    return any(
        hmac.compare_digest(code.encode(), code_for(secret, event_id, w).encode())
        for w in (win, win - 1)
    )


def display_key(secret, event_id):
    """What the projector shows to get the codes (it is in the host panel's display link)."""
    return _mac(secret, "display", event_id).hex()[:24]


def is_display_key(secret, event_id, key):
    return isinstance(key, str) and hmac.compare_digest(
        key.encode(), display_key(secret, event_id).encode()
    )
