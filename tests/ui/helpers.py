"""Helpers for driving the app in tests on the fixed history."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from supervisor_tui.app import SupervisorApp, create_app
from supervisor_tui.store.service import RecordService
from tests import history_data as h


def history_app(service: RecordService) -> SupervisorApp:
    h.write_history(service.records)
    return create_app(service, clock=h.fixed_clock)


#: Workers that wait on a modal the test has yet to answer.
WAITING_ON_USER = {"history-edit", "home-edit", "entry-cancel"}


async def settle(pilot: Pilot, wait: float = 0.4) -> None:
    """Let debounce timers fire, loading workers finish and the screen refresh."""
    await pilot.pause(wait)
    for worker in [w for w in pilot.app.workers if w.group not in WAITING_ON_USER]:
        try:
            await worker.wait()
        except WorkerCancelled:  # replaced by a newer one of its group
            pass
    await pilot.pause()
