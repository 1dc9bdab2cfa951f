"""Every host action, tried by an attendee, a projector and a stranger, over HTTP and
Socket.IO: all refused, nothing changed. The lists are read from the app, so actions added
later are covered without editing this file."""

import pytest

from socialapp import commands, ratelimit
from socialapp.kinds import KINDS
from tests.conftest import command
from tests.dbsnapshot import snapshot


def host_commands():
    names = [n for core in commands.CORE for n, c in core.items() if "host" in c.roles]
    for kind in KINDS.values():
        names += [n for n, c in kind.COMMANDS.items() if c.roles == frozenset({"host"})]
    return sorted(names)


def host_routes(app, code, segment_id):
    """Every POST route of the host blueprint, and every GET route marked host-only."""
    out = []
    for rule in app.url_map.iter_rules():
        host_only = rule.endpoint.startswith("host.") or getattr(
            app.view_functions[rule.endpoint], "host_only", False
        )
        if not host_only or rule.endpoint == "host.panel":
            continue
        url = rule.rule.replace("<code>", code).replace("<int:segment_id>", str(segment_id))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((method, url))
    return out


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)


def test_the_lists_are_not_empty(app, event):
    assert len(host_commands()) >= 11
    assert len(host_routes(app, event["code"], 1)) >= 7


@pytest.mark.parametrize("name", host_commands())
def test_host_commands_refused_for_everyone_else(name, app, event, phone, sio, host):
    h = sio(host, "host")
    command(h, "agenda.goto", {"segment_id": 2})  # something live, so commands could apply
    segment_id = [s for s in h.get_received() if s["name"] == "state"][-1]["args"][0]["live"]["id"]
    others = {
        "attendee": sio(phone("Eve"), "attendee"),
        "display": sio(role="display"),
        "stranger": sio(app.test_client(), "display"),
    }
    with app.app_context():
        before = snapshot()
    for who, client in others.items():
        ack = command(client, name, {"segment_id": segment_id, "seconds": 60, "to": 0})
        assert ack["ok"] is False and ack["code"] in ("forbidden", "conflict"), (who, ack)
    with app.app_context():
        assert snapshot(ignore=("attendee",)) == before.without("attendee")


def test_host_routes_refused_for_everyone_else(app, event, phone):
    with app.app_context():
        before = snapshot()
    clients = {"attendee": phone("Eve"), "stranger": app.test_client()}
    with app.app_context():
        before = snapshot()
    for method, url in host_routes(app, event["code"], 1):
        for who, c in clients.items():
            r = c.open(url, method=method, data={"to": 0, "key": "x"})
            assert r.status_code in (403, 401), (who, method, url, r.status_code)
    with app.app_context():
        assert snapshot() == before
