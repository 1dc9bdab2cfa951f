"""The states last sent to each event's rooms, so the next one can go out as a patch.

Per worker. A room's screens hold the state this worker last sent it (version `base`); a patch
(socialapp.core.patches) turns it into the new one. A screen holding anything else (it missed a
message, reconnected, or another worker sent in between) asks for the whole state again
("resync"), so a patch is never applied to the wrong state.

Two rules keep resyncs rare:
- The chain breaks when this worker sees a gap in the event's versions (another worker
  committed): the next send is a whole state, and a new chain starts from it.
- A screen that connects (or resyncs) while the chain is unbroken is sent the room's last state,
  not a fresh one: every change committed since is in a send still to come, whose patch starts
  from exactly that state. A fresh state would be ahead of that patch's base, and in a busy
  room every later patch too, forever.
"""

import threading
from collections import OrderedDict

from .core import patches
from .kinds import KINDS

# Events whose last states are kept (the busiest recent ones); an event dropped from here just
# gets its next send whole.
KEEP = 64


def patched(event):
    """True when the live segment's kind asks for its state as patches (PATCHES = True)."""
    seg = event.live_segment
    return bool(seg is not None and getattr(KINDS[seg.kind], "PATCHES", False))


class Streams:
    def __init__(self):
        self.guard = threading.Lock()
        # event id -> {"v": last version committed here, "rooms": {role: state}}, oldest first
        self.events = OrderedDict()
        # (before, state, message) of the last message made: the phones' and the projectors'
        # rooms are sent the same state object when nothing is projector-only (diff it once).
        self.last = None

    def committed(self, event_id, version):
        """This worker committed `version`: the chain holds only if it follows the last one."""
        with self.guard:
            rec = self.events.get(event_id)
            if rec is None or version <= rec["v"]:
                return
            if version == rec["v"] + 1:
                rec["v"] = version
            else:
                del self.events[event_id]

    def message(self, event, role, state, patched):
        """("patch", {code, base, v, p}) from the state last sent to this role's room, or
        ("state", state); either way `state` becomes the room's last."""
        with self.guard:
            rec = self.events.get(event.id)
            before = rec["rooms"].get(role) if rec else None
            rec = self.events.setdefault(event.id, {"v": state["v"], "rooms": {}})
            rec["rooms"][role] = state
            rec["v"] = max(rec["v"], state["v"])
            self.events.move_to_end(event.id)
            while len(self.events) > KEEP:
                self.events.popitem(last=False)
        if not patched or before is None or before["v"] >= state["v"]:
            return "state", state
        if (before.get("live") or {}).get("id") != (state.get("live") or {}).get("id"):
            return "state", state  # another segment: everything changed
        last = self.last
        if last is not None and last[0] is before and last[1] is state:
            return last[2]
        change = patches.diff(before, state)
        message = "patch", {"code": event.code, "base": before["v"], "v": state["v"], "p": change}
        self.last = (before, state, message)
        return message

    def newcomer(self, event, role):
        """The state to send a screen joining this role's room: the room's last one while the
        chain is unbroken up to the event's current version and the live kind is patched, else
        None (build a fresh one)."""
        if not patched(event):
            return None
        with self.guard:
            rec = self.events.get(event.id)
            if rec is None or rec["v"] != event.version:
                return None
            return rec["rooms"].get(role)

    def forget(self, event_id):
        with self.guard:
            self.events.pop(event_id, None)
