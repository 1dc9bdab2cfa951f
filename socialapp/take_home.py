"""The "Take home" list: every download an event offers, in one place on the host panel.

The core offers the report (a zip of report.md and its charts); each kind adds its own through
the optional hook `exports(event, attendee=None) -> [(label, url, filename)]` in its
descriptor (docs/segment-kinds.md): with attendee None, what the host may take home; with an
attendee, what that person may (the contacts they met). The core lists them and never names a
kind. Every route listed answers with `Content-Disposition: attachment` and that file name, so
a click downloads a file (Markdown included) instead of opening raw text in the tab.
"""

from flask import url_for

from . import report
from .kinds import KINDS


def attachment(response, name):
    """Make a response a download called `name` (and never cached: exports are live)."""
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store, private"
    return response


def exports(event, attendee=None):
    """[{"label", "url", "filename", "kind"}]: the core's own first, then the kinds' in ORDER."""
    found = []
    if attendee is None:
        found.append(
            ("Report with charts (.zip)", url_for("report.download", code=event.code),
             report.filename(event, "zip"), "")
        )  # fmt: skip
    for name, kind in KINDS.items():
        hook = getattr(kind, "exports", None)
        for label, url, filename in hook(event, attendee) if hook else ():
            found.append((label, url, filename, name))
    return [{"label": la, "url": u, "filename": f, "kind": k} for la, u, f, k in found]
