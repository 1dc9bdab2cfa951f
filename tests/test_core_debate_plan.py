"""The debate's running order: always ten steps, sides alternating, the motion's side opening
and closing last, every speech timed by its part's minutes."""

from hypothesis import given
from hypothesis import strategies as st

from socialapp.core.debate_plan import DEFAULT_MINUTES, hands_open, plan

NAMES = st.lists(st.text(min_size=1, max_size=5), max_size=3)


@given(NAMES, NAMES, st.dictionaries(st.sampled_from(list(DEFAULT_MINUTES)), st.integers(1, 30)))
def test_the_order_never_changes_shape(pro, con, minutes):
    steps = plan(pro, con, minutes)
    assert [s["kind"] for s in steps] == ["ballot"] + ["speech"] * 4 + ["floor"] + [
        "speech"
    ] * 2 + [
        "ballot",
        "result",
    ]
    speeches = [s for s in steps if s["kind"] == "speech"]
    assert [s["side"] for s in speeches] == ["for", "against"] * 2 + ["against", "for"]
    for s in speeches:
        names = pro if s["side"] == "for" else con
        assert s["speaker"] in names if names else s["speaker"] is None
        assert s["seconds"] == 60 * (minutes.get(s["part"]) or DEFAULT_MINUTES[s["part"]])
    assert [hands_open(i) for i in range(len(steps))] == [False] + [True] * 5 + [False] * 4


def test_each_side_opens_with_its_first_speaker_and_closes_with_its_last():
    steps = plan(["Ada", "Alan", "Ann"], ["Grace"])
    by = {(s.get("part"), s.get("side")): s.get("speaker") for s in steps}
    assert by[("opening", "for")] == "Ada" and by[("rebuttal", "for")] == "Alan"
    assert by[("closing", "for")] == "Ann"
    assert {by[(p, "against")] for p in ("opening", "rebuttal", "closing")} == {"Grace"}
    assert steps[1]["seconds"] == 360 and steps[3]["seconds"] == 180 and steps[5]["seconds"] == 600
