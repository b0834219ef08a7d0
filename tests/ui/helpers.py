"""Helpers for driving the app in tests on the fixed history."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.command import CommandList
from textual.pilot import Pilot
from textual.worker import WorkerState

from supervisor_tui.app import SupervisorApp, create_app
from supervisor_tui.services.service import Service
from tests import history_data as h
from tests.waiting import wait_for


def history_app(service: Service) -> SupervisorApp:
    h.write_history(service.records)
    return create_app(service, clock=h.fixed_clock)


#: Workers that wait on a modal the test has yet to answer.
WAITING_ON_USER = {"history-edit", "home-edit", "entry-cancel"}


async def settle(pilot: Pilot) -> None:
    """Wait until the screen is quiet: no search waiting out its debounce, no loading worker
    pending or running (twice in a row, as one worker's result may start another)."""

    def quiet() -> bool:
        if getattr(pilot.app.screen, "search_pending", False):
            return False
        return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                       for w in pilot.app.workers if w.group not in WAITING_ON_USER)

    for _ in range(2):
        await pilot.pause()
        await wait_for(pilot, quiet, what="the screen to finish loading")



def heard(app: SupervisorApp) -> list[str]:
    """Every message the app shows from now on, in order (each is still shown as usual): what a
    test waits for when a save in a worker ends in a toast."""
    said: list[str] = []
    show = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        show(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return said


def palette_first(app: SupervisorApp) -> str:
    """The text of the command palette's first suggestion ("" while it has none)."""
    results = app.screen.query_one(CommandList)
    if not results.option_count:
        return ""
    return str(results.get_option_at_index(0).prompt)


def key_event(key: str) -> events.Key:
    """The key event a terminal sends for `key` (a character, or a name such as "enter")."""
    if len(key) == 1:
        name = key if key.isalnum() else (
            "space" if key == " " else
            unicodedata.name(key).lower().replace("-", "_").replace(" ", "_"))
        return events.Key(name, key)
    return events.Key(key, {"space": " ", "tab": "\t", "enter": "\r"}.get(key))


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send every key at once, as a fast typist or a paste does: all are queued before the
    app handles the first (`Pilot.press` waits for the app to go idle after each key), then
    wait one frame."""
    for key in keys:
        event = key_event(key)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()
