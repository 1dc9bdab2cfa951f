"""Who is who: host sessions, attendee identity, and the display's read-only access."""

import hashlib
import hmac

from flask import session

from .events import attendee_by_token

REFUSED = {
    "host": "This browser is not signed in as the host. Open the host link or type the host key.",
    "attendee": "Join the event first: open the join link and type your name.",
}


def key_fingerprint(event):
    """Stored in the host's session instead of the key; rotating the key ends old sessions."""
    return hashlib.sha256(f"{event.id}:{event.host_key}".encode()).hexdigest()[:32]


def check_host_key(event, key):
    return isinstance(key, str) and hmac.compare_digest(key.encode(), event.host_key.encode())


# The session is a cookie (4 KB at most, or browsers drop it): one entry per event a browser
# joined or hosts, for the most recent ones only.
KEEP_EVENTS = 12


def remember(kind, event, value):
    """Keep value for this event in the session as the newest of its kind; forget the oldest
    beyond KEEP_EVENTS. The cookie's JSON has sorted keys, hence a list for the order."""
    key = str(getattr(event, "id", event))  # an event, or an id (a series' for people)
    entries = dict(session.get(kind) or {}) | {key: value}
    order = [k for k in session.get(kind + "_order") or [] if k in entries and k != key]
    order = [k for k in entries if k not in order and k != key] + order + [key]
    session[kind] = {k: entries[k] for k in order[-KEEP_EVENTS:]}
    session[kind + "_order"] = order[-KEEP_EVENTS:]
    session.permanent = True


def sign_in_host(event):
    remember("hosts", event, key_fingerprint(event))


def is_host(event, sess=None):
    sess = session if sess is None else sess
    stored = (sess.get("hosts") or {}).get(str(event.id))
    return isinstance(stored, str) and hmac.compare_digest(stored, key_fingerprint(event))


def remember_attendee(event, attendee):
    remember("attendees", event, attendee.token)


def remember_person(series_id, token):
    """The phone's identity in a series (socialapp.series): one entry per series."""
    remember("series_people", series_id, token)


def series_tokens(sess=None):
    """{series id (text): token} of the series this browser came to a session of."""
    sess = session if sess is None else sess
    return dict(sess.get("series_people") or {})


def current_attendee(event, sess=None):
    sess = session if sess is None else sess
    return attendee_by_token(event, (sess.get("attendees") or {}).get(str(event.id)))


def socket_role(event, wanted, sess):
    """(role, attendee) for a socket asking to be `wanted`, or (None, None) if refused."""
    if wanted == "host":
        return ("host", None) if is_host(event, sess) else (None, None)
    if wanted == "attendee":
        attendee = current_attendee(event, sess)
        return ("attendee", attendee) if attendee else (None, None)
    if wanted in (None, "display"):
        return "display", None
    return None, None
