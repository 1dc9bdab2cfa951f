"""The wall segment kind. Until its own issue builds it, it shows the title and instructions."""

from .info import default_settings, host_view, personal_view, public_view

KIND = "wall"
LABEL = "Sticky-note wall"
COMMANDS = {}


def clean_settings(raw):
    return dict(raw or {})


__all__ = ["default_settings", "host_view", "personal_view", "public_view"]
