"""Helpers every driver shares (Textual only)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from textual import events
from textual.app import App

if TYPE_CHECKING:
    from textual.widgets import TextArea

POLL = 0.001
TEXT = (
    "We talked about the home visit and the pattern of missed appointments. "
    "The supervisee named the feeling as frustration and asked what good would look like.\n"
)


async def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Poll `condition` every millisecond (the app itself is never told it is watched)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app never reached the state the driver waits for")
        await asyncio.sleep(POLL)


def _status_bytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status (the memory figure needs Linux)")


def peak_rss() -> int:
    """This program's peak resident memory in bytes (VmHWM).

    Not `ru_maxrss`: Linux carries the high-water mark of the forked parent's image across
    `exec`, so a child of a large benchmark process would report the parent's size.
    """
    return _status_bytes("VmHWM")


def rss_now() -> int:
    """This program's resident memory now, in bytes (VmRSS)."""
    return _status_bytes("VmRSS")


def finish_after_frame(app: App[Any], report: Path, extra: dict[str, Any]) -> None:
    """After the next frame is drawn, note the time and peak memory, write the report, exit."""

    def done() -> None:
        at = time.time()
        report.write_bytes(orjson.dumps({"frame_at": at, "peak_rss": peak_rss(), **extra}))
        app.exit()

    app.call_after_refresh(done)


NAMED = {" ": "space", ".": "full_stop", ",": "comma", "\n": "enter"}


def keys(count: int) -> list[events.Key]:
    """`count` key events of plain typing: letters, spaces, punctuation and Enter."""
    out: list[events.Key] = []
    while len(out) < count:
        out += [events.Key(NAMED.get(ch, ch), "\r" if ch == "\n" else ch) for ch in TEXT]
    return out[:count]


RATE = 250.0
"""Keys per second: a fast typist times ten, so 2,000 keys take 8 s and autosave runs twice."""


async def type_keys(app: App[Any], area: TextArea, count: int,
                    start: int = 0) -> dict[str, float]:
    """Type `count` keys at `RATE` into `area` (which holds `start` characters), as the
    terminal driver would post them.

    Returns the CPU seconds the whole process (every thread: drawing, autosave) spent from the
    first key to the frame showing the last, and the wall-clock seconds of the same window.
    """
    wall = time.perf_counter()
    cpu = time.process_time()
    for n, event in enumerate(keys(count)):
        delay = wall + n / RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        app.post_message(event)
    while len(area.text) < start + count:
        await asyncio.sleep(0.001)
    await area.wait_for_refresh()
    return {"cpu": time.process_time() - cpu, "seconds": time.perf_counter() - wall}
