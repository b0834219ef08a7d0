"""Fixed data for the agreement and diary screens: a fixed clock and a known history."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from supervisor_tui.domain.enums import CancelledBy, SessionType
from supervisor_tui.domain.people import Agreement, Supervisee
from supervisor_tui.domain.session import Session
from tests import builders as build
from tests.builders import moment
from tests.support import open_service

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def clock() -> datetime:
    return NOW


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return moment(year, month, day, hour, minute, LONDON)


def held(sid: str, when: datetime, n: int) -> Session:
    return build.held(sid, when, session_id=f"x-held-{n}")


def write_history(path: Path) -> None:
    """Sam: every 4 weeks on Tuesday since June (the rule changed from monthly in September);
    last held 6 Oct, so by 23 Nov (due 3 Nov) he is 20 days overdue. Ana: no agreement."""
    svc = open_service(path)
    try:
        r = svc.records
        r.save_supervisee(Supervisee("Sam Okafor", "Social worker", id="s-sam",
                                     created_at=at(2026, 1, 5)))
        r.save_supervisee(Supervisee("Ana Reyes", "Nurse", id="s-ana", created_at=at(2026, 1, 5)))
        r.save_agreement(Agreement(
            supervisee_id="s-sam", rrule="FREQ=MONTHLY;BYDAY=1MO", dtstart=at(2026, 6, 1, 14),
            timezone="Europe/London", duration_minutes=90, id="a-first",
            created_at=at(2026, 5, 20), review_date=date(2026, 12, 1),
            confidentiality="What we discuss stays here", exceptions="Risk of serious harm",
            records="Encrypted on the supervisor's laptop"))
        r.save_agreement(Agreement(
            supervisee_id="s-sam", rrule="FREQ=WEEKLY;INTERVAL=4;BYDAY=TU",
            dtstart=at(2026, 9, 8, 10), timezone="Europe/London", duration_minutes=60,
            id="a-second", created_at=at(2026, 9, 1), review_date=date(2026, 12, 1),
            confidentiality="What we discuss stays here", exceptions="Risk of serious harm",
            records="Encrypted on the supervisor's laptop"))
        r.save_session(held("s-sam", at(2026, 6, 1, 14), 1))
        r.save_session(held("s-sam", at(2026, 8, 3, 14), 2))
        r.save_session(held("s-sam", at(2026, 9, 8, 10), 3))
        r.save_session(held("s-sam", at(2026, 10, 6, 10), 4))
        july = Session(["s-sam"], planned_start=at(2026, 7, 6, 14), duration_minutes=90,
                       id="x-cancel-1", created_at=at(2026, 7, 1))
        july.cancel("Annual leave clash", CancelledBy.SUPERVISOR, at(2026, 7, 1, 12))
        r.save_session(july)
        moved = Session(["s-sam"], planned_start=at(2026, 12, 3, 15),
                        rescheduled_from=at(2026, 12, 1, 10), schedule_revision=1,
                        id="x-moved-1", created_at=at(2026, 11, 20))
        r.save_session(moved)
        r.save_session(Session(["s-sam"], type=SessionType.AD_HOC,
                               planned_start=at(2026, 11, 26, 16), duration_minutes=30,
                               id="x-adhoc-1", created_at=at(2026, 11, 20)))
    finally:
        svc.close()
