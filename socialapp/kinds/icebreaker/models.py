"""Models of the icebreaker segment kind: rounds, their groups and members, who met whom.

Everything a round decided is in the database (not in memory), so a server restart loses
nothing: groups with their meeting signs, who sits out or is looking, and every pair that met.
"""

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ...models.core import TimerColumns, now

__all__ = [
    "IcebreakerAttendance",
    "IcebreakerGroup",
    "IcebreakerMember",
    "IcebreakerPair",
    "IcebreakerRound",
    "IcebreakerState",
]


class IcebreakerState(db.Model):
    """Per icebreaker segment: which prompt comes next (the host may skip one), and what
    the host panel last saw."""

    __tablename__ = "icebreaker_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), unique=True)
    next_prompt: Mapped[int] = mapped_column(default=0)
    # "present:waiting" as the host panel last showed it: joins and phones leaving do not
    # send state by themselves, so the sweeper refreshes the host when this changes.
    host_seen: Mapped[str] = mapped_column(String(40), default="")
    # Late joiners are placed by themselves at this time (socialapp/kinds/icebreaker/late.py):
    # a stored deadline the sweeper acts on, not a thread; None while nobody waits.
    place_due_at: Mapped[float | None] = mapped_column(default=None)


class IcebreakerRound(TimerColumns, db.Model):
    """One round: a question, a timer (timestamps, as the segment's) and groups."""

    __tablename__ = "icebreaker_round"
    __table_args__ = (UniqueConstraint("segment_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    number: Mapped[int] = mapped_column()  # 1, 2, ... within the segment
    prompt: Mapped[str] = mapped_column(Text, default="")
    prompt_index: Mapped[int | None] = mapped_column(default=None)
    group_size: Mapped[int] = mapped_column(default=2)
    started_at: Mapped[float] = mapped_column(default=now)
    ended_at: Mapped[float | None] = mapped_column(default=None)
    # Set when a change the projector shows was not broadcast at once (big rooms coalesce
    # "found each other" taps); the sweeper sends the public state and clears it.
    dirty_at: Mapped[float | None] = mapped_column(default=None)


class IcebreakerGroup(db.Model):
    """A group of 2 or 3 in a round, with its meeting sign (number, colour, emoji)."""

    __tablename__ = "icebreaker_group"
    __table_args__ = (UniqueConstraint("round_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("icebreaker_round.id"))
    number: Mapped[int] = mapped_column()
    colour: Mapped[str] = mapped_column(String(20))
    hex: Mapped[str] = mapped_column(String(7))
    ink: Mapped[str] = mapped_column(String(7))
    emoji: Mapped[str] = mapped_column(String(8))
    emoji_name: Mapped[str] = mapped_column(String(20))
    late: Mapped[bool] = mapped_column(default=False)  # made by placing late joiners
    found_at: Mapped[float | None] = mapped_column(default=None)
    created_at: Mapped[float] = mapped_column(default=now)
    # Why these people are together, for their phones, when a round is matched by the
    # answers to a vote question (answer_reasons.explain); None otherwise.
    reason: Mapped[str | None] = mapped_column(String(200), default=None)

    @property
    def sign(self):
        return sign_of(self.number, self.colour, self.hex, self.ink, self.emoji, self.emoji_name)


# The columns a sign is made of, in sign_of's order (views read them as plain rows).
SIGN_COLUMNS = (
    IcebreakerGroup.number,
    IcebreakerGroup.colour,
    IcebreakerGroup.hex,
    IcebreakerGroup.ink,
    IcebreakerGroup.emoji,
    IcebreakerGroup.emoji_name,
)


def sign_of(number, colour, hex, ink, emoji, emoji_name):
    return {
        "number": number,
        "colour": colour,
        "hex": hex,
        "ink": ink,
        "emoji": emoji,
        "emoji_name": emoji_name,
        "label": f"{colour} {emoji_name} {number}",
    }


class IcebreakerMember(db.Model):
    """Someone's place in a round: one group per person per round."""

    __tablename__ = "icebreaker_member"
    __table_args__ = (
        UniqueConstraint("round_id", "attendee_id"),
        Index("ix_icebreaker_member_group", "group_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("icebreaker_round.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("icebreaker_group.id"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    late: Mapped[bool] = mapped_column(default=False)
    looking_at: Mapped[float | None] = mapped_column(default=None)  # "can't find my group"
    joined_at: Mapped[float] = mapped_column(default=now)


class IcebreakerPair(db.Model):
    """Two people grouped in a round (a < b): the no-repeat rule and "stay connected".

    Each side confirms on its own that they really met ("we found each other" on the phone,
    or "I met them" on the Stay connected list); contact lines go only where both did."""

    __tablename__ = "icebreaker_pair"
    __table_args__ = (
        UniqueConstraint("event_id", "a", "b"),
        CheckConstraint("a < b", name="ck_icebreaker_pair_order"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"))
    a: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    b: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("icebreaker_round.id"))
    met_at: Mapped[float] = mapped_column(default=now)
    a_confirmed_at: Mapped[float | None] = mapped_column(default=None)
    b_confirmed_at: Mapped[float | None] = mapped_column(default=None)


class IcebreakerAttendance(db.Model):
    """Per person and segment: tapped "I'm here", and which round they sit out."""

    __tablename__ = "icebreaker_attendance"
    __table_args__ = (UniqueConstraint("segment_id", "attendee_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    here_at: Mapped[float | None] = mapped_column(default=None)
    skip_round: Mapped[int | None] = mapped_column(default=None)
