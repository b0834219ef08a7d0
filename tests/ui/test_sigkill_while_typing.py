"""Kill the real app with SIGKILL while someone types into the notes: at most the last
2 seconds of text may be lost. Drives the app in tmux, as a person at a terminal would."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.support import open_service
from tests.ui.session_helpers import seed_live_session, seed_person
from tests.ui.terminal import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MAX_LOSS_SECONDS = 2.0
TYPING_SECONDS = 6.0
CHUNK_EVERY = 0.1


def test_sigkill_while_typing_loses_at_most_two_seconds(tmp_path: Path):
    data = tmp_path / "data"
    service = open_service(data)
    seed_person(service)
    seed_live_session(service)
    service.close()

    tmux = Tmux(tmp_path)
    command = (f"exec env TZ=UTC {sys.executable} -m supervisor_tui --data-dir {data} "
               f"--config {tmp_path / 'no-config.toml'}")
    try:
        tmux.run("new-session", "-d", "-s", tmux.name, "-x", "120", "-y", "36", command)
        pid = int(tmux.run("display", "-p", "-t", tmux.name, "#{pane_pid}").strip())
        tmux.wait_for("Supervisees")
        tmux.run("send-keys", "-t", tmux.name, "s")
        tmux.wait_for("Notes F4")
        time.sleep(0.5)

        sent: list[tuple[float, str]] = []  # (when, everything typed so far)
        typed = ""
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < TYPING_SECONDS:
            chunk = f"w{n:03d} "
            tmux.run("send-keys", "-t", tmux.name, "-l", chunk)
            typed += chunk
            sent.append((time.monotonic(), typed))
            n += 1
            time.sleep(CHUNK_EVERY)
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
    finally:
        tmux.close()

    again = open_service(data)
    try:
        saved = again.records.session("s-000001", "x-000001").notes
    finally:
        again.close()
    assert typed.startswith(saved), "what reached disk is not what was typed"
    must_have = [text for when, text in sent if when <= killed_at - MAX_LOSS_SECONDS]
    assert must_have, "the typing did not last long enough to check anything"
    assert saved.startswith(must_have[-1]), (
        f"lost more than {MAX_LOSS_SECONDS}s: saved {len(saved)} of {len(typed)} characters")
    last_saved_sent = max((when for when, text in sent if text == saved), default=start)
    print(f"\nSIGKILL after {len(typed)} characters typed over {TYPING_SECONDS:.0f}s: "
          f"{len(saved)} on disk, lost {len(typed) - len(saved)} characters, the last "
          f"{killed_at - last_saved_sent:.2f}s of typing")
