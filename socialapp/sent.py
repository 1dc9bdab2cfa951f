"""What each phone was last sent, so an unchanged personal state is not sent again.

Per worker, and only trusted while every version of the event since was committed on this
worker: another worker's change (a gap in the versions this worker saw) may have sent phones
something else, so the record is dropped and everyone is sent their state again. The record
is also dropped every MAX_AGE seconds, so a miss heals by itself.
"""

import hashlib
import threading
import time

MAX_AGE = 60.0


class Sent:
    def __init__(self):
        self.guard = threading.Lock()
        self.events = {}  # event id -> {"v": last version seen, "since": t, "digests": {}}

    def committed(self, event_id, version):
        """This worker committed `version` of the event: a gap before it forgets the record."""
        with self.guard:
            rec = self.events.get(event_id)
            if rec is not None and version <= rec["v"]:
                return  # already seen (a write that takes no lock leaves the version alone)
            if rec is not None and rec["v"] + 1 != version:
                rec = None
            if rec is None or time.monotonic() - rec["since"] > MAX_AGE:
                rec = {"v": version, "since": time.monotonic(), "digests": {}}
            rec["v"] = max(rec["v"], version)
            self.events[event_id] = rec

    def changed_many(self, event_id, version, items):
        """The (attendee id, text, ...) items whose state differs from the one last sent to
        that phone (then remembered), in order; text: its JSON without its version number
        (socialapp.broadcast.unversioned, also what is sent). All of them when the record is
        not trusted at this version. A round's 2,000 phones take the guard once."""
        digests = [hashlib.blake2b(item[1].encode(), digest_size=12).digest() for item in items]
        with self.guard:
            rec = self.events.get(event_id)
            if rec is None or rec["v"] != version:
                if rec is not None:
                    rec["digests"].clear()  # someone else's change came in between
                return list(items)
            known = rec["digests"]
            out = []
            for item, digest in zip(items, digests, strict=True):
                if known.get(item[0]) != digest:
                    known[item[0]] = digest
                    out.append(item)
            return out
