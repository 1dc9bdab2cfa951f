"""What a round sends each phone: its own group, built for the whole room from one picture
(icebreaker.personal_views), the same as each phone's view on its own; a phone whose view did
not change is not sent it again (socialapp.sent)."""

import pytest
from sqlalchemy import select

from socialapp import broadcast, state
from socialapp.extensions import db
from socialapp.kinds import icebreaker
from socialapp.kinds.base import Ctx
from socialapp.kinds.icebreaker.models import IcebreakerGroup, IcebreakerMember
from tests.test_icebreaker import Ice


@pytest.fixture
def ice(app, event):
    board = Ice(app, event)
    yield board
    board.close()


@pytest.fixture
def sent(monkeypatch):
    """The personal states emitted, {attendee id: [states]}, as the broadcast sends them."""
    got = {}
    real = broadcast.send_me

    def send_me(room, state, packet):
        got.setdefault(state["id"], []).append(state)
        return real(room, state, packet)

    monkeypatch.setattr(broadcast, "send_me", send_me)
    return got


def stored_sign(group):
    """The sign stored for the latest group of this round's first member."""
    gid = db.session.scalar(
        select(IcebreakerMember.group_id)
        .where(IcebreakerMember.attendee_id == group[0])
        .order_by(IcebreakerMember.id.desc())
        .limit(1)
    )
    return db.session.get(IcebreakerGroup, gid).sign


def check_every_phone_has_its_group(ice, states):
    """Each phone's last state names exactly its stored group mates and its group's sign."""
    for group in ice.groups():
        sign = stored_sign(group)
        for me in set(group) & set(states):
            view = states[me][-1]["kind"]
            mates = [a for a in group if a != me]
            assert view["status"] == "grouped"
            assert sorted(m["id"] for m in view["mates"]) == mates
            assert sorted(view["members"]) == sorted(ice.name_of(a) for a in mates)
            assert view["sign"] == sign


@pytest.mark.parametrize("size", [2, 3])
def test_a_round_sends_every_phone_its_own_group(ice, sent, size):
    assert ice.host("icebreaker.mode", group_size=size)["ok"]
    ids = ice.crowd(31)
    for number in (1, 2, 3):  # later rounds avoid earlier pairs
        sent.clear()
        ack = ice.host("icebreaker.start_round")
        assert ack["ok"] and ack["matched"] == 31
        assert sorted(sent) == sorted(ids)  # every phone, once
        assert all(len(s) == 1 and s[0]["kind"]["round"] == number for s in sent.values())
        check_every_phone_has_its_group(ice, sent)


def test_the_room_at_once_equals_each_phone_alone(ice):
    ice.crowd(9)
    ice.host("icebreaker.start_round")
    ice.att("P0", "icebreaker.looking")
    ice.att("P1", "icebreaker.found")
    ice.person("Late")  # waiting to be placed
    ev = ice.event()
    people = state.people_of(ev)
    ctx = Ctx(ev, ev.live_segment, 0, role="attendee")
    batch = icebreaker.personal_views(ctx, people)
    assert batch == {p.id: icebreaker.personal_view(ctx, p) for p in people}
    assert {v["status"] for v in batch.values()} == {"grouped", "unplaced"}
    assert any(v["looking"] for v in batch.values() if v["status"] == "grouped")


def test_a_late_joiner_is_sent_their_group_and_only_their_mates_are_sent_again(ice, sent):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    late = ice.person("Late")
    sent.clear()
    assert ice.host("icebreaker.place")["ok"]
    trio = next(g for g in ice.groups() if late in g)
    assert sorted(sent) == trio  # the others' views did not change: not sent again
    check_every_phone_has_its_group(ice, {a: sent[a] for a in trio})
    assert sent[late][-1]["kind"]["late"] is True


def test_rematch_sends_the_rematched_their_new_group(ice, sent):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    me = ice.person("P0")
    assert ice.att("P0", "icebreaker.looking")["ok"]
    sent.clear()
    assert ice.host("icebreaker.rematch")["ok"]
    assert me in sent and sent[me][-1]["kind"]["looking"] is False
    regrouped = {a for g in ice.groups() if me in g for a in g}
    assert regrouped <= set(sent)
    check_every_phone_has_its_group(ice, {a: sent[a] for a in regrouped})
