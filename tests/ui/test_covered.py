"""The work covered (the blank screen, the idle lock) while something is still on its way:
a dialog asked for waits until the work shows, and a passphrase checked under the blank
screen leaves the records hidden until a key brings the work back."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.host import is_locked
from supervisor_tui.ui.screens import unlock
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.privacy import BlankScreen
from supervisor_tui.ui.screens.unlock import PassphraseScreen
from tests.support import fixed_clock, open_service
from tests.ui.helpers import burst
from tests.ui.test_security_screens import PASS, _encrypted_folder, _settle, _visible_text
from tests.waiting import wait_for

QUESTION = "Mara Lindqvist's record changed. Look now?"


def held(monkeypatch, name: str) -> threading.Event:
    """`unlock.<name>` (the folder's opening, the passphrase's check) waits until the
    returned event is set."""
    release = threading.Event()
    real = getattr(unlock, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(unlock, name, slow)
    return release


@contextlib.asynccontextmanager
async def locked_with_a_question(tmp_path: Path) -> AsyncIterator[tuple[Any, Any, list]]:
    """An encrypted folder's app, locked as idle, then asked a question (as a check that
    found something would): the app, its pilot and the answers that came back."""
    svc = open_service(_encrypted_folder(tmp_path / "data"), passphrase=PASS)
    app = create_app(svc, Config(idle_lock_minutes=1))
    answers: list[bool | None] = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            app.last_input -= 61
            await app.lock_when_idle()
            await wait_for(pilot, lambda: isinstance(app.screen, PassphraseScreen),
                           what="the lock")
            app.push_screen(ConfirmScreen(QUESTION), answers.append)
            yield app, pilot, answers
    finally:
        svc.close()


async def passphrase_being_checked(app, pilot) -> None:
    """The passphrase typed and entered; back once it is being checked."""
    await pilot.press(*PASS, "enter")
    await wait_for(pilot, lambda: "Checking" in str(app.screen.query_one("#status").render()),
                   what="the passphrase checked")


async def test_a_dialog_asked_for_under_the_lock_shows_once_it_is_unlocked(tmp_path):
    """Not over the lock; its answer still comes back. (The blank screen: `test_typed_ahead`.)"""
    async with locked_with_a_question(tmp_path) as (app, pilot, answers):
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        assert "Lindqvist" not in _visible_text(app)
        await pilot.press(*PASS, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen),
                       what="the dialog, once unlocked")
        assert [type(s) for s in app.screen_stack] == [HomeScreen, ConfirmScreen]
        await pilot.press("y")
        await wait_for(pilot, lambda: answers, what="its answer")
        assert answers == [True]


async def test_ctrl_b_while_the_passphrase_is_checked_at_launch_keeps_the_screen_blank(
        tmp_path, monkeypatch):
    """At launch: the passphrase, enter, then ctrl+b (someone came in) while the folder is
    being opened. The folder opens behind the blank screen; the names do not show until a
    key is pressed, and then home shows, the app not left locked."""
    release = held(monkeypatch, "open_folder")
    app = create_app(None, clock=fixed_clock, data_dir=_encrypted_folder(tmp_path / "data"))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, PassphraseScreen)
            await passphrase_being_checked(app, pilot)
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
            release.set()
            await wait_for(pilot, lambda: app.service is not None, what="the folder open")
            await _settle(app, pilot)
            assert isinstance(app.screen, BlankScreen), "the records show: blank replaced"
            assert "Lindqvist" not in _visible_text(app)
            await burst(pilot, "space")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            assert not is_locked(app), "the launch passphrase screen left on the stack"
    finally:
        release.set()
        if app.service is not None:
            app.service.close()


async def test_ctrl_b_while_the_lock_checks_the_passphrase_stays_blank_then_unlocks(
        tmp_path, monkeypatch):
    """Locked, with a question waiting for the lock to go: the passphrase, enter, then
    ctrl+b while it is checked. Once checked, the lock goes; the blank screen stays until a
    key; then the work comes back and the question shows."""
    release = held(monkeypatch, "passphrase_opens")
    try:
        async with locked_with_a_question(tmp_path) as (app, pilot, _answers):
            await passphrase_being_checked(app, pilot)
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
            release.set()
            await wait_for(pilot, lambda: not any(w.group == "open-folder" and w.is_running
                                                  for w in app.workers), what="checked")
            await _settle(app, pilot)
            assert isinstance(app.screen, BlankScreen), "blank until a key"
            await burst(pilot, "space")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen),
                           what="the question asked under the lock")
            assert [type(s) for s in app.screen_stack] == [HomeScreen, ConfirmScreen]
    finally:
        release.set()
