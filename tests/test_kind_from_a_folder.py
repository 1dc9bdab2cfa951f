"""Adding a kind is adding one folder: tests/throwaway_kinds/tally/ (descriptor, model, its own
migration, a script) is picked up through SOCIALAPP_EXTRA_KINDS and works end to end: its
table is made by its migration, the host adds it from the agenda with its own setting, a phone
runs its command, every screen's state carries its views, its script is served and linked.

In a subprocess: the registry is read once per process, and this one's must stay as shipped."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import json, sys
from sqlalchemy import inspect
from socialapp import commands, create_app, state
from socialapp.events import create_event, find_event, join
from socialapp.extensions import db
from socialapp.kinds import KINDS

app = create_app({"TESTING": True, "SECRET_KEY": "x", "ASYNC_MODE": "threading",
                  "SQLALCHEMY_DATABASE_URI": sys.argv[1], "RATE_LIMITS": {}})
out = {"kinds": list(KINDS)}
with app.test_request_context():
    out["tables"] = sorted(inspect(db.engine).get_table_names())
    ev = create_event("Tally night", "mlc-social")
    code, key, eid = ev.code, ev.host_key, ev.id
    args = {"kind": "tally", "title": "Count us", "minutes": 5, "settings": {"step": 3}}
    out["add"] = commands.run(eid, "host", None, "agenda.add", args)
    sid = find_event(code).segments[-1].id
    out["goto"] = commands.run(eid, "host", None, "agenda.goto", {"segment_id": sid})
    ada = join(find_event(code), "Ada").id
    db.session.commit()
    out["taps"] = [commands.run(eid, "attendee", ada, "tally.tap", {}) for _ in range(2)]
    out["stray"] = commands.run(eid, "attendee", ada, "tally.tap", {"points": 99})
    ev = find_event(code)
    out["public"] = state.public_state(ev)["kind"]
    out["host"] = state.host_state(ev)["host"]["kind"]
    out["me"] = state.personal_state(ev, db.session.get(state.Attendee, ada))["kind"]
host = app.test_client()
host.get(f"/e/{code}/host?key={key}")
out["host_page_field"] = f'name="s{sid}-step"' in host.get(f"/e/{code}/host").get_data(as_text=True)
js = app.test_client().get("/kinds/tally/tally.js")
out["script"] = [js.status_code, "SA.kinds.tally" in js.get_data(as_text=True)]
js.close()
display = app.test_client().get(f"/e/{code}/display").get_data(as_text=True)
out["linked"] = "/kinds/tally/tally.js" in display
print(json.dumps(out))
"""


def test_a_kind_added_as_a_folder_runs_a_command_end_to_end(tmp_path):
    env = os.environ | {
        "SOCIALAPP_EXTRA_KINDS": str(ROOT / "tests" / "throwaway_kinds"),
        "SOCIALAPP_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, url],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["kinds"][-1] == "tally" and "info" in out["kinds"]
    assert "tally_tap" in out["tables"]  # made by the kind's own migration
    assert out["add"]["ok"] and out["goto"]["ok"], out
    assert [a["ok"] for a in out["taps"]] == [True, True]
    assert out["taps"][-1]["total"] == 6  # step 3, from the settings the host gave
    assert out["stray"]["ok"] is False and "Unexpected field" in out["stray"]["error"]
    assert out["public"] == {"total": 6} and out["host"] == {"step": 3}
    assert out["me"] == {"taps": 2}
    assert out["host_page_field"] and out["script"] == [200, True] and out["linked"]


def test_the_shipped_registry_does_not_have_it():
    from socialapp.kinds import KINDS

    assert "tally" not in KINDS
