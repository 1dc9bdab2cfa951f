"""Fill an event's sticky-note wall with many notes, for browser tests of the host's board:
`python -m tests.wall_seed CODE [N]` in the live server's environment (its instance folder).

Rows are written directly (phones would take minutes to type 500 notes; the commands are
tested elsewhere). Run it before the host opens the wall: the panel then gets every note in
its first state. Prints the ids of the themes and of a few marked notes as JSON."""

import json
import secrets
import sys

THEMES = ["Agree on authorship early", "Meet every week", "Share code and data",
          "Kind reviews", "Write decisions down", "Onboard newcomers"]  # fmt: skip
PHRASES = [
    "Keep a shared calendar of deadlines", "Pair a newcomer with a mentor",
    "Record who decided what and why", "Pin the versions of every package",
    "Say thank you in public, criticise in private", "Write the README before the code",
    "Book a room for the weekly sync", "Put the data licence in the repository",
    "Read each other's drafts within two days", "Ask before adding an author",
]  # fmt: skip
FINDABLE = "Rotate the note-taker every week so nobody carries it alone"


def seed(code, count):
    from socialapp import create_app
    from socialapp.events import find_event
    from socialapp.extensions import db
    from socialapp.kinds.wall.models import WallNote, WallTheme
    from socialapp.models import Attendee

    app = create_app({"ASYNC_MODE": "threading"})
    with app.app_context():
        event = find_event(code)
        seg = next(s for s in event.segments if s.kind == "wall")
        themes = [WallTheme(segment_id=seg.id, title=t, position=i) for i, t in enumerate(THEMES)]
        people = [
            Attendee(event_id=event.id, token=secrets.token_hex(16), name=f"Person {i}")
            for i in range(count // 8 + 1)
        ]
        db.session.add_all(themes + people)
        db.session.flush()
        for i in range(count):
            text = FINDABLE if i == count - 3 else f"{PHRASES[i % len(PHRASES)]} (idea {i + 1})"
            state = "hidden" if i % 17 == 5 else "pending" if i % 19 == 7 else "shown"
            theme = themes[i % len(themes)].id if state == "shown" and i % 5 else None
            db.session.add(
                WallNote(segment_id=seg.id, attendee_id=people[i // 8].id, cid=f"seed{i}",
                         text=text, state=state, theme_id=theme)
            )  # fmt: skip
        db.session.commit()
        return {"segment": seg.id, "title": seg.title, "themes": [t.id for t in themes]}


if __name__ == "__main__":
    print(json.dumps(seed(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500)))
