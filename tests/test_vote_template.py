"""The best-papers agenda template: its vote's categories are written in when the vote
starts, the best talk's options taken from the talks the open mic heard."""

from socialapp.events import create_event
from tests.conftest import command
from tests.test_vote import latest


def test_the_best_papers_template_seeds_its_categories_from_the_talks(app, host, sio):
    with app.app_context():
        ev = create_event("Best-paper night", "best-papers")
        code, key = ev.code, ev.host_key
    h = app.test_client()
    h.get(f"/e/{code}/host?key={key}")
    hs = sio(h, "host", code=code)
    agenda = latest(hs)["agenda"]
    mic, vote_seg = (next(x for x in agenda if x["kind"] == k) for k in ("open_mic", "vote"))
    command(hs, "agenda.goto", {"segment_id": mic["id"]})
    for name, title in (("Ada", "Attention, again"), ("Bo", "Tiny models")):
        command(hs, "open_mic.add", {"name": name, "title": title})
        command(hs, "open_mic.draw", {})
        command(hs, "open_mic.next", {"start": True})
    command(hs, "open_mic.end", {})
    assert command(hs, "agenda.goto", {"segment_id": vote_seg["id"]})["ok"]
    qs = latest(hs)["host"]["kind"]["questions"]
    assert [q["title"] for q in qs] == [
        "Best talk of the night",
        "Which idea will matter most in five years?",
        "How useful was tonight?",
    ]
    assert [o["label"] for o in qs[0]["options"]] == ["Ada: Attention, again", "Bo: Tiny models"]
    command(hs, "agenda.goto", {"segment_id": mic["id"]})
    command(hs, "agenda.goto", {"segment_id": vote_seg["id"]})  # live again: not seeded twice
    assert len(latest(hs)["host"]["kind"]["questions"]) == 3
