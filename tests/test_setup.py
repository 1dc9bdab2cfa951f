"""Setting up: `make run` shows the links and the QR code without noise, a second server on a
busy port refuses to start, and `flask create-event` prints the links the server really uses."""

import json
import os
import shutil
import subprocess
import sys
import time
from urllib.request import urlopen

import pytest

from tests.conftest import ROOT, LiveServer, free_port

pytestmark = pytest.mark.server


def quiet_env(instance, port=None):
    """A shell without SOCIALAPP_PUBLIC_URL, as a host has after `make run`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALAPP_")}
    env["SOCIALAPP_INSTANCE_PATH"] = str(instance)
    if port:
        env["SOCIALAPP_PORT"] = str(port)
    return env


def start_demo(instance, port):
    """`make run`: wsgi.py --demo. Returns the process and what it printed up to serving."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "wsgi.py"), "--demo"],
        env=quiet_env(instance, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Serving on"):
            return proc, lines
    proc.kill()
    raise AssertionError("the server did not start:\n" + "\n".join(lines))


def stop(proc):
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def create_event(instance, *args):
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "socialapp", "create-event", *args],
        env=quiet_env(instance),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )


def test_make_run_prints_the_links_first_and_the_cli_uses_the_servers_address(tmp_path):
    port = free_port()
    proc, lines = start_demo(tmp_path, port)
    try:
        assert lines[0].startswith("Event 'Demo: Open Collaboration social'"), lines[:3]
        assert not [x for x in lines if "INFO" in x or "WARN" in x or "alembic" in x]
        public = lines[-1].split("public URL ", 1)[1].split(";")[0]
        assert public.endswith(f":{port}")
        assert f"{public}/j/" in lines[1]
        # Another shell, no SOCIALAPP_PUBLIC_URL: the links are the running server's.
        out = create_event(tmp_path, "Second social", "--json")
        links = json.loads(out.stdout)
        assert links["join_url"].startswith(public + "/j/"), links
        assert public in out.stderr and "SOCIALAPP_PUBLIC_URL" in out.stderr
        with urlopen(links["join_url"].replace(public, f"http://127.0.0.1:{port}"), timeout=5):
            pass  # and the server answers them
    finally:
        stop(proc)


def test_the_cli_says_what_it_assumes_before_any_server_ran(tmp_path):
    out = create_event(tmp_path, "Early social")
    assert "No server has started from this instance folder yet" in out.stderr
    assert "links assume http://" in out.stderr and ":5000" in out.stderr


def test_a_second_server_on_a_busy_port_refuses_to_start(tmp_path):
    first = LiveServer(tmp_path, free_port()).start()
    try:
        other = tmp_path / "second"
        other.mkdir()
        second = subprocess.run(
            [sys.executable, str(ROOT / "wsgi.py")],
            env=quiet_env(other, first.port) | {"SOCIALAPP_HOST": "127.0.0.1"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode != 0
        assert f"port {first.port} on 127.0.0.1 is already in use" in second.stderr
        for _ in range(20):  # every connection still reaches the first server
            with urlopen(first.url + "/healthz", timeout=5) as r:
                assert r.status == 200
    finally:
        first.stop()


def test_the_package_builds_without_warnings(tmp_path):
    """`make run` installs the package: no setuptools deprecation blocks on the way."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "socialapp", src / "socialapp", ignore=shutil.ignore_patterns("__py*"))
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "w"), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    text = out.stdout + out.stderr
    if out.returncode != 0 and "NewConnectionError" in text:
        pytest.skip("no package index reachable to build with")
    assert out.returncode == 0, text
    assert "Warning" not in text and "project.license" not in text, text
    wheel = next((tmp_path / "w").glob("socialapp-*.whl"))
    import zipfile

    with zipfile.ZipFile(wheel) as z:
        meta = z.read(next(n for n in z.namelist() if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in meta


def test_the_editable_install_of_make_run_prints_no_warning_block(tmp_path):
    """`make run` installs with `pip install -e .`: setuptools' import-hook strategy printed an
    "Editable installation" warning block; the package-dir setting makes it a plain .pth."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "socialapp", src / "socialapp", ignore=shutil.ignore_patterns("__py*"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    out = subprocess.run(
        [*pip, "install", "--no-deps", "-e", str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    text = out.stdout + out.stderr
    if out.returncode != 0 and "NewConnectionError" in text:
        pytest.skip("no package index reachable to build with")
    assert out.returncode == 0, text
    assert "Warning" not in text and "!!" not in text, text
    where = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('socialapp').origin)"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(src / "socialapp" / "__init__.py")


def test_the_url_remembered_is_the_address_the_server_listens_on(monkeypatch):
    from socialapp import address

    monkeypatch.setattr(address, "lan_address", lambda: "192.168.1.20")
    assert address.served_url("0.0.0.0", 5000) == "http://192.168.1.20:5000"
    assert address.served_url("127.0.0.1", 8080) == "http://127.0.0.1:8080"
    assert address.served_url("10.0.0.5", 5001) == "http://10.0.0.5:5001"
    assert address.served_url("::1", 5000) == "http://[::1]:5000"
