"""Every session form keeps what is typed as a draft, whatever ends the app: the closing
check-in's score and word, the closing sections, and an amendment added from history come back
(with a notice) the next time that form is opened. A draft the app cannot use is left aside."""

from __future__ import annotations

import signal
from pathlib import Path

from textual.widgets import Input, TextArea

from supervisor_tui.domain.enums import CheckInPhase, EntryKind
from supervisor_tui.services.live import keep_draft
from supervisor_tui.services.service import Service
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.dialogs.entry_form import EntryForm
from supervisor_tui.ui.drafts import RESTORED
from supervisor_tui.ui.screens import session as session_screen
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.score_scale import ScoreScale
from tests.conftest import reopen
from tests.ui.session_helpers import make_app, seed_history, seed_live_session, seed_person
from tests.waiting import wait_for

SID, SESSION = "s-000001", "x-000001"


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]  # noqa: SLF001 - read-only test probe


async def resume(pilot, app) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                   what="home with its row")
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")


async def end_to(pilot, app, screen_type: type) -> None:
    await pilot.press("f9")
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type),
                   what=screen_type.__name__)


async def test_the_closing_check_in_and_sections_survive_a_signal_and_a_quit(
        service: Service, data_dir: Path) -> None:
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, app)
        await end_to(pilot, app, CheckInScreen)
        await pilot.press("4", *"tired but ok")
        app.signal_ending.received_signal(signal.SIGHUP)
        await wait_for(pilot, lambda: not app.is_running, what="the app to end")
    assert app.return_code == 128 + signal.SIGHUP
    service.close()

    service = reopen(data_dir)
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, app)
        await end_to(pilot, app, CheckInScreen)
        form = app.screen
        assert form.query_one(ScoreScale).score == 4
        assert form.query_one("#word", Input).value == "tired but ok"
        assert RESTORED in notices(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClosingScreen), what="closing")
        app.screen.query_one("#section-workload", TextArea).focus()
        await pilot.press(*"Caseload 22: no new allocations")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, what="the app to end")
    service.close()

    service = reopen(data_dir)
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, app)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, (CheckInScreen, ClosingScreen)),
                       what="the closing forms")
        if isinstance(app.screen, CheckInScreen):  # asked again, its answer shown
            assert app.screen.query_one("#word", Input).value == "tired but ok"
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ClosingScreen), what="closing")
        assert app.screen.query_one("#section-workload", TextArea).text == (
            "Caseload 22: no new allocations")
        await pilot.press("ctrl+s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, SignOffScreen), what="sign-off")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        await pilot.press("ctrl+q")
    service.close()

    again = reopen(data_dir)
    try:
        session = again.records.session(SID, SESSION)
        assert session.is_finalised
        assert session.sections["workload"] == "Caseload 22: no new allocations"
        checkin = session.checkin(SID, CheckInPhase.CLOSING)
        assert checkin is not None and (checkin.score, checkin.word) == (4, "tired but ok")
        for kind in (f"closing:{SESSION}", f"checkin-closing:{SESSION}"):
            assert again.records.take_draft(SID, kind) is None, kind  # served, then dropped
    finally:
        again.close()


async def open_entry_form(pilot, app) -> EntryForm:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                   what="home rows")
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                   and app.screen.selected_session is not None, what="history")
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, EntryForm), what="entry form")
    return app.screen


async def test_an_amendment_half_written_in_history_survives_a_signal(
        service: Service, data_dir: Path) -> None:
    seed_person(service)
    seed_history(service)
    app = make_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_entry_form(pilot, app)
        await pilot.press(*"The visit was on the 3rd", "tab", *"wrong date recorded")
        app.signal_ending.received_signal(signal.SIGTERM)
        await wait_for(pilot, lambda: not app.is_running, what="the app to end")
    assert app.return_code == 128 + signal.SIGTERM
    service.close()

    service = reopen(data_dir)
    app = make_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_entry_form(pilot, app)
        assert form.query_one("#text", TextArea).text == "The visit was on the 3rd"
        assert form.query_one("#reason", Input).value == "wrong date recorded"
        assert RESTORED in notices(app)
        form.query_one("#author", Input).focus()
        await pilot.press(*"JB", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        record = app.screen.selected_session
        await pilot.press("ctrl+q")
    service.close()

    again = reopen(data_dir)
    try:
        [entry] = again.records.session(SID, record.id).entries
        assert (entry.kind, entry.text, entry.reason, entry.author) == (
            EntryKind.AMENDMENT, "The visit was on the 3rd", "wrong date recorded", "JB")
        assert again.records.take_draft(SID, f"entry:{record.id}") is None
    finally:
        again.close()


async def test_a_draft_the_app_cannot_use_opens_an_empty_form(
        service: Service, data_dir: Path) -> None:
    seed_person(service)
    seed_live_session(service)
    keep_draft(service.workspace, SID, "decision", {"text": 5, "decided_at": "not a time"})
    keep_draft(service.workspace, SID, f"checkin-closing:{SESSION}",
               {"score": "ten", "word": ["x"]})
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, app)
        await pilot.press("f5", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="decision")
        assert app.screen.query_one("#text", Input).value == ""
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        await end_to(pilot, app, CheckInScreen)
        assert app.screen.query_one(ScoreScale).score is None
        assert app.screen.query_one("#word", Input).value == ""
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ClosingScreen), what="closing")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        assert app.is_running
        await pilot.press("ctrl+q")


async def test_a_check_in_saved_after_a_failed_save_leaves_no_draft_behind(
        service: Service, data_dir: Path, monkeypatch) -> None:
    seed_person(service)
    seed_live_session(service)
    real_save = session_screen.save_session
    failures = []

    def save_failing_once(ws, session):
        if not failures:
            failures.append(session.id)
            raise StoreWriteError(data_dir / "supervisees", "the disk is full")
        return real_save(ws, session)

    monkeypatch.setattr(session_screen, "save_session", save_failing_once)
    app = make_app(service)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await resume(pilot, app)
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen), what="check-in")
        await pilot.press("5")
        kind = f"checkin-opening:{SESSION}"
        await wait_for(pilot, lambda: service.records.draft(SID, kind) is not None,
                       what="the check-in's draft kept")
        await pilot.press("enter")
        await wait_for(pilot, lambda: failures and isinstance(app.screen, SessionScreen),
                       what="the failed save")
        assert any("Could not save the session" in n for n in notices(app))
        await service.flush()
        # The answer is in the session on screen; the draft keeps it until it is on disk.
        assert service.records.draft(SID, kind) == {"score": 5, "word": "stretched"}
        await pilot.press("ctrl+q")  # the next save (here the one on quitting) succeeds
        await wait_for(pilot, lambda: not app.is_running, what="the app to end")
    service.close()

    again = reopen(data_dir)
    try:
        checkin = again.records.session(SID, SESSION).checkin(SID, CheckInPhase.OPENING)
        assert checkin is not None and (checkin.score, checkin.word) == (5, "stretched")
        assert again.records.take_draft(SID, kind) is None
    finally:
        again.close()
