"""Driving the agreement editor, the diary and the home badge, then reading the disk back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from icalendar import Calendar
from textual.widgets import DataTable, Input

from supervisor_tui.app import create_app
from supervisor_tui.domain.enums import CancelledBy, SessionStatus
from supervisor_tui.domain.people import Agreement, Supervisee
from supervisor_tui.ui.screens.agreement import AgreementScreen
from supervisor_tui.ui.screens.schedule import ScheduleScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.conftest import reopen
from tests.support import STAMP, open_service
from tests.ui.helpers import heard
from tests.ui.schedule_fixtures import at, clock, write_history
from tests.waiting import wait_for


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def replace_text(pilot, app, selector: str, text: str) -> None:
    app.screen.query_one(selector, Input).focus()
    await pilot.pause()
    await pilot.press("end")
    value = app.screen.query_one(selector, Input).value
    await pilot.press(*["backspace"] * len(value))
    await type_text(pilot, text)


async def test_first_agreement_typed_and_saved(data_dir: Path) -> None:
    svc = open_service(data_dir)
    svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen), what="the editor")
        await replace_text(pilot, app, "#rrule", "freq=monthly;byday=1mo")
        await replace_text(pilot, app, "#start", "7 dec 2026")
        await replace_text(pilot, app, "#time", "14:30")
        await replace_text(pilot, app, "#zone", "Europe/London")
        await replace_text(pilot, app, "#duration", "90")
        await replace_text(pilot, app, "#confidentiality", "Stays between us")
        await replace_text(pilot, app, "#exceptions", "Risk of serious harm")
        await replace_text(pilot, app, "#records", "Encrypted laptop")
        await replace_text(pilot, app, "#review", "1 jun 2027")
        await pilot.pause()
        preview = str(app.screen.query_one("#agreement-preview").render())
        assert "Monthly on the first Monday" in preview
        assert "Mon 07 Dec 2026" in preview
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Agreement saved." in said, what="the agreement saved")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, AgreementScreen),
                       what="the editor closed")
    svc.close()
    svc = reopen(data_dir)
    try:
        (a,) = svc.records.agreements("s-sam")
        assert a.rrule == "FREQ=MONTHLY;BYDAY=1MO"
        assert a.dtstart == at(2026, 12, 7, 14, 30)
        assert (a.timezone, a.duration_minutes) == ("Europe/London", 90)
        assert (a.confidentiality, a.exceptions, a.records) == (
            "Stays between us", "Risk of serious harm", "Encrypted laptop")
        assert a.review_date == date(2027, 6, 1)
    finally:
        svc.close()


async def test_changed_agreement_is_a_new_version_and_bad_input_is_refused(
        data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        app.push_screen(AgreementScreen("s-sam"))
        await wait_for(pilot, lambda: app.screen.query_one("#history-table", DataTable).row_count,
                       what="the agreement's versions")
        assert app.screen.query_one("#history-table", DataTable).row_count == 1
        await replace_text(pilot, app, "#rrule", "FREQ=WEEKLY;COUNT=4;UNTIL=20270101")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not both" in str(app.screen.query_one("#agreement-error").render())
        await replace_text(pilot, app, "#rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")
        await pilot.pause()
        preview = str(app.screen.query_one("#agreement-preview").render())
        assert "re-plans past dates from 08 Sep 2026" in preview
        await replace_text(pilot, app, "#start", "3 dec 2026")
        await pilot.pause()
        preview = str(app.screen.query_one("#agreement-preview").render())
        assert "re-plans" not in preview
        assert "Every 2 weeks on Thursday" in preview
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(m.startswith("Agreement saved") for m in said),
                       what="the new version saved")
        await wait_for(pilot, lambda: app.screen.query_one("#history-table", DataTable)
                       .row_count == 2, what="two versions listed")
    svc.close()
    svc = reopen(data_dir)
    try:
        versions = svc.records.agreements("s-sam")
        assert [a.rrule for a in versions] == [
            "FREQ=MONTHLY;BYDAY=1MO", "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"]
        assert versions[-1].confidentiality == "What we discuss stays here"
        assert versions[-1].dtstart == at(2026, 12, 3, 10)
        assert versions[-1].created_at == clock()
    finally:
        svc.close()


async def test_leaving_with_unsaved_changes_asks_and_quitting_keeps_a_draft(
        data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen("s-sam"))
        await wait_for(pilot, lambda: app.screen.query_one("#exceptions", Input).value,
                       what="the agreement loaded")
        await replace_text(pilot, app, "#exceptions", "Harm to anyone")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")          # stay
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        await app.flush_all()
    svc.close()
    svc = reopen(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen("s-sam"))
        await wait_for(pilot, lambda: app.screen.query_one("#exceptions", Input).value,
                       what="the agreement loaded")
        assert app.screen.query_one("#exceptions", Input).value == "Harm to anyone"
    svc.close()


def _row_of(screen: ScheduleScreen, when) -> int:
    return next(i for i, e in enumerate(screen.entries) if e.when == when)


async def test_cancel_with_reason_from_the_diary(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        await wait_for(pilot, lambda: app.screen.query_one(RosterTable).row_count == 2,
                       what="home's two rows")
        await pilot.press("down")       # Sam is second (Ana, Sam)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                       and app.screen.entries, what="Sam's diary")
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        screen.query_one(DataTable).move_cursor(row=_row_of(screen, at(2026, 12, 29, 10)))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")      # no reason yet: refused
        await pilot.pause()
        assert "reason" in str(app.screen.query_one("#error").render())
        await type_text(pilot, "Court hearing")
        await pilot.press("enter")      # to "cancelled by"
        await pilot.press("down", "enter")
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: "Cancellation recorded." in said,
                       what="the cancellation saved")
        assert isinstance(app.screen, ScheduleScreen)
    svc.close()
    svc = reopen(data_dir)
    try:
        gone = [s for s in svc.records.sessions("s-sam") if s.planned_start == at(2026, 12, 29, 10)]
        assert len(gone) == 1
        assert gone[0].status is SessionStatus.CANCELLED
        assert gone[0].cancel_reason == "Court hearing"
        assert gone[0].cancelled_by is CancelledBy.SUPERVISEE
    finally:
        svc.close()


async def sams_diary_at(pilot, when: datetime) -> ScheduleScreen:
    """From home: Sam's diary (he is second), its cursor on the date `when`."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query_one(RosterTable).row_count == 2,
                   what="home's two rows")
    await pilot.press("down", "c")
    await wait_for(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                   and app.screen.entries, what="Sam's diary")
    screen = app.screen
    screen.query_one(DataTable).move_cursor(row=_row_of(screen, when))
    return screen


async def test_cancel_and_rebook_in_the_same_step(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        said = heard(app)
        screen = await sams_diary_at(pilot, at(2026, 12, 29, 10))
        await pilot.press("x")
        await wait_for(pilot, lambda: app.screen is not screen, what="the cancel dialog")
        await type_text(pilot, "Sickness")
        await pilot.press("enter", "down", "enter", "tab")  # supervisee; then rebook for
        await type_text(pilot, "4 jan 11:00")
        assert "Mon 04 Jan 2027" in str(app.screen.query_one("#rebook-shown").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("rebooked for Mon 04 Jan 2027 11:00" in s
                                          for s in said), what="the rebooking saved")
    svc.close()
    svc = reopen(data_dir)
    try:
        sessions = svc.records.sessions("s-sam")
        [gone] = [s for s in sessions if s.planned_start == at(2026, 12, 29, 10)]
        assert gone.status is SessionStatus.CANCELLED and gone.rebooked_to == at(2027, 1, 4, 11)
        [new] = [s for s in sessions if s.planned_start == at(2027, 1, 4, 11)]
        assert new.status is SessionStatus.PLANNED
    finally:
        svc.close()


async def test_a_cancelled_date_is_rebooked_later_from_the_diary(data_dir: Path) -> None:
    from supervisor_tui.domain.enums import CancelledBy
    from supervisor_tui.services.schedule import cancel_occurrence
    from tests.support import at_time

    write_history(data_dir)
    svc = open_service(data_dir)
    cancel_occurrence(at_time(svc, clock()), "s-sam", None, at(2026, 12, 29, 10), "Sickness",
                      CancelledBy.SUPERVISEE)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        said = heard(app)
        screen = await sams_diary_at(pilot, at(2026, 12, 29, 10))
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen is not screen, what="the rebook dialog")
        await type_text(pilot, "4 jan 11:00")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Rebooked for Mon 04 Jan 11:00." in said,
                       what="the rebooking saved")
        await pilot.press("b")  # once only: the second is refused, saying why
        await wait_for(pilot, lambda: app.screen is not screen, what="the rebook dialog")
        await type_text(pilot, "5 jan 11:00")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("rebooked already" in s for s in said),
                       what="the refusal")
    svc.close()
    svc = reopen(data_dir)
    try:
        sessions = svc.records.sessions("s-sam")
        [gone] = [s for s in sessions if s.planned_start == at(2026, 12, 29, 10)]
        assert gone.rebooked_to == at(2027, 1, 4, 11)
        assert [s.planned_start for s in sessions if s.planned_start and
                s.planned_start >= at(2027, 1, 4, 0) and s.planned_start < at(2027, 1, 6, 0)
                ] == [at(2027, 1, 4, 11)]
    finally:
        svc.close()


async def test_move_a_planned_date(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        app.push_screen(ScheduleScreen("s-sam"))
        await wait_for(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                       and app.screen.entries, what="Sam's diary")
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        screen.query_one(DataTable).move_cursor(row=_row_of(screen, at(2027, 1, 26, 10)))
        await pilot.press("r")
        await pilot.pause()
        await type_text(pilot, "28 jan 2027 11:15")
        await pilot.pause()
        assert "Thu 28 Jan 2027" in str(app.screen.query_one("#parsed").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(m.startswith("Moved to") for m in said),
                       what="the move saved")
    svc.close()
    svc = reopen(data_dir)
    try:
        moved = [s for s in svc.records.sessions("s-sam")
                 if s.rescheduled_from == at(2027, 1, 26, 10)]
        assert [s.planned_start for s in moved] == [at(2027, 1, 28, 11, 15)]
    finally:
        svc.close()


async def test_overdue_badge_on_home_and_sorting(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one(RosterTable).row_count == 2,
                       what="home's two rows")
        table = app.screen.query_one("#supervisees", RosterTable)
        assert str(table.get_cell("s-sam", "overdue")) == "20d"
        assert str(table.get_cell("s-ana", "overdue")) == ""
        assert str(table.get_cell("s-sam", "next")) == "26 Nov 2026"
        assert table.get_row_at(0)[0] == "Ana Reyes"
        await pilot.press("o")
        await pilot.pause()
        assert table.get_row_at(0)[0] == "Sam Okafor"
    svc.close()


async def test_ad_hoc_session_and_export_from_the_diary(data_dir: Path, tmp_path: Path) -> None:
    write_history(data_dir)
    out = tmp_path / "sam.ics"
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        app.push_screen(ScheduleScreen("s-sam"))
        await wait_for(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                       and app.screen.entries, what="Sam's diary")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "nonsense words")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "not a date" in str(app.screen.query_one("#error").render())
        await replace_text(pilot, app, "#when", "next fri 13:00")
        await pilot.press("enter")                  # to the length
        await pilot.press(*["backspace"] * 3)
        await type_text(pilot, "40")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(m.startswith("Ad hoc session planned") for m in said),
                       what="the ad hoc session saved")
        assert isinstance(app.screen, ScheduleScreen)
        await pilot.press("e")
        await pilot.pause()
        await replace_text(pilot, app, "#path", str(out))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(m.startswith("Wrote") for m in said),
                       what="the diary exported")
        assert isinstance(app.screen, ScheduleScreen)
        assert out.exists()
    svc.close()
    svc = reopen(data_dir)
    try:
        extra = [s for s in svc.records.sessions("s-sam")
                 if s.planned_start == at(2026, 11, 27, 13)]
        assert [(s.type.value, s.duration_minutes) for s in extra] == [("ad_hoc", 40)]
    finally:
        svc.close()
    cal = Calendar.from_ical(out.read_bytes())
    starts = sorted(e.decoded("dtstart") for e in cal.walk("VEVENT"))
    assert at(2026, 11, 27, 13) in starts
    assert at(2026, 12, 3, 15) in starts                # the moved session at its new time
    assert at(2026, 12, 1, 10) not in starts


async def test_an_unreadable_stored_rule_does_not_stop_home_or_the_diary(data_dir: Path) -> None:
    svc = open_service(data_dir)
    svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
    svc.records.save_agreement(Agreement(supervisee_id="s-sam", rrule="FREQ=SOMETIMES",
                                         timezone="Europe/London", created_at=at(2026, 1, 1)))
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one(RosterTable).row_count == 1,
                       what="home's row")
        table = app.screen.query_one("#supervisees", RosterTable)
        assert str(table.get_cell("s-sam", "next")) == "—"
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ScheduleScreen)
                       and "cannot be read" in str(app.screen.query_one("#schedule-figures")
                                                   .render()), what="the diary's figures")
        assert "cannot be read" in str(app.screen.query_one("#schedule-figures").render())
    svc.close()


async def test_a_cancelled_date_not_to_be_rebooked_says_why(data_dir: Path) -> None:
    """`w` on a cancelled date keeps why it will not be rebooked: the diary and the record say
    so, and home no longer asks for it to be rebooked."""
    from supervisor_tui.domain.enums import CancelledBy
    from supervisor_tui.services.home import home_rows, today_picture
    from supervisor_tui.services.schedule import cancel_occurrence
    from tests.support import at_time

    write_history(data_dir)
    svc = open_service(data_dir)
    ws = at_time(svc, clock())
    cancel_occurrence(ws, "s-sam", None, at(2026, 12, 29, 10), "Sickness",
                      CancelledBy.SUPERVISEE)
    assert today_picture(home_rows(ws), clock()).not_rebooked  # home asks for it
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        said = heard(app)
        screen = await sams_diary_at(pilot, at(2026, 12, 29, 10))
        await pilot.press("w")
        await wait_for(pilot, lambda: app.screen is not screen, what="the reason dialog")
        await pilot.press("enter")  # no reason: refused, saying why
        await wait_for(pilot, lambda: "Give the reason" in str(
            app.screen.query_one("#error").render()), what="the refusal")
        await type_text(pilot, "Made up in the group on 30 Dec")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("will not be rebooked" in s for s in said),
                       what="the waiver saved")
    svc.close()
    svc = reopen(data_dir)
    try:
        [gone] = [s for s in svc.records.sessions("s-sam")
                  if s.planned_start == at(2026, 12, 29, 10)]
        assert gone.rebook_waived == "Made up in the group on 30 Dec"
        assert gone.rebook_waived_at == clock()
        picture = today_picture(home_rows(at_time(svc, clock())), clock())
        assert not picture.not_rebooked
    finally:
        svc.close()


async def test_the_supervisee_agrees_to_the_agreement_with_their_initials(
        data_dir: Path) -> None:
    """ctrl+g on a saved agreement: their initials, then both agreements show, dated; the
    version they agreed to keeps them (a reopened folder too)."""
    from textual.widgets import Static

    from supervisor_tui.ui.dialogs.closing import SignOffScreen

    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)

    def agreed() -> str:
        return str(app.screen.query_one("#agreement-agreed", Static).render())

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementScreen("s-sam"))
        await wait_for(pilot, lambda: "Not yet agreed" in agreed(), what="the agreement")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SignOffScreen),
                       what="the initials")
        await type_text(pilot, "SO")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                       and "Agreed by the supervisee (SO)" in agreed(), what="agreed")
    svc.close()
    svc = reopen(data_dir)
    try:
        current = svc.records.agreement("s-sam")
        assert current is not None and current.supervisee_agreed == "SO"
        assert current.supervisee_agreed_at == clock()
    finally:
        svc.close()
