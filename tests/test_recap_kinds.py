"""Votes and questions in what the evening leaves behind: the host's report states them, and
deleting personal data takes the ballots, the upvotes and who asked, while the report keeps
its figures and the questions their text."""

from socialapp.extensions import db
from tests.conftest import command


def ok(client, name, args=None):
    ack = command(client, name, args or {})
    assert ack["ok"], (name, args, ack)
    return ack


def live(h, kind, title):
    ok(h, "agenda.add", {"kind": kind, "title": title, "minutes": 10})
    state = [m["args"][0] for m in h.get_received() if m["name"] == "state"][-1]
    seg = [x for x in state["agenda"] if x["kind"] == kind][-1]
    ok(h, "agenda.goto", {"segment_id": seg["id"]})


def count(app, table):
    with app.app_context():
        return db.session.execute(db.text(f"SELECT count(*) FROM {table}")).scalar()


def test_votes_and_questions_in_the_report_and_gone_with_personal_data(
    app, host, phone, sio, event
):
    h = sio(host, "host")
    ada, bo, cy = (sio(phone(n), "attendee") for n in ("Ada", "Bo", "Cy"))
    live(h, "vote", "Best papers")
    ok(h, "vote.add", {"title": "Best vision paper", "type": "single", "options": ["ViT", "SAM"]})
    ok(h, "vote.open")
    for p, pick in ((ada, "ViT"), (bo, "ViT"), (cy, "SAM")):
        ok(p, "vote.cast", {"answer": pick})
    live(h, "questions", "Questions from the floor")
    asked = ok(ada, "questions.ask", {"text": "Does it scale past 1B parameters?"})
    qid = asked.get("question_id") or asked.get("id")
    ok(bo, "questions.vote", {"question_id": qid})
    ok(cy, "questions.vote", {"question_id": qid})

    code = event["code"]
    before = host.get(f"/e/{code}/report").data.decode()
    for words in ("Votes", "Best vision paper", "ViT", "Questions", "Does it scale past 1B"):
        assert words in before, words
    assert count(app, "vote_ballot") == 3 and count(app, "questions_vote") == 2

    host.post(f"/e/{code}/host/end")
    assert host.post(f"/e/{code}/report/purge", data={"confirm": "yes"}).status_code == 302
    assert count(app, "vote_ballot") == 0 and count(app, "questions_vote") == 0
    with app.app_context():
        rows = db.session.execute(db.text("SELECT attendee_id, name, text FROM questions_question"))
        assert [tuple(r) for r in rows] == [(None, "", "Does it scale past 1B parameters?")]
    after = host.get(f"/e/{code}/report").data.decode()
    for words in ("Best vision paper", "ViT", "Does it scale past 1B"):
        assert words in after, words
