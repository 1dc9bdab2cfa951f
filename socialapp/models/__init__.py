"""Database models of the core: events, their agenda, people, series. Each kind keeps its own
models in socialapp/kinds/<kind>/models.py."""

from .core import Attendee, ClientCommand, Event, Segment
from .series import Series, SeriesMember, SeriesPerson, SeriesSession

__all__ = [
    "Attendee", "ClientCommand", "Event", "Segment",
    "Series", "SeriesMember", "SeriesPerson", "SeriesSession",
]  # fmt: skip
