"""Helpers for driving the app in tests on the fixed history."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from supervisor_tui.app import SupervisorApp, create_app
from supervisor_tui.services.service import Service
from tests import history_data as h


def history_app(service: Service) -> SupervisorApp:
    h.write_history(service.records)
    return create_app(service, clock=h.fixed_clock)


#: Workers that wait on a modal the test has yet to answer.
WAITING_ON_USER = {"history-edit", "home-edit", "entry-cancel"}


async def settle(pilot: Pilot, wait: float = 0.4) -> None:
    """Let debounce timers fire, loading workers finish and the screen refresh."""
    await pilot.pause(wait)
    while getattr(pilot.app.screen, "search_pending", False):
        await pilot.pause(0.05)
    for worker in [w for w in pilot.app.workers if w.group not in WAITING_ON_USER]:
        try:
            await worker.wait()
        except WorkerCancelled:  # replaced by a newer one of its group
            pass
    await pilot.pause()


async def wait_until(pilot: Pilot, ready, timeout: float = 10.0) -> None:
    """Settle until `ready()` holds (a slow machine may need more than one round)."""
    waited = 0.0
    while True:
        await settle(pilot, 0.05)
        try:
            if ready():
                return
        except Exception:  # the screen is still being built
            pass
        waited += 0.05
        if waited > timeout:
            raise AssertionError("the screen did not get ready in time")
