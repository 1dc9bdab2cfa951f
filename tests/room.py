"""A test event driven through the command layer (as the Socket.IO handlers do), inside one
request context; people join by name the first time they are named."""

import random

from socialapp import commands, ratelimit, state
from socialapp.events import find_event, join
from socialapp.extensions import db
from socialapp.models import Attendee


class Room:
    RESET_RATE_LIMIT = True  # tests of a kind's own limits turn this off

    def __init__(self, app, event, kind=None, seed=1):
        self.app, self.code, self.event_id = app, event["code"], event["id"]
        self.ctx = app.test_request_context()
        self.ctx.push()
        self.rng = random.Random(seed)
        self.people = {}
        if kind:
            self.segment_id = self.segment_of(kind)
            assert self.host("agenda.goto", segment_id=self.segment_id)["ok"]

    def segment_of(self, kind):
        return next(s.id for s in find_event(self.code).segments if s.kind == kind)

    def close(self):
        db.session.remove()
        self.ctx.pop()

    def person(self, name):
        if name not in self.people:
            attendee = join(find_event(self.code), name)
            db.session.commit()
            self.people[name] = attendee.id
        return self.people[name]

    def host(self, name, **args):
        ratelimit.reset()
        return commands.run(self.event_id, "host", None, name, args, rng=self.rng)

    def att(self, who, name, mid=None, **args):
        """An attendee's command; mid is the message's id (the command layer's cid)."""
        if self.RESET_RATE_LIMIT:
            ratelimit.reset()
        return commands.run(
            self.event_id, "attendee", self.person(who), name, args, cid=mid, rng=self.rng
        )

    def event(self):
        db.session.expire_all()
        return find_event(self.code)

    def public(self):
        return state.public_state(self.event())["kind"]

    def hosted(self):
        return state.host_state(self.event())["host"]["kind"]

    def me(self, who):
        ev = self.event()
        return state.personal_state(ev, db.session.get(Attendee, self.person(who)))["kind"]
