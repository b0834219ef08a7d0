"""Driving the real app in tmux, as a person at a terminal would."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

from supervisor_tui.store.lock import LOCK_NAME
from tests.waiting import wait_until


class Tmux:
    """One tmux server of our own (its own socket), so nothing else is touched."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"supervisor-tui-test-{os.getpid()}-{tmp.name}"
        self.name = "app"

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], check=True,
                                capture_output=True, text=True, timeout=10)
        return result.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 15) -> None:
        try:
            wait_until(lambda: text in self.screen(), what=f"{text!r} on screen",
                       timeout=timeout)
        except AssertionError as missing:
            raise AssertionError(f"{missing}; the screen:\n{self.screen()}") from None

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=10)


def app_command(data: Path, config: Path) -> str:
    return (f"exec env TZ=UTC {sys.executable} -m supervisor_tui --data-dir {data} "
            f"--config {config}")


def start_app(tmux: Tmux, data: Path, config: Path, size: tuple[int, int] = (120, 36)) -> int:
    """Start the app in a pane that stays after the app ends (to read its exit status); the
    app's process id."""
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", str(size[0]), "-y", str(size[1]),
             app_command(data, config))
    tmux.run("set-option", "-t", tmux.name, "remain-on-exit", "on")
    return int(tmux.run("display", "-p", "-t", tmux.name, "#{pane_pid}").strip())


def start_live_session(tmux: Tmux, data: Path, config: Path) -> int:
    """Start the app and, from home, the selected person's session (`s`), until its notes
    pane shows; the app's process id."""
    pid = start_app(tmux, data, config)
    tmux.wait_for("Supervisees")
    tmux.run("send-keys", "-t", tmux.name, "s")
    tmux.wait_for("Notes F4")
    return pid


def exit_status(tmux: Tmux, pid: int | None = None, timeout: float = 20) -> int:
    """Wait for the app to end; its exit status.

    tmux can mark a pane dead (its terminal closed) and not reap the process for a long while
    on a busy machine; the status is then read from the kernel, as `waitpid` would report it."""
    ended: list[str] = []

    def dead() -> bool:
        shown = tmux.run("display", "-p", "-t", tmux.name,
                         "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}").strip()
        dead, status, by_signal = shown.split("|")
        if dead == "1" and not (status or by_signal) and pid is not None:
            status, by_signal = _zombie_status(pid)
        ended[:] = [status, by_signal]
        return dead == "1" and bool(status or by_signal)

    wait_until(dead, what="the app to end", timeout=timeout)
    status, by_signal = ended
    if not status:
        raise AssertionError(f"the app was killed by signal {by_signal}")
    return int(status)


def _zombie_status(pid: int) -> tuple[str, str]:
    """(exit status, signal) of an ended process not yet reaped by its parent; empty if it
    still runs or is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "", ""
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[0] != "Z" or len(fields) < 50:
        return "", ""
    code = int(fields[49])  # field 52, exit_code, as waitpid reports it
    if os.WIFSIGNALED(code):
        return "", str(os.WTERMSIG(code))
    return str(os.WEXITSTATUS(code)), ""


def wait_released(data: Path, timeout: float = 20) -> None:
    """Wait until an ended app's folder lock is free: its main thread can be reported ended
    while its other threads still hold its files."""

    def released() -> bool:
        fd = os.open(data / LOCK_NAME, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)  # closing drops the lock again
        return True

    wait_until(released, what="the app's folder lock to be free", timeout=timeout)
