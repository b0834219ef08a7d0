"""Home's figures are worked out when read, with the reader's clock, from facts that hold on
any day: a summary stored weeks ago still gives today's overdue count and next date."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.people import Agreement, Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.home import HomeRow, home_rows
from tests.support import STAMP, at_time

LONDON = ZoneInfo("Europe/London")
SID = "s-sam"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def seed(service) -> None:
    records = service.records
    records.save_supervisee(Supervisee("Sam Okafor", id=SID, created_at=STAMP))
    # Every Tuesday 10:00, Europe/London.
    records.save_agreement(Agreement(SID, rrule="FREQ=WEEKLY;BYDAY=TU",
                                     dtstart=at(2026, 1, 6, 10), timezone="Europe/London",
                                     created_at=at(2026, 1, 1)))


def row(service, when: datetime) -> HomeRow:
    [found] = home_rows(at_time(service, when))
    return found


def held(start: datetime) -> Session:
    s = Session([SID], planned_start=None, created_at=start)
    s.start(start)
    s.finalise(start + timedelta(hours=1))
    return s


def test_a_session_held_today_takes_todays_date_so_next_due_is_the_next_one(service) -> None:
    seed(service)
    tuesday = at(2026, 3, 3, 7, 3)  # held early, at 07:03, for the 10:00 slot
    service.records.save_session(held(tuesday))
    later_that_day = at(2026, 3, 3, 8, 30)
    assert row(service, later_that_day).next_due(later_that_day) == at(2026, 3, 10, 10)
    assert row(service, later_that_day).due == at(2026, 3, 10, 10)
    # Held early, on the Sunday before the next Tuesday: it takes that Tuesday's date, which
    # is no longer due (the diary ties a held session to the nearest date within 3 days).
    service.records.save_session(held(at(2026, 3, 15, 14)))
    monday = at(2026, 3, 16, 9)
    assert row(service, monday).due == at(2026, 3, 24, 10)


def test_overdue_actions_and_next_date_follow_the_readers_day(service) -> None:
    seed(service)
    service.records.save_action(Action(SID, "x-1", "Call the school", "Sam",
                                       due=date(2026, 3, 5), created_at=at(2026, 3, 1)))
    service.records.refresh_summary(SID)  # stored on 1 March, read much later
    early = row(service, at(2026, 3, 4, 9))
    assert early.summary.overdue_actions(date(2026, 3, 4)) == 0
    assert early.due == at(2026, 3, 10, 10)
    late = row(service, at(2026, 3, 20, 9))
    assert late.summary.overdue_actions(date(2026, 3, 20)) == 1
    assert late.due == at(2026, 3, 24, 10)


def picture_row(name: str, *, late: int = 0, due: datetime | None = None,
                dues: tuple[date, ...] = (), in_session: bool = False,
                damaged: str | None = None) -> HomeRow:
    from supervisor_tui.domain.summary import SuperviseeSummary

    person = Supervisee(name, id=f"s-{name.lower()}", created_at=STAMP)
    summary = SuperviseeSummary(person.id, open_actions=len(dues), open_action_dues=list(dues),
                                in_progress_session="x-1" if in_session else None)
    return HomeRow(person, summary, None, due=due, late=late, damaged=damaged)


def test_todays_picture_names_what_needs_attention_this_week():
    from supervisor_tui.services.home import today_picture

    now = at(2026, 12, 4, 9)  # a Friday
    today = now.date()
    rows = [
        picture_row("Zed", late=3, dues=(today - timedelta(days=1), today + timedelta(days=6))),
        picture_row("Amy", late=12),
        picture_row("Bea", due=at(2026, 12, 10, 10), dues=(today + timedelta(days=7),)),
        picture_row("Cal", due=at(2026, 12, 11, 10), in_session=True),  # a week ahead: later
        picture_row("Dee", due=now, damaged="not valid JSON"),
    ]
    picture = today_picture(rows, now)
    assert picture.overdue == [("Amy", 12), ("Zed", 3)]  # most overdue first
    assert picture.due_soon == [("Bea", at(2026, 12, 10, 10))]
    assert picture.in_session == ["Cal"]
    assert picture.actions_overdue == [("Zed", 1)]
    assert picture.actions_due_soon == [("Zed", 1)]  # Bea's falls a day after the week
    assert picture.damaged == [("Dee", "not valid JSON")]  # and nothing else about her
    assert not picture.quiet
    assert today_picture([picture_row("Eve")], now).quiet


def test_a_damaged_file_marks_its_row_and_not_the_others(service):
    seed(service)
    service.records.save_supervisee(Supervisee("Ana Reyes", id="s-ana", created_at=STAMP))
    service.workspace.damaged["s-ana"] = "not valid JSON"
    rows = {r.supervisee.id: r for r in home_rows(at_time(service, at(2026, 3, 1, 9)))}
    assert rows["s-ana"].damaged == "not valid JSON"
    assert rows["s-ana"].due is None and rows["s-ana"].summary.open_actions == 0
    assert rows[SID].damaged is None and rows[SID].due is not None


def test_a_cancellation_asks_to_be_rebooked_and_repeated_ones_raise_a_warning(service):
    """Cancelled without a new date: home asks for one until it is rebooked or a one-to-one
    is held; two in three months: a warning with the reasons."""
    from supervisor_tui.domain.enums import CancelledBy
    from supervisor_tui.services.home import today_picture
    from supervisor_tui.services.schedule import cancel_occurrence

    seed(service)
    now = at(2026, 3, 4, 9)
    ws = at_time(service, now)
    cancel_occurrence(ws, SID, None, at(2026, 3, 3, 10), "Court hearing", CancelledBy.SUPERVISEE)
    picture = today_picture(home_rows(ws), now)
    assert picture.not_rebooked == [("Sam Okafor", date(2026, 3, 3))]
    assert picture.cancelling == []  # one is not yet a pattern
    # A second, rebooked in the same step: it is not asked for, but two make a pattern.
    cancel_occurrence(ws, SID, None, at(2026, 3, 10, 10), "Sickness", CancelledBy.SUPERVISOR,
                      rebook=at(2026, 3, 12, 14))
    picture = today_picture(home_rows(ws), now)
    assert picture.not_rebooked == [("Sam Okafor", date(2026, 3, 3))]
    assert picture.cancelling == [("Sam Okafor", 2, ["Court hearing", "Sickness"])]
    assert today_picture(home_rows(ws), now, cancellation_warning=3).cancelling == []
    planned = [s for s in service.records.sessions(SID) if s.planned_start == at(2026, 3, 12, 14)]
    assert len(planned) == 1 and planned[0].status.value == "planned"
    # A one-to-one held since makes up for the first.
    service.records.save_session(held(at(2026, 3, 12, 14)))
    later = at(2026, 3, 13, 9)
    assert today_picture(home_rows(at_time(service, later)), later).not_rebooked == []


def test_a_high_risk_case_the_last_session_did_not_reach_is_named_until_discussed(service):
    from supervisor_tui.domain.caseload import open_case
    from supervisor_tui.domain.enums import RiskLevel
    from supervisor_tui.domain.session import AgendaItem
    from supervisor_tui.services.home import today_picture

    seed(service)
    records = service.records
    records.save_case(SID, open_case("KD-1", RiskLevel.HIGH, at(2026, 1, 2)))
    records.save_case(SID, open_case("LO-2", RiskLevel.LOW, at(2026, 1, 2)))
    first = held(at(2026, 1, 6, 10))
    records.save_session(first)
    now = at(2026, 1, 7, 9)
    picture = today_picture(home_rows(at_time(service, now)), now)
    assert picture.high_risk == [("Sam Okafor", ["KD-1"])]  # the low-risk one can wait
    reached = held(at(2026, 1, 13, 10))
    reached.agenda = [AgendaItem("KD-1 contact plan", case_ref="KD-1", done=True)]
    records.save_session(reached)
    later = at(2026, 1, 14, 9)
    assert today_picture(home_rows(at_time(service, later)), later).high_risk == []
