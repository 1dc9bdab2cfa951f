"""An info segment: a title, instructions and a timer; nothing to do on the phone."""

KIND = "info"
LABEL = "Info"
ORDER = 50
COMMANDS = {}


def default_settings():
    return {}


def clean_settings(raw):
    return {}


def public_view(ctx):
    return {}


def host_view(ctx):
    return {}


def personal_view(ctx, attendee):
    return {}
