"""The room benchmark (bench/room.py) at a tiny size, so that it cannot rot: every scenario
against the app, the fan-out against the bare eventlet server (and Node where npm is here).

Checks that the harness measures what it says (every phone reached, every note stored once,
nobody dropped), not how fast: times are the benchmark's business."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server
BENCH = ROOT / "bench"
TINY = ["--phones", "4", "--actions", "2", "--interval", "0.05", "--rounds", "1",
        "--rush-seconds", "0.5", "--notes-seconds", "0.5", "--per-phone", "2", "--settle", "0.2",
        "--votes-seconds", "0.5", "--questions-seconds", "1", "--same-server"]  # fmt: skip


def bench(*args, timeout=240):
    return subprocess.run(
        [sys.executable, str(BENCH / "room.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_every_scenario_at_tiny_size(tmp_path):
    servers = "app,eventlet" + (",node" if shutil.which("npm") and shutil.which("node") else "")
    out = tmp_path / "results.json"
    done = bench(*TINY, "--servers", servers, "--json", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(out.read_text())
    assert r["failures"] == []

    fanout = {row["server"]: row for row in r["fanout"]}
    assert set(fanout) == set(servers.split(","))
    for row in fanout.values():
        assert row["phones"] == 4 and row["lost"] == 0 and row["dropped"] == 0
        assert 0 < row["last_ms"]["p50"] <= row["last_ms"]["max"]
        assert row["server_cpu_s"] >= 0 and row["kb_per_phone"] is not None
        assert row["setup"] == []  # every phone joined and connected
    # The bare servers broadcast a message as big as the app's state.
    app_bytes = fanout["app"]["state_bytes"]
    assert abs(fanout["eventlet"]["state_bytes"] - app_bytes) <= 4

    (rnd,) = r["round"]
    assert rnd["complete"] and rnd["not_grouped"] == 0 and rnd["groups"] == 2
    assert rnd["matched"] == 4 and rnd["dropped"] == 0
    # The join rush on the app and on the bare server's bare join (the floor).
    rush = {row["server"]: row for row in r["rush"]}
    assert set(rush) == {"app", "eventlet"}
    for row in rush.values():
        assert row["errors"] == 0 and row["first_state_ms"]["p50"] > 0
        assert row["state_bytes"] > 0 and row["cpu_ms_per_join"] > 0
    (notes,) = r["notes"]
    assert notes["exactly_once"] and notes["stored"] == 4 and notes["never_shown"] == 0
    (burst,) = r["burst"]
    assert burst["exactly_once"] and burst["stored"] == 8
    assert burst["dropped_sockets"] == 0 and burst["host_timeouts"] == 0
    assert burst["host_command_ms"]["p50"] > 0
    (votes,) = r["votes"]
    assert votes["exactly_once"] and votes["stored"] == 4 and votes["refused"] == {}
    assert votes["host_shows_all_after_last_ack_ms"] is not None
    assert votes["reveal_to_last_phone_ms"] is not None
    (questions,) = r["questions"]
    assert questions["final_list_matches"] and questions["exactly_once"]

    table = done.stdout
    for heading in ("Fan-out", "Icebreaker round", "Join rush", "Notes on the wall", "Ratios"):
        assert heading in table
    assert "| 4 | app / bare eventlet |" in table
    assert table.count("| 4 | app / bare eventlet |") == 2  # fan-out's ratios and the rush's


def test_questions_at_tiny_size(tmp_path):
    """Phones ask and upvote: every acked vote reaches the projector, the projector's final
    list is the database's, every vote is stored once (the resent ones not taken back)."""
    out = tmp_path / "results.json"
    args = ["--scenario", "questions", "--phones", "10", "--questions-seconds", "2"]
    done = bench(*args, "--upvotes", "3", "--settle", "0.2", "--json", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    r = json.loads(out.read_text())
    assert r["failures"] == []
    (q,) = r["questions"]
    assert q["phones"] == 10 and q["questions"] == 5 and q["setup"] == []
    assert q["votes"] == 30 and q["refused"] == {} and q["never_shown"] == 0
    assert q["final_list_matches"] and q["exactly_once"] and q["stored"] == 30
    assert 0 <= q["lag_ms"]["p50"] <= q["lag_ms"]["max"] and q["vote_ack_ms"]["p50"] > 0
    assert (
        "Questions from the floor" in done.stdout and "| 10 | 2.0 | 5 | 30 (15.0) |" in done.stdout
    )


def test_an_interrupted_run_stops_its_servers():
    proc = subprocess.Popen(
        [
            sys.executable,
            str(BENCH / "room.py"),
            "--phones",
            "3",
            "--scenario",
            "fanout",
            "--servers",
            "app",
            "--actions",
            "500",
        ],  # fmt: skip
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        children = []
        deadline = time.monotonic() + 60
        while not children and time.monotonic() < deadline:
            time.sleep(0.2)
            children = subprocess.run(
                ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
            ).stdout.split()
        assert children, "the benchmark started no server"
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode != 0 and "interrupted" in err
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)


def test_a_missing_node_is_a_clear_error(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "room.py"),
            "--phones",
            "2",
            "--scenario",
            "fanout",
            "--servers",
            "node",
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"PATH": str(tmp_path)},  # no node, no npm
        timeout=60,
    )
    assert done.returncode != 0
    assert "node is not installed" in done.stderr and "--servers app,eventlet" in done.stderr


def test_the_join_step_by_step_at_tiny_size():
    """bench/join_steps.py: every phone does the page, the form and the socket (up to its
    first state) on the app and on the bare server, and a row per step is printed."""
    done = subprocess.run(
        [sys.executable, str(BENCH / "join_steps.py"), "--phones", "5", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [r[0].strip() for r in rows[1:]] == ["page", "form", "socket", "all"]
    for row in rows[1:]:
        assert float(row[1]) >= 0 and float(row[2]) >= 0
