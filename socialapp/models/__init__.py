"""Database models: the core (events, agenda, people) and one module per segment kind."""

from .core import Attendee, ClientCommand, Event, Segment
from .icebreaker import *  # noqa: F401,F403

__all__ = ["Attendee", "ClientCommand", "Event", "Segment"]
