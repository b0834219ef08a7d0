"""Helpers every driver shares (Textual only)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from textual.app import App
from textual.pilot import Pilot

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


def finish_after_frame(app: App[Any], report: Path, extra: dict[str, Any]) -> None:
    """After the next frame is drawn, note the time, write the report and exit."""

    def done() -> None:
        report.write_bytes(orjson.dumps({"frame_at": time.time(), **extra}))
        app.exit()

    app.call_after_refresh(done)


def keys(count: int) -> list[str]:
    """`count` keystrokes of plain typing: letters, spaces, punctuation and Enter."""
    out: list[str] = []
    while len(out) < count:
        out += ["enter" if ch == "\n" else ch for ch in TEXT]
    return out[:count]


async def type_keys(pilot: Pilot[Any], count: int) -> float:
    """Press `count` keys one at a time; seconds from the first press to the last handled."""
    started = time.perf_counter()
    for key in keys(count):
        await pilot.press(key)
    return time.perf_counter() - started
