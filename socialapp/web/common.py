"""Helpers the blueprints share: finding the event or showing a friendly page, the caller's
address, rate limits, and the rotating join code's secret."""

from flask import current_app, render_template, request

from .. import auth, eventcache, joincode, ratelimit, take_home
from ..events import find_event

TOO_MANY_CODES = (
    "Lots of wrong event codes came from your network. Wait a minute, then check the code "
    "on the projector, or scan the QR code."
)


def client_address():
    """The caller's address: the peer, or behind TRUSTED_PROXIES proxies (nginx in front),
    the address the outermost trusted proxy saw. A venue's Wi-Fi is one address for all."""
    hops = current_app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        chain = [p.strip() for p in request.headers.get("X-Forwarded-For", "").split(",")]
        chain = [p for p in chain if p]
        if len(chain) >= hops:
            return chain[-hops]
    return request.remote_addr or "unknown"


def wait_for(name, key):
    """Spend one attempt from a named bucket (ratelimit.RULES): 0 if allowed, else seconds."""
    return ratelimit.hit(name, key, current_app.config.get("RATE_LIMITS"))


def slow_down(title, message, wait):
    page = render_template("message.html", title=title, message=message)
    return page, 429, {"Retry-After": str(int(wait) + 1)}


def join_secret():
    return current_app.config["SECRET_KEY"]


def event_ref(event):
    return f"{event.id}:{event.code}"


def display_key(event):
    return joincode.display_key(join_secret(), event_ref(event))


def belongs(event, key=None):
    """The host (signed in, or opening the host link), a phone that joined, or the projector
    (its display key)."""
    return bool(
        auth.is_host(event)
        or auth.current_attendee(event)
        or (key and joincode.is_display_key(join_secret(), event_ref(event), key))
        or (key and auth.check_host_key(event, key))
    )


def lookup_refused(event, key=None):
    """Event-code probing: each unknown code spends from the caller's address budget. Once it
    is spent, every lookup from there is refused alike (a known code must not answer
    differently, or refusals would tell codes apart), except for people of the event."""
    addr = client_address()
    if event is None:
        return wait_for("probe_address", addr) > 0
    limits = current_app.config.get("RATE_LIMITS")
    return ratelimit.left("probe_address", addr, limits) < 1 and not belongs(event, key)


def event_or_page(code, find=find_event):
    """(event, None) or (None, a friendly response) for a wrong, probed or ended code.
    find: find_event (an ORM event), or eventcache.find (a Row: the join path)."""
    event = find(code)
    if lookup_refused(event, request.args.get("key")):
        return None, slow_down("Too many tries", TOO_MANY_CODES, 60)
    if event is None:
        return None, (
            render_template(
                "message.html",
                title="No such event",
                message="No event has the code "
                f"{(code or '')[:12].upper()}. Check the code on the "
                "projector, or ask the host.",
            ),
            404,
        )
    if event.ended_at is not None:
        return None, (
            render_template(
                "message.html",
                title="This event has ended",
                message=f"{event.name} has ended. Thanks for coming!",
                # The host's panel is gone with the event: its Take home list stays here.
                downloads=(
                    take_home.exports(eventcache.orm_event(event)) if auth.is_host(event) else None
                ),
            ),
            410,
        )
    return event, None
