"""Agenda templates as files: every built-in one loads; a wrong file is refused with its name
and the field; save -> edit the file by hand -> create from it; the front page's picker."""

import copy
import json

import pytest
from sqlalchemy import func, select

from socialapp import template_files
from socialapp.errors import CommandError
from socialapp.events import create_event, find_event
from socialapp.extensions import db
from socialapp.models import Event, Segment

BUILT_IN = sorted(template_files.files(template_files.builtin_folder()))
GOOD = {
    "name": "Tiny social",
    "segments": [
        {"kind": "info", "title": "Welcome", "minutes": 5},
        {"kind": "icebreaker", "title": "Pairs", "minutes": 10, "settings": {"group_size": 2}},
        {"kind": "connect", "title": "Stay connected", "minutes": 5},
    ],
}


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_built_in_template_loads_and_makes_an_event(app, name):
    with app.app_context():
        plan = template_files.load(name)
        ev = create_event(f"From {name}", name)
        assert [s.kind for s in ev.segments] == [s["kind"] for s in plan["segments"]]


def broken(change):
    plan = copy.deepcopy(GOOD)
    change(plan)
    return plan


def set_in(path, value):
    def change(plan):
        *head, last = path
        target = plan
        for key in head:
            target = target[key]
        target[last] = value

    return change


BAD = [
    (set_in(["segments", 2, "minutes"], "5"), "segments[2].minutes: must be a whole number 1-600"),
    (set_in(["segments", 0, "minutes"], 0), "segments[0].minutes: must be a whole number 1-600"),
    (set_in(["segments", 1, "minutes"], 2.5), "segments[1].minutes: must be a whole number"),
    (set_in(["segments", 0, "kind"], "karaoke"), "segments[0].kind: must be one of"),
    (set_in(["segments", 0, "title"], ""), "segments[0].title:"),
    (set_in(["segments", 0, "title"], "x" * 121), "segments[0].title:"),
    (set_in(["segments", 1, "settings", "group_size"], 9), "segments[1].settings:"),
    (set_in(["segments", 1, "settings", "colour"], "red"),
     "segments[1].settings.colour: unknown setting of icebreaker"),
    (set_in(["segments", 0, "settings"], [1]), "segments[0].settings: must be an object"),
    (set_in(["segments", 0, "mins"], 5), "segments[0].mins: unknown field"),
    (set_in(["segments"], []), "segments: must be a list of 1 to 30"),
    (set_in(["segments"], [GOOD["segments"][0]] * 31), "segments: must be a list of 1 to 30"),
    (set_in(["segments", 0], "Welcome"), "segments[0]: must be an object"),
    (set_in(["agenda"], []), "agenda: unknown field"),
    (set_in(["name"], "\u202eevil"), "name:"),
]  # fmt: skip


@pytest.mark.parametrize("change, error", BAD)
def test_a_wrong_template_is_refused_naming_the_file_and_the_field(app, change, error):
    with app.app_context():
        folder = template_files.saved_folder()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "club.json").write_text(json.dumps(broken(change)))
        with pytest.raises(CommandError) as exc:
            create_event("Club night", "club")
        assert exc.value.message.startswith(f"club.json: {error}"), exc.value.message
        assert db.session.scalar(select(func.count(Event.id))) == 0  # nothing half-made
        assert db.session.scalar(select(func.count(Segment.id))) == 0


def test_a_file_that_does_not_parse_says_where(app):
    with app.app_context():
        folder = template_files.saved_folder()
        folder.mkdir(parents=True)
        (folder / "a.json").write_text('{"name": "A", "segments": [}')
        (folder / "b.toml").write_text('name = "B"\nsegments = [1 2]\n')
        for name, file in (("a", "a.json"), ("b", "b.toml")):
            with pytest.raises(CommandError) as exc:
                create_event("X", name)
            assert exc.value.message.startswith(f"{file}: cannot be read:")
            assert "line" in exc.value.message


def test_toml_templates_are_read_too(app):
    toml = """
name = "Reading group"
about = "Written by hand."

[[segments]]
kind = "info"
title = "Summary"
minutes = 3

[[segments]]
kind = "icebreaker"
title = "Think-pair-share"
minutes = 2
settings = { group_size = 2, prompts = ["What would you apply first?"] }
"""
    with app.app_context():
        folder = template_files.saved_folder()
        folder.mkdir(parents=True)
        (folder / "reading.toml").write_text(toml)
        ev = create_event("Reading group, week 1", "reading")
        assert [(s.title, s.minutes) for s in ev.segments] == [
            ("Summary", 3),
            ("Think-pair-share", 2),
        ]
        assert ev.segments[1].settings["prompts"] == ["What would you apply first?"]


def test_unknown_template_names_the_ones_there_are(app):
    with app.app_context(), pytest.raises(CommandError) as exc:
        create_event("X", "nope")
    assert "Unknown template 'nope'" in exc.value.message and "mlc-social" in exc.value.message


def test_save_edit_create_round_trip_through_the_cli(app, event):
    runner = app.test_cli_runner()
    with app.test_request_context():
        from tests.room import Room

        room = Room(app, event)
        ice = next(s for s in find_event(event["code"]).segments if s.kind == "icebreaker")
        ok = room.host("agenda.update", segment_id=ice.id, settings={"prompts": ["Why ML?"]})
        assert ok["ok"]
        room.close()
    out = runner.invoke(args=["save-template", event["code"], "Weekly Club"])
    assert out.exit_code == 0, out.output
    with app.app_context():
        path = template_files.saved_folder() / "weekly-club.json"
    assert "weekly-club" in out.output and path.is_file()
    plan = json.loads(path.read_text())
    assert plan["segments"][1]["settings"]["prompts"] == ["Why ML?"]
    # The host edits the file by hand: a shorter icebreaker, one more segment.
    plan["segments"][1]["minutes"] = 12
    plan["segments"].append({"kind": "info", "title": "Next week", "minutes": 3})
    path.write_text(json.dumps(plan, indent=2))
    out = runner.invoke(args=["create-event", "Week 2", "--template", "weekly-club", "--json"])
    assert out.exit_code == 0, out.output
    with app.app_context():
        ev = find_event(json.loads(out.output)["code"])
        assert ev.template == "weekly-club"
        assert ev.segments[1].minutes == 12 and ev.segments[1].settings["prompts"] == ["Why ML?"]
        assert ev.segments[-1].title == "Next week" and len(ev.segments) == 7


def test_save_template_refuses_built_in_names_and_bad_names(app, event):
    runner = app.test_cli_runner()
    out = runner.invoke(args=["save-template", event["code"], "mlc-social"])
    assert out.exit_code != 0 and "built-in" in out.output
    out = runner.invoke(args=["save-template", event["code"], "!"])
    assert out.exit_code != 0 and "2 to 40 letters" in out.output
    out = runner.invoke(args=["save-template", "NOSUCH", "x1"])
    assert out.exit_code != 0 and "No event" in out.output


def test_the_host_panel_saves_a_template_and_only_the_host_can(app, event, host):
    stranger = app.test_client()
    assert (
        stranger.post(f"/e/{event['code']}/save-template", data={"name": "x1"}).status_code == 403
    )
    assert "Save as template" in host.get(f"/e/{event['code']}/host").get_data(as_text=True)
    r = host.post(f"/e/{event['code']}/save-template", data={"name": "Thursday social"})
    assert r.status_code == 302
    with app.app_context():
        assert template_files.load("thursday-social")["name"] == "Test Social"
    r = host.post(
        f"/e/{event['code']}/save-template", data={"name": "mlc-social"}, follow_redirects=True
    )
    assert "is a built-in template" in r.get_data(as_text=True)


def test_the_front_page_picker_lists_built_in_and_saved_templates(app, event, host):
    host.post(f"/e/{event['code']}/save-template", data={"name": "thursday-social"})
    with app.app_context():
        folder = template_files.saved_folder()
        (folder / "broken.json").write_text("{}")  # left out of the list, not an error page
    page = app.test_client().get("/").get_data(as_text=True)
    assert 'label="Ready agendas"' in page and 'label="Saved by hosts"' in page
    for name in [*BUILT_IN, "thursday-social"]:
        assert f'value="{name}"' in page
    assert 'value="broken"' not in page
    c = app.test_client()
    r = c.post("/", data={"name": "Thursday, again", "template": "thursday-social"})
    assert r.status_code == 302
    with app.app_context():
        ev = db.session.scalar(select(Event).where(Event.name == "Thursday, again"))
        assert ev.template == "thursday-social" and len(ev.segments) == 6
    r = c.post("/", data={"name": "Sneaky", "template": "../../etc/passwd"})
    assert r.status_code == 200 and "Not a valid choice" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Event).where(Event.name == "Sneaky")) is None
