"""Saves whose outcome reaches the screen when they land, whatever became of the worker that
started them.

A form's worker is cancelled when another starts in its group (a second form opened while the
first still saves) or when its screen closes. The save itself is not: it was submitted to the
writer and lands all the same. So what shows a saved entry, and what says a save failed once
nobody waits for it, runs when the save lands, not in the worker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from textual.widget import Widget

T = TypeVar("T")


async def landed(owner: Widget, saving: Future[T], what: str,
                 shown: Callable[[T], None]) -> T:
    """Await `saving`, a save submitted to the writer. Once it succeeds, `shown(result)` puts
    it on screen (while `owner` is mounted), also if the caller was cancelled meanwhile. A
    failure is raised to the caller, or said here ("`what` not saved") if it was cancelled."""
    landing = asyncio.wrap_future(saving)
    waiting = [True]

    def done(result: asyncio.Future[T]) -> None:
        if result.cancelled() or not owner.is_mounted:
            return
        if (exc := result.exception()) is None:
            shown(result.result())
        elif not waiting[0]:
            owner.notify(f"{what} not saved: {exc}", title="Not saved", severity="error")

    landing.add_done_callback(done)
    try:
        return await asyncio.shield(landing)
    except asyncio.CancelledError:
        waiting[0] = False
        raise
