"""The icebreaker segment kind: built by its own issue; shows title and instructions."""

from .info import default_settings, host_view, personal_view, public_view

KIND = "icebreaker"
LABEL = "Icebreaker"
COMMANDS = {}


def clean_settings(raw):
    return dict(raw or {})


__all__ = ["default_settings", "host_view", "personal_view", "public_view"]
