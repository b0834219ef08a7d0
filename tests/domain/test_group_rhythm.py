"""An agreement's group rhythm: group sessions are expected, counted and overdue apart from the
one-to-ones (a group never stands for a one-to-one, nor a one-to-one for a group)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.enums import SessionType
from supervisor_tui.domain.people import GROUP_RHYTHMS, Agreement, Supervisee, ValidationError
from supervisor_tui.domain.regularity import group_overdue_days
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.summary import summarise
from supervisor_tui.reports.audit import audit_table, build_audit
from supervisor_tui.services.home import HomeRow, today_picture
from tests.support import STAMP

JO = Supervisee("Jo Park", id="s-0a0a0a", created_at=STAMP)


def agreement(group: str = "FREQ=MONTHLY") -> Agreement:
    return Agreement(JO.id, rrule="FREQ=WEEKLY;INTERVAL=4",
                     dtstart=datetime(2026, 1, 5, 10, tzinfo=UTC), created_at=STAMP,
                     group_rrule=group)


def held(at: datetime, group: bool = False) -> Session:
    ids = [JO.id, "s-0b0b0b"] if group else [JO.id]
    s = Session(ids, type=SessionType.GROUP if group else SessionType.AD_HOC, created_at=STAMP)
    s.start(at)
    s.finalise(at.replace(hour=at.hour + 1))
    return s


def test_only_the_offered_rhythms_are_agreed():
    assert "" in GROUP_RHYTHMS and "FREQ=MONTHLY" in GROUP_RHYTHMS
    agreement("FREQ=MONTHLY").validate()
    with pytest.raises(ValidationError, match="offered rhythms"):
        agreement("FREQ=DAILY").validate()


def test_group_overdue_counts_from_the_last_group_not_from_a_one_to_one():
    versions = [agreement()]
    now = datetime(2026, 4, 20, 9, tzinfo=UTC)
    group = held(datetime(2026, 3, 2, 14, tzinfo=UTC), group=True)
    one_to_one = held(datetime(2026, 4, 13, 10, tzinfo=UTC))
    summary = summarise(JO.id, [group, one_to_one], [])
    assert summary.last_group_held == datetime(2026, 3, 2, 14, tzinfo=UTC)
    assert summary.last_held == datetime(2026, 4, 13, 10, tzinfo=UTC)
    # Monthly from 2 Mar: due 2 Apr, 18 days late on 20 Apr despite the one-to-one.
    assert group_overdue_days(versions, summary.last_group_held, now) == 18
    # Before any group: from the agreement's start (5 Jan + a month).
    assert group_overdue_days(versions, None, now) == (date(2026, 4, 20) - date(2026, 2, 5)).days
    assert group_overdue_days([agreement("")], None, now) is None


def test_home_names_a_group_overdue_apart_from_supervision_overdue():
    versions = [agreement()]
    now = datetime(2026, 4, 20, 9, tzinfo=UTC)
    sessions = [held(datetime(2026, 3, 2, 14, tzinfo=UTC), group=True),
                held(datetime(2026, 4, 13, 10, tzinfo=UTC))]
    row = HomeRow(JO, summarise(JO.id, sessions, []), versions[-1], versions)
    row.late, row.group_late = row.overdue(now), row.group_overdue(now)
    picture = today_picture([row], now)
    assert picture.group_overdue == [("Jo Park", 18)]
    assert picture.overdue == []  # the one-to-one a week ago is on time


def test_the_audit_expects_group_sessions_by_the_rhythm_and_counts_them_apart():
    sessions = [held(datetime(2026, 1, 12, 10, tzinfo=UTC)),
                held(datetime(2026, 2, 9, 14, tzinfo=UTC), group=True)]
    records = SuperviseeRecords(JO, [agreement()], sessions=sessions)
    audit = build_audit([records], date(2026, 1, 1), date(2026, 3, 31), date(2026, 3, 31))
    row = audit.rows[0]
    # Monthly from 5 Jan: 5 Jan, 5 Feb, 5 Mar expected; one group attended. Four-weekly
    # one-to-ones: 5 Jan, 2 Feb, 2 Mar, 30 Mar; one held (the group is not one of them).
    assert (row.held, row.expected, row.group_held, row.group_expected) == (1, 4, 1, 3)
    assert audit.overall.group_expected == 3
    assert "Jo Park     1/4            1/3" in audit_table(audit)
    none_agreed = SuperviseeRecords(JO, [agreement("")], sessions=sessions)
    row = build_audit([none_agreed], date(2026, 1, 1), date(2026, 3, 31),
                      date(2026, 3, 31)).rows[0]
    assert (row.group_held, row.group_expected) == (1, None)
