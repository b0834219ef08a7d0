"""Kill the real app with SIGKILL while someone types, into the notes or into an open decision
form: at most the last 2 seconds of text may be lost. Drives the app in tmux, as a person at a
terminal would.

Run many times for a figure: `.venv/bin/python -m tests.ui.test_sigkill_while_typing 20`.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import open_service
from tests.ui.session_helpers import seed_live_session, seed_person
from tests.ui.terminal import Tmux, start_live_session, wait_released

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MAX_LOSS_SECONDS = 2.0
CHUNK_EVERY = 0.1


@dataclass(frozen=True)
class Outcome:
    typed: int
    saved: int
    lost_seconds: float
    """How far back from the kill the last character on disk was typed."""


def _read_back(data: Path, where: str) -> str:
    again = open_service(data)
    try:
        if where == "notes":
            return again.records.session("s-000001", "x-000001").notes
        draft = again.records.take_draft("s-000001", "decision")
        return "" if draft is None else str(draft.get("text", ""))
    finally:
        again.close()


def kill_while_typing(tmp: Path, where: str, seconds: float) -> Outcome:
    """Type into `where` ("notes" or "form") for `seconds`, SIGKILL the app, check the loss."""
    data = tmp / "data"
    service = open_service(data)
    seed_person(service)
    seed_live_session(service)
    service.close()
    tmux = Tmux(tmp)
    try:
        pid = start_live_session(tmux, data, tmp / "no-config.toml")
        if where == "form":
            tmux.run("send-keys", "-t", tmux.name, "F5")
            tmux.wait_for("Decisions F5")
            tmux.run("send-keys", "-t", tmux.name, "d")
            tmux.wait_for("New decision")
        else:
            tmux.run("send-keys", "-t", tmux.name, "-l", "w ")
            tmux.wait_for("w ")  # the notes have the keys
        sent: list[tuple[float, str]] = []  # (when, everything typed so far)
        typed = "" if where == "form" else "w "
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < seconds:
            chunk = f"w{n:03d} "
            tmux.run("send-keys", "-t", tmux.name, "-l", chunk)
            typed += chunk
            sent.append((time.monotonic(), typed))
            n += 1
            time.sleep(CHUNK_EVERY)  # the typist's pace, not a wait for the app
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        wait_released(data)
    finally:
        tmux.close()
    saved = _read_back(data, where)
    assert typed.startswith(saved), "what reached disk is not what was typed"
    must_have = [text for when, text in sent if when <= killed_at - MAX_LOSS_SECONDS]
    assert must_have, "the typing did not last long enough to check anything"
    assert saved.startswith(must_have[-1]), (
        f"lost more than {MAX_LOSS_SECONDS}s: saved {len(saved)} of {len(typed)} characters")
    # A form keeps its field as typed less the trailing space.
    last_saved_sent = max((when for when, text in sent if text.rstrip() == saved.rstrip()),
                          default=start)
    return Outcome(len(typed), len(saved), killed_at - last_saved_sent)


@pytest.mark.parametrize("where", ["notes", "form"])
def test_sigkill_while_typing_loses_at_most_two_seconds(tmp_path: Path, where: str):
    outcome = kill_while_typing(tmp_path, where, 5.0)
    print(f"\nSIGKILL while typing into the {where}: {outcome.saved} of {outcome.typed} "
          f"characters on disk, the last {outcome.lost_seconds:.2f}s of typing lost")


def campaign(runs: int) -> None:
    """Kill the app `runs` times at random moments into each target; print the figures."""
    rng = random.Random(runs)
    for where in ("notes", "form"):
        losses = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                outcome = kill_while_typing(Path(tmp), where, rng.uniform(3.0, 6.0))
            losses.append(outcome.lost_seconds)
        print(f"{where}: {runs} kills, every one within {MAX_LOSS_SECONDS}s; typing lost: "
              f"median {sorted(losses)[len(losses) // 2]:.2f}s, worst {max(losses):.2f}s")


if __name__ == "__main__":
    campaign(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
