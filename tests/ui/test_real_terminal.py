"""The real app in a terminal (tmux): signals end it as ctrl+q does, keeping the notes and an
open form's draft; bytes that are not text do not end it."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.commands.test_cli import run_cli
from tests.support import open_service
from tests.ui.session_helpers import seed_live_session, seed_person
from tests.ui.terminal import Tmux, exit_status, start_live_session, wait_released
from tests.waiting import wait_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    service = open_service(data)
    seed_person(service)
    seed_live_session(service)
    service.close()
    return data


def read_back(data: Path) -> tuple[str, dict | None]:
    wait_released(data)
    again = open_service(data)
    try:
        notes = again.records.session("s-000001", "x-000001").notes
        return notes, again.records.take_draft("s-000001", "decision")
    finally:
        again.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_real_app_keeps_notes_and_the_open_form(tmp_path, folder, signum):
    tmux = Tmux(tmp_path)
    try:
        pid = start_live_session(tmux, folder, tmp_path / "none.toml")
        tmux.run("send-keys", "-t", tmux.name, "-l", "Sam describes the visit")
        tmux.run("send-keys", "-t", tmux.name, "F5")
        tmux.wait_for("Decisions F5")
        tmux.run("send-keys", "-t", tmux.name, "d")
        tmux.wait_for("New decision")
        tmux.run("send-keys", "-t", tmux.name, "-l", "Refer to MASH")
        tmux.wait_for("Refer to MASH")
        os.kill(pid, signum)
        assert exit_status(tmux, pid) == 128 + signum
    finally:
        tmux.close()
    notes, draft = read_back(folder)
    assert notes == "Sam describes the visit"
    assert draft is not None and draft["text"] == "Refer to MASH"


def test_closing_the_window_ends_the_app_and_keeps_the_notes(tmp_path, folder):
    """The terminal itself goes (its window closed): the app gets SIGHUP with nowhere left to
    draw, saves, and ends; it does not linger holding the folder."""
    tmux = Tmux(tmp_path)
    try:
        pid = start_live_session(tmux, folder, tmp_path / "none.toml")
        tmux.run("send-keys", "-t", tmux.name, "-l", "Sam describes the visit")
        tmux.wait_for("Sam describes the visit")
        tmux.run("kill-session", "-t", tmux.name)
        wait_until(lambda: not running(pid), what="the app to end", timeout=20)
    finally:
        tmux.close()
    notes, _ = read_back(folder)
    assert notes == "Sam describes the visit"


def running(pid: int) -> bool:
    """The process exists and has not ended (an ended one not yet reaped is a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_bytes_that_are_not_text_do_not_end_the_app(tmp_path, folder):
    tmux = Tmux(tmp_path)
    try:
        pid = start_live_session(tmux, folder, tmp_path / "none.toml")
        tmux.run("send-keys", "-t", tmux.name, "-l", "before ")
        # A Latin-1 e-acute, then a key; a lone continuation byte; a truncated sequence.
        for raw in ("e9", "78", "80", "f0 9f", "41"):
            tmux.run("send-keys", "-t", tmux.name, "-H", *raw.split())
        tmux.run("send-keys", "-t", tmux.name, "-l", " after")
        tmux.wait_for("after")
        tmux.wait_for("Input dropped")
        tmux.run("send-keys", "-t", tmux.name, "C-q")
        assert exit_status(tmux, pid) == 0
    finally:
        tmux.close()
    notes, _ = read_back(folder)
    assert notes.startswith("before ") and notes.endswith(" after")


def test_reading_commands_work_beside_the_open_app_and_writing_ones_are_refused(tmp_path, folder):
    tmux = Tmux(tmp_path)
    try:
        pid = start_live_session(tmux, folder, tmp_path / "none.toml")
        tmux.run("send-keys", "-t", tmux.name, "-l", "Sam describes the visit")
        tmux.wait_for("Sam describes the visit")
        exported = run_cli("export", "session", "x-000001", "--data-dir", str(folder),
                           env_dir=tmp_path)
        assert exported.returncode == 0, exported.stderr
        assert exported.stdout.startswith("# Supervision record")
        checked = run_cli("verify", "--data-dir", str(folder), env_dir=tmp_path)
        assert checked.returncode == 0, checked.stderr
        backup = tmp_path / "copy.stb"
        assert run_cli("backup", str(backup), "--data-dir", str(folder),
                       env_dir=tmp_path).returncode == 0
        restored = run_cli("restore", str(backup), "--force", "--data-dir", str(folder),
                           env_dir=tmp_path)
        assert restored.returncode == 2 and "already using" in restored.stderr
        tmux.run("send-keys", "-t", tmux.name, "C-q")
        assert exit_status(tmux, pid) == 0
    finally:
        tmux.close()
    notes, _ = read_back(folder)
    assert notes == "Sam describes the visit"
