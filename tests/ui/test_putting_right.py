"""Mistakes put right in the open: a session started by accident is discarded (never held), one
that began but could not go on is cancelled with a reason, and a record is signed off later."""

from __future__ import annotations

import threading
from datetime import timedelta

from supervisor_tui.domain.enums import CancelledBy, SessionStatus
from supervisor_tui.domain.session import Session
from supervisor_tui.reports.record import session_markdown
from supervisor_tui.ui.dialogs.cancel_prompt import CancelPrompt
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import SignOffScreen
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.entry_form import EntryForm
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from tests.conftest import reopen
from tests.ui.session_helpers import T0, Clock, make_app, seed_history, seed_person
from tests.waiting import wait_for

SID = "s-000001"


def on(app, screen_type):
    return lambda: isinstance(app.screen, screen_type)


async def start_and_skip_checkin(pilot, app) -> SessionScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                   what="home rows")
    await pilot.press("s")
    await wait_for(pilot, on(app, CheckInScreen), what="opening check-in")
    await pilot.press("escape")
    await wait_for(pilot, on(app, SessionScreen), what="session screen")
    return app.screen


async def test_a_session_started_by_accident_is_discarded_and_never_counts(service, data_dir):
    seed_person(service)
    seed_history(service)
    held_before = service.records.refresh_summary(SID).sessions_held
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_and_skip_checkin(pilot, app)
        assert screen.session.agenda  # pre-filled: not something recorded
        await pilot.press("f10")
        await wait_for(pilot, on(app, ConfirmScreen), what="discard question")
        await pilot.press("y")
        await wait_for(pilot, on(app, HomeScreen), what="home")
        row = next(r for r in app.screen.rows if r.supervisee.id == SID)
        assert row.summary.in_progress_session is None
        assert row.summary.sessions_held == held_before
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        [discarded] = [s for s in again.records.sessions(SID) if s.created_at == T0]
        assert discarded.status is SessionStatus.DISCARDED
        assert discarded.discarded_at == T0 and discarded.started_at is None
        assert not discarded.held
        summary = again.records.summaries()[SID]
        assert (summary.sessions_held, summary.cancellations) == (held_before, 0)
        record = session_markdown(discarded, {SID: "Sam Okafor"}, [], [])
        assert "Discarded" in record and "not held" in record
    finally:
        again.close()


async def test_a_planned_session_started_by_accident_goes_back_to_planned(service, data_dir):
    seed_person(service)
    planned = Session([SID], planned_start=T0 + timedelta(hours=3), id="x-planned",
                      created_at=T0 - timedelta(days=7))
    service.records.save_session(planned)
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_and_skip_checkin(pilot, app)
        assert screen.session.id == "x-planned"
        await pilot.press("f10")
        await wait_for(pilot, on(app, ConfirmScreen), what="discard question")
        await pilot.press("y")
        await wait_for(pilot, on(app, HomeScreen), what="home")
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        [stored] = again.records.sessions(SID)
        assert (stored.id, stored.status, stored.started_at) == (
            "x-planned", SessionStatus.PLANNED, None)
        assert stored.planned_start == T0 + timedelta(hours=3)
    finally:
        again.close()


async def test_a_session_with_notes_is_cancelled_with_a_reason_and_keeps_them(service,
                                                                              data_dir):
    seed_person(service)
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(120, 36)) as pilot:
        await start_and_skip_checkin(pilot, app)
        await pilot.press("f4", *"Called away to an emergency visit.")
        await pilot.press("f10")
        await wait_for(pilot, on(app, CancelPrompt), what="cancel form (not discard)")
        await pilot.press(*"Emergency visit", "enter", "enter", "down", "enter", "tab", "enter")
        await wait_for(pilot, on(app, HomeScreen), what="home")
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        [cancelled] = again.records.sessions(SID)
        assert cancelled.status is SessionStatus.CANCELLED
        assert (cancelled.cancel_reason, cancelled.cancelled_by) == (
            "Emergency visit", CancelledBy.SUPERVISEE)
        assert cancelled.notes == "Called away to an emergency visit."
        assert not cancelled.held
        assert again.records.summaries()[SID].sessions_held == 0
        record = session_markdown(cancelled, {SID: "Sam Okafor"}, [], [])
        assert "Emergency visit" in record and "Called away" in record
    finally:
        again.close()


async def test_an_unsigned_record_is_signed_off_later_from_history(service, data_dir):
    seed_person(service)
    seed_history(service)
    later = T0 + timedelta(days=2)
    app = make_app(service, Clock(later))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                       what="home rows")
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                       and app.screen.history is not None, what="history")
        await pilot.press("s")
        await wait_for(pilot, on(app, SignOffScreen), what="sign-off")
        await pilot.press(*"SO", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                       and app.screen.selected_session is not None
                       and app.screen.selected_session.signoffs, what="signed record")
        await pilot.press("s")  # a second time: already signed, nothing asked
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        newest = max(again.records.sessions(SID), key=lambda s: s.when)
        [signoff] = newest.signoffs
        assert (signoff.initials, signoff.at, signoff.late) == ("SO", later, True)
        record = session_markdown(newest, {SID: "Sam Okafor"}, [], [])
        assert "signed SO" in record and "later, from the record" in record
    finally:
        again.close()


async def test_a_late_sign_off_lands_and_shows_when_the_next_edit_opens_while_it_waits(
        service, data_dir):
    seed_person(service)
    seed_history(service)
    later = T0 + timedelta(days=2)
    app = make_app(service, Clock(later))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                       what="home rows")
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                       and app.screen.history is not None, what="history")
        history = app.screen
        release = threading.Event()
        service.submit(lambda ws: release.wait(10))  # the writer is busy, say with a file check
        await pilot.press("s")
        await wait_for(pilot, on(app, SignOffScreen), what="sign-off")
        # Signed, then an amendment asked for at once: its form cancels the sign-off's worker
        # while the sign-off still waits its turn on the writer.
        await pilot.press(*"SO", "enter", "e")
        release.set()
        await wait_for(pilot, on(app, EntryForm), what="the amendment form")
        await wait_for(pilot, lambda: history.selected_session is not None
                       and history.selected_session.signoffs, what="the sign-off shown")
        assert "Signed off; the record shows it was signed later." in [
            str(n.message) for n in app._notifications]  # noqa: SLF001 - read-only probe
        await pilot.press("escape", "ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        newest = max(again.records.sessions(SID), key=lambda s: s.when)
        assert [(s.initials, s.late) for s in newest.signoffs] == [("SO", True)]
    finally:
        again.close()
