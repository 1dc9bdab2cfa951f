"""Rows a host's database could hold, declared per migration: tests/test_upgrade.py builds a
database at every earlier release, fills it with the rows of the revisions it has, upgrades it
the way the app does on start, and checks every row is still there. Revisions are written here
in the order they were released: those up to one of them are what a host of that release has.

A new migration: add ROWS["<its revision id>"] = {table: [row, ...]} at the end, with realistic
rows for every table it creates and a value for every column it adds (rows in existing tables
that set the new column are fine). A migration that adds neither tables nor columns declares {}.
The test fails for a revision with no entry, or one whose entry leaves a new table empty or a
new column unset. Ids are given so rows can point at rows of earlier revisions; they never
collide across revisions. Tables are filled in the order written here."""

T0 = 1_764_000_000.0  # timestamps: a social on an evening of November 2025

# Data, one row a line where it fits: kept out of the formatter.
# fmt: off
ROWS = {
    "0001_core": {
        "event": [
            dict(id=1, code="QK7RZ4", name="ICLR Social", host_key="k" * 43,
                 template="mlc-social", created_at=T0, ended_at=None, version=57,
                 show_count=True, auto_advance=False, chime=True, live_segment_id=3),
            dict(id=2, code="ZX9WQP", name="Café Ünïcode 🎉 night", host_key="h" * 43,
                 template="", created_at=T0 - 86_400, ended_at=T0 - 80_000, version=12,
                 show_count=False, auto_advance=True, chime=False, live_segment_id=None),
        ],
        "segment": [
            dict(id=1, event_id=1, position=0, kind="info", title="Welcome",
                 instructions="Grab a drink", minutes=5.0, settings_json="{}", status="done",
                 timer_status="stopped", timer_duration=300.0, timer_ends_at=None,
                 timer_remaining=0.0, started_at=T0 + 60, ended_at=T0 + 360),
            dict(id=2, event_id=1, position=1, kind="icebreaker", title="Meet 3 people",
                 instructions="", minutes=15.0, settings_json='{"group_size": 3}',
                 status="done", timer_status="stopped", timer_duration=900.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 + 360,
                 ended_at=T0 + 1260),
            dict(id=3, event_id=1, position=2, kind="wall", title="Ideas wall",
                 instructions="One idea per note", minutes=10.0, settings_json="{}",
                 status="live", timer_status="running", timer_duration=600.0,
                 timer_ends_at=T0 + 1900.5, timer_remaining=None, started_at=T0 + 1300,
                 ended_at=None),
            dict(id=4, event_id=1, position=3, kind="open_mic", title="Lightning talks",
                 instructions="", minutes=20.0, settings_json='{"speaker_minutes": 2}',
                 status="pending", timer_status="idle", timer_duration=0.0,
                 timer_ends_at=None, timer_remaining=None, started_at=None, ended_at=None),
            dict(id=5, event_id=1, position=4, kind="connect", title="Stay connected",
                 instructions="", minutes=5.0, settings_json="{}", status="pending",
                 timer_status="paused", timer_duration=300.0, timer_ends_at=None,
                 timer_remaining=120.25, started_at=None, ended_at=None),
            dict(id=6, event_id=2, position=0, kind="wall", title="Questions",
                 instructions="", minutes=10.0, settings_json="{}", status="done",
                 timer_status="stopped", timer_duration=600.0, timer_ends_at=None,
                 timer_remaining=0.0, started_at=T0 - 85_000, ended_at=T0 - 84_400),
        ],
        "attendee": [
            dict(id=1, event_id=1, token="t-ada-1", name="Ada", name_no=1,
                 created_at=T0 + 10, last_seen=T0 + 1800),
            dict(id=2, event_id=1, token="t-ada-2", name="Ada", name_no=2,
                 created_at=T0 + 11, last_seen=T0 + 1790),
            dict(id=3, event_id=1, token="t-lei", name="李雷", name_no=1,
                 created_at=T0 + 12, last_seen=T0 + 1700),
            dict(id=4, event_id=1, token="t-zoe", name="Zoë 🌻", name_no=1,
                 created_at=T0 + 13, last_seen=T0 + 1801),
            dict(id=5, event_id=1, token="t-omar", name="عمر", name_no=1,
                 created_at=T0 + 14, last_seen=T0 + 400),
            dict(id=6, event_id=1, token="t-bob", name="Bob", name_no=1,
                 created_at=T0 + 15, last_seen=T0 + 1805),
            dict(id=7, event_id=2, token="t-eve", name="Eve", name_no=1,
                 created_at=T0 - 85_500, last_seen=T0 - 84_000),
            dict(id=8, event_id=2, token="t-ana", name="Ana", name_no=1,
                 created_at=T0 - 85_400, last_seen=T0 - 84_100),
        ],
        "client_command": [
            dict(id=1, event_id=1, actor="host", cid="c-host-1",
                 result_json='{"ok": true}', created_at=T0 + 60),
            dict(id=2, event_id=1, actor="at1", cid="c-ada-1", result_json='{"ok": true}',
                 created_at=T0 + 1400),
            dict(id=3, event_id=2, actor="at7", cid="c-eve-1",
                 result_json='{"ok": false, "error": "locked"}', created_at=T0 - 84_500),
        ],
    },
    "0002_wall": {
        "wall_board": [
            dict(segment_id=3, locked=False, premoderate=True, words_json='["spam"]',
                 suggestion_json='{"themes": ["Food", "Travel"]}', undo_json=None),
            dict(segment_id=6, locked=True, premoderate=False, words_json="[]",
                 suggestion_json=None, undo_json='{"notes": {"10": null}}'),
        ],
        "wall_theme": [
            dict(id=1, segment_id=3, title="Food", position=0, created_at=T0 + 1500),
            dict(id=2, segment_id=3, title="Travel ✈", position=1, created_at=T0 + 1501),
        ],
        "wall_note": [
            dict(id=10, segment_id=3, attendee_id=1, cid="n-ada-1", text="More dumplings",
                 state="shown", flagged="", theme_id=1, created_at=T0 + 1350,
                 updated_at=T0 + 1500),
            dict(id=11, segment_id=3, attendee_id=3, cid="n-lei-1", text="去长城 🧱",
                 state="shown", flagged="", theme_id=2, created_at=T0 + 1360,
                 updated_at=T0 + 1501),
            dict(id=12, segment_id=3, attendee_id=2, cid="n-ada2-1", text="buy spam now",
                 state="pending", flagged="spam", theme_id=None, created_at=T0 + 1370,
                 updated_at=T0 + 1370),
            dict(id=13, segment_id=3, attendee_id=6, cid="n-bob-1", text="Hidden by host",
                 state="hidden", flagged="", theme_id=None, created_at=T0 + 1380,
                 updated_at=T0 + 1390),
            dict(id=14, segment_id=6, attendee_id=7, cid="n-eve-1", text="When is lunch?",
                 state="shown", flagged="", theme_id=None, created_at=T0 - 84_900,
                 updated_at=T0 - 84_900),
        ],
        "wall_vote": [
            dict(id=1, segment_id=3, note_id=10, attendee_id=2),
            dict(id=2, segment_id=3, note_id=10, attendee_id=3),
            dict(id=3, segment_id=3, note_id=11, attendee_id=1),
            dict(id=4, segment_id=6, note_id=14, attendee_id=8),
        ],
    },
    "0002_icebreaker": {
        "icebreaker_state": [
            dict(id=1, segment_id=2, next_prompt=2, host_seen="5:1"),
        ],
        "icebreaker_round": [
            dict(id=1, event_id=1, segment_id=2, number=1, prompt="Best trip ever?",
                 prompt_index=0, group_size=2, timer_status="stopped", timer_duration=300.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 + 400,
                 ended_at=T0 + 700, dirty_at=None),
            dict(id=2, event_id=1, segment_id=2, number=2, prompt="A book you'd give?",
                 prompt_index=1, group_size=3, timer_status="running", timer_duration=300.0,
                 timer_ends_at=T0 + 1100, timer_remaining=None, started_at=T0 + 800,
                 ended_at=None, dirty_at=T0 + 805.5),
        ],
        "icebreaker_group": [
            dict(id=1, round_id=1, number=1, colour="teal", hex="#0f766e", ink="#ffffff",
                 emoji="🐙", emoji_name="octopus", late=False, found_at=T0 + 430,
                 created_at=T0 + 400),
            dict(id=2, round_id=1, number=2, colour="amber", hex="#b45309", ink="#000000",
                 emoji="🦊", emoji_name="fox", late=False, found_at=None, created_at=T0 + 400),
            dict(id=3, round_id=2, number=1, colour="plum", hex="#7e22ce", ink="#ffffff",
                 emoji="🌵", emoji_name="cactus", late=False, found_at=T0 + 830,
                 created_at=T0 + 800),
            dict(id=4, round_id=2, number=2, colour="sky", hex="#0369a1", ink="#ffffff",
                 emoji="🚲", emoji_name="bicycle", late=True, found_at=None,
                 created_at=T0 + 850),
        ],
        "icebreaker_member": [
            dict(id=1, round_id=1, group_id=1, attendee_id=1, late=False, looking_at=None,
                 joined_at=T0 + 400),
            dict(id=2, round_id=1, group_id=1, attendee_id=3, late=False, looking_at=None,
                 joined_at=T0 + 400),
            dict(id=3, round_id=1, group_id=2, attendee_id=2, late=False,
                 looking_at=T0 + 450, joined_at=T0 + 400),
            dict(id=4, round_id=1, group_id=2, attendee_id=4, late=False, looking_at=None,
                 joined_at=T0 + 400),
            dict(id=5, round_id=2, group_id=3, attendee_id=1, late=False, looking_at=None,
                 joined_at=T0 + 800),
            dict(id=6, round_id=2, group_id=3, attendee_id=2, late=False, looking_at=None,
                 joined_at=T0 + 800),
            dict(id=7, round_id=2, group_id=3, attendee_id=4, late=False, looking_at=None,
                 joined_at=T0 + 800),
            dict(id=8, round_id=2, group_id=4, attendee_id=6, late=True, looking_at=None,
                 joined_at=T0 + 850),
        ],
        "icebreaker_pair": [
            dict(id=1, event_id=1, a=1, b=3, round_id=1, met_at=T0 + 430),
            dict(id=2, event_id=1, a=1, b=2, round_id=2, met_at=T0 + 830),
            dict(id=3, event_id=1, a=1, b=4, round_id=2, met_at=T0 + 830),
            dict(id=4, event_id=1, a=2, b=4, round_id=2, met_at=T0 + 830),
        ],
        "icebreaker_attendance": [
            dict(id=1, segment_id=2, attendee_id=1, here_at=T0 + 390, skip_round=None),
            dict(id=2, segment_id=2, attendee_id=5, here_at=None, skip_round=2),
            dict(id=3, segment_id=2, attendee_id=6, here_at=T0 + 849, skip_round=None),
        ],
    },
    "0002_open_mic": {
        "open_mic_bowl": [
            dict(segment_id=4, event_id=1, closed=False, last_no=2),
        ],
        "open_mic_entry": [
            dict(id=1, event_id=1, segment_id=4, attendee_id=4, name="Zoë 🌻",
                 title="Sunflowers & GPUs", status="done", draw_no=1, created_at=T0 + 500,
                 drawn_at=T0 + 1000, started_at=T0 + 1010, ended_at=T0 + 1130,
                 timer_status="stopped", timer_duration=120.0, timer_ends_at=None,
                 timer_remaining=0.0),
            dict(id=2, event_id=1, segment_id=4, attendee_id=1, name="Ada",
                 title="Engines", status="speaking", draw_no=2, created_at=T0 + 510,
                 drawn_at=T0 + 1140, started_at=T0 + 1150, ended_at=None,
                 timer_status="running", timer_duration=120.0, timer_ends_at=T0 + 1270,
                 timer_remaining=None),
            dict(id=3, event_id=1, segment_id=4, attendee_id=None, name="Grace (added)",
                 title="", status="bowl", draw_no=None, created_at=T0 + 520,
                 drawn_at=None, started_at=None, ended_at=None, timer_status="idle",
                 timer_duration=0.0, timer_ends_at=None, timer_remaining=None),
            dict(id=4, event_id=1, segment_id=4, attendee_id=5, name="عمر",
                 title="Poem", status="absent", draw_no=None, created_at=T0 + 530,
                 drawn_at=None, started_at=None, ended_at=None, timer_status="idle",
                 timer_duration=0.0, timer_ends_at=None, timer_remaining=None),
        ],
        "open_mic_log": [
            dict(id=1, event_id=1, segment_id=4, entry_id=1, name="Zoë 🌻", action="draw",
                 draw_no=1, pool=4, at=T0 + 1000),
            dict(id=2, event_id=1, segment_id=4, entry_id=2, name="Ada", action="draw",
                 draw_no=2, pool=3, at=T0 + 1140),
            dict(id=3, event_id=1, segment_id=4, entry_id=4, name="عمر",
                 action="absent_out", draw_no=None, pool=2, at=T0 + 1141),
        ],
    },
    "0003_join_cid": {
        "attendee": [
            dict(id=20, event_id=1, token="t-kim", name="Kim", name_no=1,
                 created_at=T0 + 900, last_seen=T0 + 1808, join_cid="j-5b1f0c"),
            dict(id=21, event_id=2, token="t-kim-2", name="Kim", name_no=1,
                 created_at=T0 - 85_000, last_seen=T0 - 84_200, join_cid="j-5b1f0c"),
        ],
    },
    "0002_connect": {
        "connect_contact": [
            dict(id=1, event_id=1, attendee_id=1, contact="ada@example.org",
                 updated_at=T0 + 1700),
            dict(id=2, event_id=1, attendee_id=3, contact="https://example.cn/lei",
                 updated_at=T0 + 1710),
        ],
        "connect_state": [
            dict(segment_id=5, dirty_at=T0 + 1720.25),
        ],
    },
    "0004_crowd": {
        "event": [
            dict(id=3, code="CRWD42", name="Big room", host_key="c" * 43, template="mlc-social",
                 created_at=T0 + 5, ended_at=None, version=3, show_count=True,
                 auto_advance=False, chime=True, live_segment_id=None, max_attendees=300,
                 join_rotate=True),
        ],
        "attendee": [
            dict(id=30, event_id=1, token="t-fake-1", name="Fake", name_no=1,
                 created_at=T0 + 950, last_seen=T0 + 960, removed_at=T0 + 1000),
        ],
    },
    "0004_icebreaker_confirm": {
        "icebreaker_pair": [
            dict(id=10, event_id=1, a=3, b=4, round_id=2, met_at=T0 + 830,
                 a_confirmed_at=T0 + 840, b_confirmed_at=T0 + 845),
        ],
    },
    "0005_icebreaker_host_seen": {},
    "0005_privacy": {
        "event": [
            dict(id=4, code="GONE77", name="Last year's social", host_key="g" * 43,
                 template="", created_at=T0 - 400_000, ended_at=T0 - 390_000, version=9,
                 show_count=True, auto_advance=False, chime=True, live_segment_id=None,
                 retention_days=7, purged_at=T0 - 10_000,
                 report_json='{"event": {"name": "Last year\'s social"}, "anonymous": true}'),
        ],
    },
    "0006_talk_queue": {
        "open_mic_entry": [
            dict(id=5, event_id=1, segment_id=4, attendee_id=3, name="Lei",
                 title="Scaling laws for tiny models", pitch="Loss vs. width, log–log ≤ 1M",
                 status="done", draw_no=3, created_at=T0 + 540, drawn_at=T0 + 540,
                 started_at=T0 + 1300, ended_at=T0 + 1600, timer_status="stopped",
                 timer_duration=300.0, timer_ends_at=None, timer_remaining=0.0),
        ],
        "open_mic_interest": [
            dict(id=1, event_id=1, segment_id=4, entry_id=5, pitcher_id=3, helper_id=1,
                 created_at=T0 + 1400, pitcher_confirmed_at=T0 + 1700,
                 helper_confirmed_at=T0 + 1720),
        ],
    },
    "0002_vote": {
        "segment": [
            dict(id=40, event_id=2, position=1, kind="vote", title="Best paper",
                 instructions="One vote per phone", minutes=10.0, settings_json="{}",
                 status="done", timer_status="stopped", timer_duration=600.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 - 84_300,
                 ended_at=T0 - 83_700),
        ],
        "vote_board": [
            dict(segment_id=40, event_id=2, current_id=41, shown_voters=2),
        ],
        "vote_question": [
            dict(id=41, event_id=2, segment_id=40, position=0, title="Best vision paper",
                 spec_json='{"type": "ranked", "options": [{"id": "a", "label": "ViT-Ü"}, '
                           '{"id": "b", "label": "视觉"}], "method": "schulze", '
                           '"rank_all": false}',
                 state="closed", live_results=False, lock_first=True, picked_json="[]",
                 opened_at=T0 + 1500, closed_at=T0 + 1560.5, revealed_at=None),
            dict(id=42, event_id=2, segment_id=40, position=1, title="One word 🎉",
                 spec_json='{"type": "text"}', state="revealed", live_results=True,
                 lock_first=False, picked_json='["So good"]', opened_at=T0 + 1600,
                 closed_at=T0 + 1650, revealed_at=T0 + 1660),
        ],
        "vote_ballot": [
            dict(id=41, question_id=41, attendee_id=7, answer_json='["b", "a"]',
                 created_at=T0 + 1510, updated_at=T0 + 1520.25),
            dict(id=42, question_id=41, attendee_id=8, answer_json='["a"]',
                 created_at=T0 + 1511, updated_at=T0 + 1511),
            dict(id=43, question_id=42, attendee_id=8, answer_json='"So good"',
                 created_at=T0 + 1610, updated_at=T0 + 1610),
        ],
        "vote_judge": [
            dict(id=41, segment_id=40, attendee_id=8),
        ],
    },
    "0002_debate": {
        "segment": [
            dict(id=50, event_id=2, position=2, kind="debate", title="Negative results",
                 instructions="Vote before and after",
                 minutes=45.0,
                 settings_json='{"motion": "This house would publish every négative result", '
                               '"for_speakers": ["Ada"], "against_speakers": ["李雷"], '
                               '"opening_minutes": 6, "dead_heat_margin": 5}',
                 status="done", timer_status="stopped", timer_duration=2700.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 - 83_600,
                 ended_at=T0 - 81_000),
            dict(id=51, event_id=2, position=3, kind="debate", title="Tabs or spaces",
                 instructions="", minutes=30.0, settings_json="{}", status="pending",
                 timer_status="idle", timer_duration=1800.0, timer_ends_at=None,
                 timer_remaining=None, started_at=None, ended_at=None),
        ],
        "debate_board": [
            dict(segment_id=51, event_id=2, step=1, timer_status="running",
                 timer_duration=360.0, timer_ends_at=T0 + 2100.5, timer_remaining=None,
                 margin=5, floor_id=None, shown_voters=0),
            dict(segment_id=50, event_id=2, step=5, timer_status="paused",
                 timer_duration=600.0, timer_ends_at=None, timer_remaining=95.25, margin=7,
                 floor_id=8, shown_voters=2),
        ],
        "debate_ballot": [
            dict(id=51, segment_id=50, attendee_id=7, round="before", side="undecided",
                 created_at=T0 - 83_500, updated_at=T0 - 83_490.5),
            dict(id=52, segment_id=50, attendee_id=7, round="after", side="for",
                 created_at=T0 - 81_200, updated_at=T0 - 81_200),
            dict(id=53, segment_id=50, attendee_id=8, round="before", side="against",
                 created_at=T0 - 83_480, updated_at=T0 - 83_480),
        ],
        "debate_hand": [
            dict(id=51, segment_id=50, attendee_id=8, raised_at=T0 - 82_000,
                 called_at=T0 - 81_700.25),
            dict(id=52, segment_id=50, attendee_id=7, raised_at=T0 - 81_900, called_at=None),
        ],
    },
    "0002_questions": {
        "segment": [
            dict(id=14, event_id=2, position=1, kind="questions", title="Questions from the floor",
                 instructions="", minutes=15.0,
                 settings_json='{"moderated": true, "names": "either", "hands": true}',
                 status="done", timer_status="stopped", timer_duration=900.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 - 84_400,
                 ended_at=T0 - 83_500),
        ],
        "questions_floor": [
            dict(segment_id=14, event_id=2, closed=True),
        ],
        "questions_question": [
            dict(id=1, event_id=2, segment_id=14, attendee_id=7, name="Eve",
                 text="How does the model handle 漢字 & emoji 🎉?", status="answered",
                 merged_into=None, created_at=T0 - 84_300, answered_at=T0 - 84_000),
            dict(id=2, event_id=2, segment_id=14, attendee_id=8, name="",
                 text="Same as above, but for right-to-left text?", status="merged",
                 merged_into=1, created_at=T0 - 84_290, answered_at=None),
            dict(id=3, event_id=2, segment_id=14, attendee_id=7, name="Eve",
                 text="Will the slides be shared?", status="pending", merged_into=None,
                 created_at=T0 - 84_280, answered_at=None),
        ],
        "questions_vote": [
            dict(id=1, segment_id=14, question_id=1, attendee_id=8),
            dict(id=2, segment_id=14, question_id=3, attendee_id=8),
        ],
        "questions_hand": [
            dict(id=1, event_id=2, segment_id=14, attendee_id=7, name="Eve", status="speaking",
                 raised_at=T0 - 84_270, timer_status="running", timer_duration=90.0,
                 timer_ends_at=T0 - 84_100, timer_remaining=None),
            dict(id=2, event_id=2, segment_id=14, attendee_id=8, name="Ana", status="done",
                 raised_at=T0 - 84_265, timer_status="stopped", timer_duration=120.0,
                 timer_ends_at=None, timer_remaining=-4.5),
        ],
    },
    "0006_icebreaker_reason": {
        "icebreaker_group": [
            dict(id=60, round_id=2, number=9, colour="teal", hex="#0f766e", ink="#ffffff",
                 emoji="🐙", emoji_name="octopus", late=False, found_at=None,
                 created_at=T0 + 900,
                 reason="You all picked Tiny models: what made you choose it?"),
        ],
    },
    "0002_slots": {
        "segment": [
            dict(id=60, event_id=2, position=4, kind="slots", title="Next week: who presents?",
                 instructions="Pick a date.", minutes=3.0,
                 settings_json='{"slots": ["Dec 7", "Dec 14 – 漢字"], "prompt": "Present a paper"}',
                 status="done", timer_status="stopped", timer_duration=180.0,
                 timer_ends_at=None, timer_remaining=0.0, started_at=T0 - 83_000,
                 ended_at=T0 - 82_800),
        ],
        "slots_claim": [
            dict(id=1, event_id=2, segment_id=60, slot="Dec 7", attendee_id=7, name="Eve",
                 topic="Mamba: linear-time sequence modeling 🐍", created_at=T0 - 82_950),
            dict(id=2, event_id=2, segment_id=60, slot="Dec 14 – 漢字", attendee_id=None,
                 name="Remote Rui", topic="", created_at=T0 - 82_900),
        ],
    },
    "0003_questions_papers": {
        "questions_question": [
            dict(id=4, event_id=2, segment_id=14, attendee_id=8, name="Ana",
                 text="Attention is all you need", link="https://arxiv.org/abs/1706.03762",
                 carried_votes=3, status="open", merged_into=None, created_at=T0 - 84_260,
                 answered_at=None),
        ],
    },
    "0006_series": {
        "series": [
            dict(id=1, name="Weekly paper club", host_key="s" * 43, created_at=T0 - 90_000),
        ],
        "series_session": [
            dict(event_id=2, series_id=1, number=1),
            dict(event_id=1, series_id=1, number=2),
        ],
        "series_person": [
            dict(id=1, series_id=1, token="p-ada", name="Ada", created_at=T0 - 86_000),
            dict(id=2, series_id=1, token="p-eve", name="Eve", created_at=T0 - 86_000),
        ],
        "series_member": [
            dict(attendee_id=7, person_id=2),
            dict(attendee_id=8, person_id=1),
            dict(attendee_id=1, person_id=1),
        ],
    },
    "0007_times_up": {
        "event": [
            dict(id=5, code="TIMEUP", name="Lightning talks", host_key="t" * 43,
                 template="", created_at=T0 - 200, ended_at=None, version=4,
                 show_count=True, auto_advance=False, chime=False, live_segment_id=None,
                 warn_seconds=30,
                 wrap_up_json='{"segment": 3, "attendee": 3, "at": 1, "text": "Please wrap up"}'),
        ],
    },
    "0007_icebreaker_auto_place": {
        "segment": [
            dict(id=61, event_id=2, position=5, kind="icebreaker", title="Late arrivals",
                 instructions="", minutes=10.0, settings_json='{"auto_place": true}',
                 status="pending", timer_status="idle", timer_duration=600.0,
                 timer_ends_at=None, timer_remaining=None, started_at=None, ended_at=None),
        ],
        "icebreaker_state": [
            dict(id=2, segment_id=61, next_prompt=1, host_seen="7:1", place_due_at=T0 + 1204.5),
        ],
    },
    "0007_wall_columns": {
        "segment": [
            dict(id=70, event_id=2, position=5, kind="wall", title="Reading: strengths and gaps",
                 instructions="One note per point.", minutes=10.0, status="pending",
                 settings_json='{"max_notes": 10, "premoderate": false, "columns": '
                               '["Strengths", "Weaknesses", "How I\'d apply it"]}',
                 started_at=None, ended_at=None, timer_status="idle", timer_duration=600.0,
                 timer_ends_at=None, timer_remaining=None),
        ],
        "wall_note": [
            dict(id=15, segment_id=70, attendee_id=7, cid="n-eve-col", text="Clear ablations",
                 state="shown", flagged="", theme_id=None, column_no=0, created_at=T0 - 84_000,
                 updated_at=T0 - 84_000),
        ],
    },
    "0008_content_version": {
        "event": [
            dict(id=6, code="CONTV8", name="Rush hour social", host_key="c" * 43,
                 template="", created_at=T0 - 150, ended_at=None, version=9,
                 show_count=True, auto_advance=False, chime=False, live_segment_id=None,
                 warn_seconds=60, wrap_up_json=None, content_version=7),
        ],
    },
    "0009_attendee_name_index": {  # an index: same names in two cases, indexed as one
        "attendee": [
            dict(id=90, event_id=6, token="t-rush-1", name="Noor", name_no=1,
                 created_at=T0 - 140, last_seen=T0 - 100, join_cid="j-rush-0001"),
            dict(id=91, event_id=6, token="t-rush-2", name="NOOR", name_no=2,
                 created_at=T0 - 139, last_seen=T0 - 99, join_cid="j-rush-0002"),
        ],
    },
    "0010_attendee_present_index": {  # an index: one here, one removed, one gone quiet
        "attendee": [
            dict(id=92, event_id=6, token="t-rush-3", name="Ines", name_no=1,
                 created_at=T0 - 130, last_seen=T0 - 20, join_cid="j-rush-0003"),
            dict(id=93, event_id=6, token="t-rush-4", name="Omar", name_no=1,
                 created_at=T0 - 130, last_seen=T0 - 20, removed_at=T0 - 10,
                 join_cid="j-rush-0004"),
            dict(id=94, event_id=6, token="t-rush-5", name="Yuki", name_no=1,
                 created_at=T0 - 130, last_seen=T0 - 400, join_cid="j-rush-0005"),
        ],
    },
}
# fmt: on
