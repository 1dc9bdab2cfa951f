"""Deleting personal data (socialapp.privacy) asks each kind to let go of its rows: a kind
whose tables point at attendees must say how (forget_people), or a purge would fail on a
foreign key and nobody's data could ever go."""

from socialapp.extensions import db
from socialapp.kinds import KINDS


def kind_of(table):
    """The kind whose package declares this table, or None for the core's own."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table is table:
            parts = mapper.class_.__module__.split(".")
            return parts[2] if parts[:2] == ["socialapp", "kinds"] else None
    return None


def test_every_kind_table_pointing_at_attendees_has_a_forget_hook(app):
    pointing = {
        t.name: kind_of(t)
        for t in db.metadata.sorted_tables
        if any(fk.column.table.name == "attendee" for fk in t.foreign_keys)
    }
    kinds = {k for k in pointing.values() if k}
    assert kinds  # the check sees the kinds' tables
    missing = sorted(k for k in kinds if not hasattr(KINDS[k], "forget_people"))
    assert missing == [], f"kinds without forget_people: {missing} ({pointing})"
