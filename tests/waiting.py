"""The one way tests wait: poll a condition until it holds, or fail saying what never came.

A test never sleeps a fixed time before asserting on what a worker, a timer or another process
produces: on a loaded machine any fixed time is too short, and on an idle one it is wasted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.css.query import NoMatches, WrongType

NOT_YET: tuple[type[Exception], ...] = (NoMatches, WrongType)
"""What a condition may raise while the screen it reads is still being built: "not yet".
Anything else it raises is a failure of the test and goes up at once."""

STEP = 0.02


def _check(condition: Callable[[], object]) -> tuple[bool, Exception | None]:
    try:
        return bool(condition()), None
    except NOT_YET as error:
        return False, error


def _timed_out(what: str, timeout: float, last: Exception | None) -> AssertionError:
    detail = f" (last: {type(last).__name__}: {last})" if last is not None else ""
    return AssertionError(f"waited {timeout:g}s for {what}, and it never came{detail}")


async def wait_for(pilot: Any, condition: Callable[[], object], *, what: str,
                   timeout: float = 10.0) -> None:
    """Let the app run until `condition()` is true; fail after `timeout` seconds naming `what`."""
    end = time.monotonic() + timeout
    while True:
        done, last = _check(condition)
        if done:
            return
        if time.monotonic() > end:
            raise _timed_out(what, timeout, last)
        await pilot.pause(STEP)


def wait_until(condition: Callable[[], object], *, what: str, timeout: float = 10.0) -> None:
    """`wait_for` for tests without an app loop (another process, a file appearing)."""
    end = time.monotonic() + timeout
    while True:
        done, last = _check(condition)
        if done:
            return
        if time.monotonic() > end:
            raise _timed_out(what, timeout, last)
        time.sleep(STEP)
