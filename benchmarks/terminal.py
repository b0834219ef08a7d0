"""Run a driver script in its own process on a pseudo-terminal, as a person's terminal would.

Textual draws every frame to the terminal for real (a headless run skips drawing); the output is
drained and discarded.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent


class DriverError(RuntimeError):
    """The driver process failed; the message carries the tail of what it printed."""


@dataclass
class DriverRun:
    report: dict[str, Any]
    spawned_at: float
    """`time.time()` just before the process was started."""


def _drain(fd: int, tail: bytearray) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        tail.extend(chunk)
        del tail[:-8192]


def run_driver(args: list[str], report: Path, size: tuple[int, int] = (120, 40),
               timeout: float = 120.0) -> DriverRun:
    """Run `python -m benchmarks.drivers <args>` on a pty; it writes its JSON report to `report`."""
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", COLUMNS=str(cols),
               LINES=str(rows), PYTHONPATH=str(ROOT))
    env.pop("TEXTUAL", None)
    tail = bytearray()
    drainer = threading.Thread(target=_drain, args=(master, tail), daemon=True)
    drainer.start()
    report.unlink(missing_ok=True)
    spawned_at = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.drivers", *args, "--report", str(report)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True,
    )
    os.close(slave)
    killer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    killer.start()
    try:
        _, status = os.waitpid(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        killer.cancel()
        drainer.join(2)
        os.close(master)
    if proc.returncode != 0 or not report.exists():
        shown = bytes(tail).decode("utf-8", "replace")[-2000:]
        raise DriverError(f"driver {args[0]} exited with {proc.returncode}:\n{shown}")
    return DriverRun(orjson.loads(report.read_bytes()), spawned_at)
