"""Hostile text pasted into every field of every dialog, as a terminal delivers a paste: no
control character reaches a field or the screen, and a save either ends the dialog or says what
is wrong, never an error the app did not catch.

One app serves every example (it runs in a thread of its own, and each example opens a fresh
dialog on it), so hypothesis can try many texts quickly and shrink a failure to the smallest.
"""

from __future__ import annotations

import asyncio
import contextvars
import re
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from supervisor_tui.app import SupervisorApp, create_app
from tests.strategies import SPECIAL_STRINGS, short_text
from tests.support import open_service
from tests.ui.test_dialog_snapshots import dialogs
from tests.waiting import wait_for

#: What a terminal would act on, were it drawn: C0 and C1 controls and direction overrides.
ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Dialogs with a text field.
WITH_FIELDS = ["action", "action-redate", "agenda-item", "cancel", "case", "check-in",
               "closing", "decision", "entry", "export-path", "export-ics",
               "follow-up-escalation", "follow-up-goal", "move",
               "passphrase-change", "passphrase-set", "prompt", "reason", "sign-off",
               "supervisee", "support-note"]
MARK = "Zq"
"""Starts every paste, so a test can see it arrived (a field may refuse all the rest)."""
hostile = st.one_of(
    st.sampled_from([*SPECIAL_STRINGS, "\x1b]52;c;c2VjcmV0\x07", "\x1b]0;owned\x07\x1b[2J",
                     "\x1b[31mred\x1b[0m", "\u202eevil\u202c", "a\rb\r\nc\n\x00d",
                     "=HYPERLINK(\"x\")", "x" * 5_000]),
    short_text,
)


class AppInThread:
    """The app under a Pilot, on an event loop in its own thread, for a sync test to drive."""

    def __init__(self, app: SupervisorApp) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.pilot: Pilot[Any] | None = None
        self.stop: asyncio.Event | None = None
        self.context: contextvars.Context | None = None
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._run(),),
                                       daemon=True)
        self.thread.start()
        assert self.ready.wait(30), "the app did not start"

    async def _run(self) -> None:
        self.stop = asyncio.Event()
        async with self.app.run_test(size=(100, 30)) as pilot:
            self.pilot = pilot
            self.context = contextvars.copy_context()  # the app's own: widgets find their app
            self.ready.set()
            await self.stop.wait()

    def call(self, job: Callable[..., Coroutine[Any, Any, Any]], *args: Any) -> Any:
        """Run `job(pilot, *args)` on the app's loop, in the app's context; its result."""
        done: Future[Any] = Future()

        def finished(task: asyncio.Task[Any]) -> None:
            if task.exception() is not None:
                done.set_exception(task.exception())  # type: ignore[arg-type]
            else:
                done.set_result(task.result())

        def start() -> None:
            self.loop.create_task(job(self.pilot, *args)).add_done_callback(finished)

        self.loop.call_soon_threadsafe(start, context=self.context)
        return done.result(60)

    def close(self) -> None:
        assert self.stop is not None
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(30)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppInThread]:
    svc = open_service(tmp_path_factory.mktemp("hostile-forms") / "data")
    driver = AppInThread(create_app(svc))
    yield driver
    driver.close()
    svc.close()


def field_text(field: Input | TextArea) -> str:
    return field.value if isinstance(field, Input) else field.text


async def paste_into_every_field(pilot: Pilot[Any], dialog: str, text: str) -> list[str]:
    """Open `dialog`, paste `text` into each field, save; what went wrong (nothing, if all is
    well)."""
    app = pilot.app
    base = len(app.screen_stack)
    screen = dialogs()[dialog]()
    await app.push_screen(screen)
    await wait_for(pilot, lambda: app.screen is screen and screen.is_mounted,
                   what=f"the {dialog} dialog")
    await pilot.pause()
    wrong: list[str] = []
    fields = [f for f in screen.query("Input, TextArea")
              if not f.disabled and not getattr(f, "read_only", False)]
    if not fields:
        wrong.append(f"{dialog} has no text field")
    for field in fields:
        field.focus()
        await wait_for(pilot, lambda f=field: app.focused is f, what="the field's focus")
        app.post_message(events.Paste(MARK + text))  # as the terminal driver sends it
        for _ in range(2):  # the app's handling, then the field's
            await pilot.pause()
        arrived = MARK in field_text(field)
        # a field that takes numbers only, or too few characters for the paste, refuses it
        if not arrived and not (isinstance(field, Input) and (field.type != "text"
                                                                or field.max_length)):
            wrong.append(f"{dialog}#{field.id}: the paste never arrived")
        if ACTED_ON.search(field_text(field)):
            wrong.append(f"{dialog}#{field.id} holds {field_text(field)!r}")
    screen_text = app.export_screenshot()
    if ACTED_ON.search(screen_text):
        wrong.append(f"{dialog}: the screen holds a control character")
    await pilot.press("ctrl+s")
    await pilot.pause()
    while len(app.screen_stack) > base:
        app.pop_screen()
    await pilot.pause()
    return wrong


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(dialog=st.sampled_from(WITH_FIELDS), text=hostile)
def test_hostile_paste_into_every_field(running, dialog, text):
    assert running.call(paste_into_every_field, dialog, text) == []
    assert running.app.return_code is None, "the app is still running"
    assert not running.app._exception if hasattr(running.app, "_exception") else True


def test_every_dialog_with_a_field_is_tried(running):
    """When a dialog gains a text field one can type in, it joins the list above."""

    async def has_fields(pilot: Pilot[Any], dialog: str) -> bool:
        app = pilot.app
        base = len(app.screen_stack)
        screen = dialogs()[dialog]()
        await app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.is_mounted, what=dialog)
        await pilot.pause()
        found = any(not f.disabled and not getattr(f, "read_only", False)
                    for f in screen.query("Input, TextArea"))
        while len(app.screen_stack) > base:
            app.pop_screen()
        return found

    found = sorted(d for d in dialogs() if running.call(has_fields, d))
    assert found == sorted(WITH_FIELDS), (set(found) ^ set(WITH_FIELDS))
