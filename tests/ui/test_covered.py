"""The blank screen put over a passphrase being checked: at launch the folder opens behind it,
and after the idle lock the lock goes behind it; either way the records stay hidden until a key
brings the work back."""

from __future__ import annotations

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.ui.screens.privacy import BlankScreen
from supervisor_tui.ui.screens.unlock import PassphraseScreen
from tests.support import fixed_clock, open_service
from tests.ui.helpers import burst
from tests.ui.test_security_screens import PASS, _encrypted_folder, _settle, _visible_text
from tests.waiting import wait_for


async def test_ctrl_b_while_the_passphrase_is_checked_at_launch_keeps_the_screen_blank(
        tmp_path, monkeypatch):
    """At launch: the passphrase, enter, then ctrl+b (someone came in) while the folder is
    being opened. The folder opens behind the blank screen; the names must not show until a
    key is pressed, and the launch passphrase screen must not stay on the stack."""
    import threading

    from supervisor_tui.ui.screens import unlock

    release = threading.Event()
    real_open = unlock.open_folder

    def slow_open(*args, **kwargs):
        release.wait(10)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(unlock, "open_folder", slow_open)
    folder = _encrypted_folder(tmp_path / "data")
    app = create_app(None, clock=fixed_clock, data_dir=folder)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, PassphraseScreen)
            await pilot.press(*PASS, "enter")
            await wait_for(pilot, lambda: "Checking" in str(
                app.screen.query_one("#status").render()), what="the passphrase checked")
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
            release.set()
            await wait_for(pilot, lambda: app.service is not None, what="the folder open")
            await _settle(app, pilot)
            assert isinstance(app.screen, BlankScreen), "the records show: blank replaced"
            assert "Lindqvist" not in _visible_text(app)
    finally:
        release.set()
        if app.service is not None:
            app.service.close()


async def test_ctrl_b_while_the_lock_checks_the_passphrase_stays_blank_then_unlocks(
        tmp_path, monkeypatch):
    """Locked when idle, with a dialog asked for meanwhile (it waits for the lock to go): the
    passphrase, enter, then ctrl+b while it is checked. Once checked, the lock goes; the blank
    screen stays until a key; then the work comes back and the dialog shows."""
    import threading

    from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
    from supervisor_tui.ui.screens import unlock
    from supervisor_tui.ui.screens.home import HomeScreen

    release = threading.Event()
    real_check = unlock.passphrase_opens

    def slow_check(*args, **kwargs):
        release.wait(10)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(unlock, "passphrase_opens", slow_check)
    folder = _encrypted_folder(tmp_path / "data")
    svc = open_service(folder, passphrase=PASS)
    app = create_app(svc, Config(idle_lock_minutes=1))
    answers: list[bool | None] = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            app.last_input -= 61
            await app.lock_when_idle()
            await wait_for(pilot, lambda: isinstance(app.screen, PassphraseScreen),
                           what="the lock")
            app.push_screen(ConfirmScreen("Mara Lindqvist's record changed. Look now?"),
                            answers.append)
            await pilot.press(*PASS, "enter")
            await wait_for(pilot, lambda: "Checking" in str(
                app.screen.query_one("#status").render()), what="the passphrase checked")
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
            release.set()
            await wait_for(pilot, lambda: not any(w.group == "open-folder" and w.is_running
                                                  for w in app.workers), what="checked")
            await _settle(app, pilot)
            assert isinstance(app.screen, BlankScreen), "blank until a key"
            await burst(pilot, "space")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen),
                           what="the dialog asked for under the lock")
            assert [type(s) for s in app.screen_stack] == [HomeScreen, ConfirmScreen]
    finally:
        release.set()
        svc.close()
