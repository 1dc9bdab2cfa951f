"""Database models of the core: events, their agenda, people. Each kind keeps its own models in
socialapp/kinds/<kind>/models.py."""

from .core import Attendee, ClientCommand, Event, Segment

__all__ = ["Attendee", "ClientCommand", "Event", "Segment"]
