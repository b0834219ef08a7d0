"""One session shows the same time everywhere: as recorded, never moved to the machine's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.session import Session
from supervisor_tui.reports.record import when
from supervisor_tui.ui.dialogs.pick_session import session_label
from supervisor_tui.ui.format import fmt_date, fmt_datetime
from tests.support import STAMP

LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_summer_slot_reads_the_same_in_the_picker_the_diary_and_the_record():
    """10:05 in London in June is 09:05 UTC: a machine on UTC showed 09:05 in the export
    picker while the diary and the record said 10:05."""
    start = datetime(2026, 6, 8, 10, 5, tzinfo=LONDON)
    s = Session(["s-1"], status=SessionStatus.FINALISED, planned_start=start,
                started_at=start, created_at=STAMP)
    assert session_label(s).startswith("08 Jun 2026 10:05")
    assert fmt_datetime(s.when) == "08 Jun 2026 10:05"
    assert when(s.when).startswith("2026-06-08 10:05")


def test_a_time_just_after_midnight_keeps_its_own_date():
    early = datetime(2027, 1, 1, 0, 30, tzinfo=TOKYO)  # 15:30 UTC the day before
    assert fmt_date(early) == "01 Jan 2027"
    assert fmt_datetime(early) == "01 Jan 2027 00:30"
