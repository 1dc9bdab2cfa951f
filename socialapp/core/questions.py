"""Questions from the floor: the order of the list and merging duplicates. Pure: no Flask, no
database.

A question here is plain data (Question below); the kind turns its rows into these. A vote is
a phone's id in `voters`, so one phone counts once however the question came to be (merged
from several duplicates, each voted for by the same phone).

Life of a question:  pending -> open -> answering -> answered
                        \\        \\-> hidden (by the host; shown again -> open)
                         \\-> merged (into another question: its askers and voters go there)
"""

import re
from dataclasses import dataclass, field, replace

PENDING = "pending"  # waiting for the host's approval (pre-moderation)
OPEN = "open"  # on the list, people vote
ANSWERING = "answering"  # pinned on the projector
ANSWERED = "answered"  # in the archive
HIDDEN = "hidden"
MERGED = "merged"
STATUSES = (PENDING, OPEN, ANSWERING, ANSWERED, HIDDEN, MERGED)
TEXT_MAX = 280
LINK_MAX = 300
# A suggested paper's link: a web address and nothing a screen could run (it is shown as a
# link on phones: no javascript:, no spaces, no quotes or angle brackets).
LINK = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def link_ok(link):
    return len(link) <= LINK_MAX and LINK.fullmatch(link) is not None


# Which statuses each host action may start from.
ALLOWED = {
    "approve": {PENDING},
    "hide": {PENDING, OPEN, ANSWERING},
    "show": {HIDDEN},
    "answer": {OPEN},  # "answering now"
    "answered": {ANSWERING, OPEN},
    "vote": {OPEN, ANSWERING},
    "merge": {PENDING, OPEN, HIDDEN},  # as a duplicate; the target must be open or answering
}


def allowed(action, status):
    return status in ALLOWED[action]


@dataclass(frozen=True)
class Question:
    id: int
    created_at: float
    voters: frozenset = field(default_factory=frozenset)
    askers: frozenset = field(default_factory=frozenset)

    @property
    def votes(self):
        return len(self.voters)


def rank_key(votes, created_at, qid):
    """Most votes first; among equal votes the newest first (it has had less time to gather
    votes); the id settles questions asked in the same instant, newest first too."""
    return (-votes, -created_at, -qid)


def ordered(questions):
    """The list as the room sees it."""
    return sorted(questions, key=lambda q: rank_key(q.votes, q.created_at, q.id))


def merge(target, duplicates):
    """The target with the duplicates folded in: votes are the union of the voters (a phone
    that voted for two copies counts once), every asker is kept; the target keeps its id and
    its time."""
    voters, askers = set(target.voters), set(target.askers)
    for d in duplicates:
        if d.id == target.id:
            raise ValueError("A question cannot be merged into itself.")
        voters |= d.voters
        askers |= d.askers
    return replace(target, voters=frozenset(voters), askers=frozenset(askers))


def toggle_vote(voters, phone):
    """A second tap takes the vote back: (new voters, True if the phone now votes)."""
    if phone in voters:
        return frozenset(voters) - {phone}, False
    return frozenset(voters) | {phone}, True
