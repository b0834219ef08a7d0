"""A session held early stands for the nearest planned date, shown in the diary; `k` changes
which (or makes it an extra session), and the change reaches disk and next due."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from supervisor_tui.app import create_app
from supervisor_tui.domain.enums import SessionType
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.dialogs.slot_picker import SlotPicker
from supervisor_tui.ui.screens.schedule import ScheduleScreen, entry_note
from tests.conftest import reopen
from tests.support import open_service
from tests.ui.schedule_fixtures import at, clock, write_history
from tests.ui.test_schedule_pilot import sams_diary_at
from tests.waiting import wait_for

HELD = at(2026, 10, 31, 10)  # a Saturday, for Tuesday 3 Nov's planned date
SLOT = at(2026, 11, 3, 10)


def entry_of(screen: ScheduleScreen):  # type: ignore[no-untyped-def]
    return next(e for e in screen.entries if e.session is not None
                and e.session.id == "x-early")


async def test_the_date_a_held_session_stood_for_is_shown_and_changed(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    early = Session(["s-sam"], created_at=HELD, id="x-early")
    early.start(HELD)
    early.finalise(HELD + timedelta(hours=1))
    svc.records.save_session(early)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await sams_diary_at(pilot, HELD)
        assert entry_of(screen).original == SLOT
        assert entry_note(entry_of(screen)) == "for the Tue 03 Nov 10:00 date"
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotPicker), what="the dates")
        await pilot.press("down", "enter")  # the planned date, then none: an extra session
        await wait_for(pilot, lambda: app.screen is screen and entry_of(screen).ad_hoc,
                       what="an extra session")
        assert any(e.when == SLOT and e.session is None for e in screen.entries)
        screen.query_one("DataTable").move_cursor(  # type: ignore[attr-defined]
            row=screen.entries.index(entry_of(screen)))
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotPicker), what="the dates")
        await pilot.press("enter")  # back to 3 Nov
        await wait_for(pilot, lambda: app.screen is screen
                       and entry_of(screen).original == SLOT, what="held for 3 Nov again")
    svc.close()
    again = reopen(data_dir)
    try:
        kept = again.records.session("s-sam", "x-early")
        assert (kept.type, kept.rescheduled_from) == (SessionType.PLANNED, SLOT)
    finally:
        again.close()
