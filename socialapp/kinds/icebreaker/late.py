"""Late joiners placed by themselves (a setting, on by default; the host can still do it).

A phone that joins during a round waits a few seconds (PLACE_WAIT_SECONDS: long enough for
a friend who arrives with them to be paired with them, short enough to feel immediate), then
the sweeper places everyone waiting the way the host's "Place them" does: two or more with
each other, a lone one into a pair that becomes a trio. The deadline is stored
(IcebreakerState.place_due_at), so with several workers exactly one acts, and a restart
loses nothing. With no pair to join (everyone else is in trios, or nobody else is here), a
lone late joiner waits until someone else arrives; the host sees them under "waiting".
"""

from ...args import Bool
from ...errors import CommandError
from ..base import Change, command
from .commands import COMMANDS, _place_command, _update_settings, waiting_ids
from .reading import current_round, round_open
from .rules import settings_of

PLACE_WAIT_SECONDS = 4.0


@command(COMMANDS, "icebreaker.auto_place", needs_live=False, args=[Bool("auto_place")])
def auto_place(ctx, args):
    """Late joiners are placed by themselves a few seconds after they arrive (or not)."""
    on = args["auto_place"]
    _update_settings(ctx.segment, auto_place=on)
    return Change(result={"auto_place": on})


def _waiting(seen):
    """Waiting people in IcebreakerState.host_seen ("present:waiting")."""
    try:
        return int(seen.rpartition(":")[2])
    except ValueError:
        return 0


def due(ctx, st):
    """The sweeper's question: is it time to place the people waiting?"""
    return (
        st is not None
        and st.place_due_at is not None
        and st.place_due_at <= ctx.now
        and settings_of(ctx.segment)["auto_place"]
    )


def sweep(ctx, st, seen):
    """Set, keep or clear the deadline; place everyone waiting once it has passed. Returns
    the Change of a placement, Change(public=False, host=False) when only the deadline moved
    (committed, nothing to send), or None."""
    rnd = current_round(ctx.segment)
    on = settings_of(ctx.segment)["auto_place"]
    before = st.place_due_at
    if not (on and _waiting(seen) and round_open(rnd, ctx.now)):
        st.place_due_at = None
    elif st.place_due_at is None:
        st.place_due_at = ctx.now + PLACE_WAIT_SECONDS
    elif st.place_due_at <= ctx.now:
        st.place_due_at = None
        people = waiting_ids(ctx, rnd)
        try:
            return _place_command(ctx, {"attendee_ids": None}, lambda _: people)
        except CommandError:
            pass  # a lone late joiner and no pair to join: wait until someone else comes
    return Change(public=False, host=False) if st.place_due_at != before else None
