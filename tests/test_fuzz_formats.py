"""The paper club's commands fuzzed where they can act: tests/test_fuzz.py fuzzes every
command, but on the reference social, where a slots segment is never live and no segment
collects questions early, so there they are refused before their arguments are read. Here
the slots segment is live, and a presenter's section is live while its pause collects
questions (socialapp/side.py): same rules, a clear error or a valid change, never a server
exception, and a refused message changes nothing."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from socialapp import create_app, ratelimit
from socialapp.events import create_event
from socialapp.extensions import socketio
from tests.test_fuzz import FUZZ, PER_COMMAND, ROLES, SPECS, args_for, check_ack, nasty_text

CASES = [
    ("Next presenters", "slots.take"),
    ("Next presenters", "slots.withdraw"),
    ("Next presenters", "slots.release"),
    ("Next presenters", "slots.assign"),
    ("Method", "questions.ask"),  # into the pause after it, and anywhere else
    ("Method", "questions.vote"),
    ("Next paper", "questions.ask"),  # with links
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    # The limiter's buckets live in the process: after test_fuzz's thousands of requests from
    # the same test address, this module's join would be refused and its phone not connected.
    ratelimit.reset()
    path = tmp_path_factory.mktemp("fuzz-formats")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "fuzz",
            "WTF_CSRF_ENABLED": False,
            "ASYNC_MODE": "threading",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path / 'fuzz.sqlite'}",
        }
    )
    with app.app_context():
        ev = create_event("Club", "paper-club")
        code, key = ev.code, ev.host_key
        titles = {s.title: s.id for s in ev.segments}
    http = {r: app.test_client() for r in ROLES}
    http["host"].get(f"/e/{code}/host?key={key}")
    http["attendee"].post(f"/j/{code}", data={"name": "Fuzzy"})
    sockets = {
        r: socketio.test_client(
            app,
            flask_test_client=http[r],
            auth={"code": code, "role": "display" if r == "stranger" else r},
        )
        for r in ROLES
    }
    return {"app": app, "code": code, "http": http, "sockets": sockets, "titles": titles}


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)


@pytest.mark.parametrize(("live", "name"), CASES)
def test_fuzz_paper_club_commands(world, live, name):
    host = world["sockets"]["host"]
    seg = world["titles"][live]
    ack = host.emit("command", {"name": "agenda.goto", "args": {"segment_id": seg}}, callback=True)
    assert ack["ok"], ack
    segment_ids = st.sampled_from(sorted(world["titles"].values()))

    @settings(FUZZ, max_examples=min(PER_COMMAND, settings.default.max_examples))
    @given(
        role=st.sampled_from(ROLES),
        a=args_for(SPECS[name]),
        seg_id=st.one_of(st.none(), segment_ids),
        cid=st.one_of(st.none(), nasty_text),
    )
    def fuzz(role, a, seg_id, cid):
        assume(isinstance(a, dict) or seg_id is None)
        if seg_id is not None:
            a = a | {"segment_id": seg_id}
        payload = {"name": name, "args": a} | ({} if cid is None else {"cid": cid})
        check_ack(world, role, "command", payload)

    fuzz()
