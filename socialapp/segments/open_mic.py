"""The open_mic segment kind. Until its own issue builds it, it shows the title and instructions."""

from .info import default_settings, host_view, personal_view, public_view

KIND = "open_mic"
LABEL = "Open mic"
COMMANDS = {}


def clean_settings(raw):
    return dict(raw or {})


__all__ = ["default_settings", "host_view", "personal_view", "public_view"]
