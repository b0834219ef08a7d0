"""The diary: agreement versions, merging with real sessions, and figures with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.domain.enums import CancelledBy, SessionStatus, SessionType
from supervisor_tui.domain.people import Agreement, ValidationError
from supervisor_tui.domain.regularity import (
    cancellation_rate,
    figures,
    overdue_days,
    review_in_days,
)
from supervisor_tui.domain.scheduling import (
    EntryStatus,
    agreement_in_force,
    diary,
    merge,
    next_due,
    next_planned,
    parse_rule,
    planned_occurrences,
)
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.summary import summarise
from tests.support import STAMP

LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def agreement(rule: str, start: datetime, created: datetime, **kw) -> Agreement:
    return Agreement(supervisee_id="s-1", rrule=rule, dtstart=start, timezone="Europe/London",
                     created_at=created, **kw)


def held(when: datetime, **kw) -> Session:
    kw.setdefault("created_at", when)
    return Session(["s-1"], status=SessionStatus.FINALISED, planned_start=kw.pop("planned", None),
                   started_at=when, ended_at=when + timedelta(hours=1), finalised_at=when, **kw)


def cancelled(planned: datetime, **kw) -> Session:
    kw.setdefault("created_at", planned - timedelta(days=30))
    s = Session(["s-1"], planned_start=planned, **kw)
    s.cancel("Court hearing", CancelledBy.SUPERVISEE, planned - timedelta(days=1))
    return s


FOUR_WEEKLY = agreement("FREQ=WEEKLY;INTERVAL=4;BYDAY=TU", at(2026, 1, 6, 10), at(2026, 1, 1))


def test_rule_change_mid_history_each_version_from_its_own_start() -> None:
    first = FOUR_WEEKLY
    second = agreement("FREQ=MONTHLY;BYDAY=1MO", at(2026, 5, 4, 14), at(2026, 4, 20))
    planned = planned_occurrences([second, first], at(2026, 1, 1), at(2026, 8, 1))
    assert [(o.start.date().isoformat(), o.start.hour, o.agreement.id) for o in planned] == [
        ("2026-01-06", 10, first.id), ("2026-02-03", 10, first.id),
        ("2026-03-03", 10, first.id), ("2026-03-31", 10, first.id),
        ("2026-04-28", 10, first.id),
        ("2026-05-04", 14, second.id), ("2026-06-01", 14, second.id),
        ("2026-07-06", 14, second.id),
    ]
    assert agreement_in_force([first, second], at(2026, 4, 30)) is first
    assert agreement_in_force([first, second], at(2026, 5, 4, 14)) is second


def test_a_version_that_starts_earlier_cuts_the_older_one_off() -> None:
    first = FOUR_WEEKLY
    correction = agreement("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", at(2026, 1, 8, 9), at(2026, 1, 7))
    planned = planned_occurrences([first, correction], at(2026, 1, 1), at(2026, 2, 1))
    assert [o.start.day for o in planned] == [6, 8, 22]


def test_merge_held_cancelled_moved_and_ad_hoc() -> None:
    now = at(2026, 3, 20, 12)
    moved = Session(["s-1"], planned_start=at(2026, 4, 2, 15), rescheduled_from=at(2026, 3, 31, 10),
                    created_at=STAMP)
    sessions = [
        held(at(2026, 1, 6, 10, 5)),            # held on the day: counts as that date
        cancelled(at(2026, 2, 3, 10)),          # cancelled in place
        held(at(2026, 2, 12, 11), type=SessionType.AD_HOC),
        moved,
    ]
    entries = diary([FOUR_WEEKLY], sessions, now, months_back=3, months_ahead=2)
    rows = [(e.when.strftime("%m-%d"), e.status, e.ad_hoc) for e in entries]
    assert rows == [
        ("01-06", EntryStatus.HELD, False),
        ("02-03", EntryStatus.CANCELLED, False),
        ("02-12", EntryStatus.HELD, True),
        ("03-03", EntryStatus.NOT_HELD, False),
        ("04-02", EntryStatus.PLANNED, False),
        ("04-28", EntryStatus.PLANNED, False),
    ]
    moved_entry = entries[4]
    assert moved_entry.original == at(2026, 3, 31, 10)
    assert moved_entry.moved_from == at(2026, 3, 31, 10)


def test_a_held_session_far_from_any_date_is_not_taken_for_one() -> None:
    planned = planned_occurrences([FOUR_WEEKLY], at(2026, 1, 1), at(2026, 2, 10))
    entries = merge(planned, [held(at(2026, 1, 20, 10))], at(2026, 2, 10))
    assert [(e.when.day, e.status) for e in entries] == [
        (6, EntryStatus.NOT_HELD), (20, EntryStatus.HELD), (3, EntryStatus.NOT_HELD)]
    assert entries[1].ad_hoc


def test_overdue_known_answers() -> None:
    # Every 4 weeks; last held Tue 6 Jan -> due Tue 3 Feb; on Sun 15 Feb that is 12 days overdue.
    assert overdue_days([FOUR_WEEKLY], at(2026, 1, 6, 10), at(2026, 2, 15, 9)) == 12
    assert overdue_days([FOUR_WEEKLY], at(2026, 1, 6, 10), at(2026, 2, 3, 9)) == 0
    # Monthly: last held 31 Jan -> due 28 Feb; on 10 Mar, 10 days overdue.
    monthly = agreement("FREQ=MONTHLY;BYMONTHDAY=-1", at(2026, 1, 31, 10), at(2026, 1, 1))
    assert overdue_days([monthly], at(2026, 1, 31, 10), at(2026, 3, 10, 9)) == 10
    # Never held: counted from the agreement's first date.
    assert overdue_days([FOUR_WEEKLY], None, at(2026, 1, 16, 9)) == 10
    assert overdue_days([], at(2026, 1, 6), at(2026, 3, 1)) is None


def test_overdue_uses_the_interval_of_the_agreement_in_force() -> None:
    weekly = agreement("FREQ=WEEKLY;BYDAY=TU", at(2026, 3, 3, 10), at(2026, 2, 20))
    # Under the new weekly agreement, last held 6 Jan is due 13 Jan: 58 days by 12 Mar.
    assert overdue_days([FOUR_WEEKLY, weekly], at(2026, 1, 6, 10), at(2026, 3, 12, 9)) == 58


def test_cancellation_rate_over_6_and_12_months() -> None:
    now = at(2026, 12, 1, 9)
    sessions = [
        held(at(2025, 11, 20, 10)),            # outside 12 months
        cancelled(at(2025, 11, 25, 10)),       # outside 12 months
        cancelled(at(2026, 1, 13, 10)),        # 12 months only
        held(at(2026, 2, 10, 10)),
        held(at(2026, 3, 10, 10)),
        cancelled(at(2026, 4, 7, 10)),
        held(at(2026, 7, 1, 10)),              # from here: the last 6 months
        cancelled(at(2026, 8, 4, 10)),
        held(at(2026, 9, 1, 10)),
        held(at(2026, 10, 6, 10)),
        Session(["s-1"], planned_start=at(2026, 12, 15, 10),
                created_at=STAMP),   # future: not counted
        cancelled(at(2026, 12, 20, 10)),       # cancelled later than now: not yet
    ]
    six, twelve = cancellation_rate(sessions, now, 6), cancellation_rate(sessions, now, 12)
    assert (six.cancelled, six.total, six.percent) == (1, 4, 25)
    assert (twelve.cancelled, twelve.total, twelve.percent) == (3, 8, 38)
    assert twelve.describe() == "3 of 8 (38%)"
    ahead = Session(["s-1"], planned_start=at(2026, 12, 29, 10), created_at=STAMP)
    ahead.cancel("Leave", CancelledBy.SUPERVISOR, at(2026, 11, 30, 9))   # already called off
    assert cancellation_rate([*sessions, ahead], now, 6).describe() == "2 of 5 (40%)"
    assert cancellation_rate([], now, 6).describe() == "none due"


def test_review_due() -> None:
    a = agreement("FREQ=WEEKLY", at(2026, 1, 6, 10), at(2026, 1, 1), review_date=date(2026, 6, 1))
    assert review_in_days(a, date(2026, 5, 20)) == 12
    assert review_in_days(a, date(2026, 6, 3)) == -2
    assert review_in_days(FOUR_WEEKLY, date(2026, 6, 3)) is None


def test_next_planned_skips_cancelled_and_moved_dates() -> None:
    now = at(2026, 2, 1, 9)
    assert next_planned([FOUR_WEEKLY], [], [], now) == at(2026, 2, 3, 10)
    gone = [at(2026, 2, 3, 10), at(2026, 3, 3, 10)]
    assert next_planned([FOUR_WEEKLY], gone, [], now) == at(2026, 3, 31, 10)
    assert next_planned([FOUR_WEEKLY], gone, [at(2026, 2, 5, 15)], now) == at(2026, 2, 5, 15)
    assert next_planned([], [], [], now) is None


def test_summary_feeds_next_planned() -> None:
    now = at(2026, 2, 1, 9)
    moved = Session(["s-1"], planned_start=at(2026, 2, 5, 15), rescheduled_from=at(2026, 2, 3, 10),
                    created_at=STAMP)
    summary = summarise("s-1", [moved, cancelled(at(2026, 3, 3, 10))], [])
    assert summary.slots_gone_from(now) == [at(2026, 2, 3, 10), at(2026, 3, 3, 10)]
    assert summary.planned_from(now) == [at(2026, 2, 5, 15)]
    assert summary.slots_gone_from(at(2026, 3, 1, 9)) == [at(2026, 3, 3, 10)]
    assert summary.planned_from(at(2026, 3, 1, 9)) == []
    nxt = next_planned([FOUR_WEEKLY], summary.slots_gone_from(now),
                       summary.planned_from(now), at(2026, 2, 6))
    assert nxt == at(2026, 3, 31, 10)


def test_figures_together() -> None:
    now = at(2026, 2, 15, 9)
    sessions = [held(at(2026, 1, 6, 10)), cancelled(at(2026, 2, 3, 10))]
    f = figures([FOUR_WEEKLY], sessions, now)
    assert f.overdue_days == 12
    assert f.due == date(2026, 2, 3)
    assert f.next_planned == at(2026, 3, 3, 10)
    assert f.cancelled_6m.describe() == "1 of 2 (50%)"


def test_next_due_keeps_its_meaning() -> None:
    assert next_due(FOUR_WEEKLY, at(2026, 1, 6, 10), at(2026, 2, 20)) == at(2026, 2, 3, 10)
    assert next_due(None, None, at(2026, 2, 20)) is None


def test_parse_rule_checks_and_runs_in_local_time() -> None:
    rule = parse_rule(FOUR_WEEKLY)
    assert rule.after(at(2026, 3, 1)) == at(2026, 3, 3, 10, 0)
    assert rule.after(datetime(2026, 3, 1)) == at(2026, 3, 3, 10, 0)   # naive: local time
    assert rule.before(at(2026, 3, 3, 10), inc=True) == at(2026, 3, 3, 10)
    # Across the clock change: 31 March is still 10:00 local, now an hour earlier in UTC.
    expected = [at(2026, 3, 3, 10), at(2026, 3, 31, 10), at(2026, 4, 28, 10)]
    assert rule.between(at(2026, 3, 1), at(2026, 4, 30)) == expected
    bad = agreement("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", at(2026, 1, 6, 10), at(2026, 1, 1))
    with pytest.raises(ValidationError, match="not both"):
        parse_rule(bad)
