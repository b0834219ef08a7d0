"""Edges of the window home's kept figures hold for: rules with dates three months apart on the
29th to 31st, a cancelled date just before the next, a clock with a fixed offset (as the
command line's is) or one in the spring-forward gap, and zones more than a day apart. At a
moment inside the window, the next date worked out afresh is the kept one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from supervisor_tui.domain.figures_window import figures_hold_until
from supervisor_tui.domain.people import Agreement, Supervisee
from supervisor_tui.domain.summary import SUMMARY_FORMAT, SuperviseeSummary
from supervisor_tui.services.home import HomeRow

LONDON = ZoneInfo("Europe/London")
BST = timezone(timedelta(hours=1), "BST")  # what system_clock gives in London in summer
SID = "s-sam"


def quarterly_row(moved):
    ag = Agreement(SID, rrule="FREQ=MONTHLY;INTERVAL=3", timezone="Europe/London",
                   dtstart=datetime(2026, 5, 30, 10, tzinfo=LONDON),
                   created_at=datetime(2026, 5, 1, tzinfo=UTC))
    summary = SuperviseeSummary(SID, moved_slots=moved, format=SUMMARY_FORMAT)
    return HomeRow(Supervisee("Sam", id=SID, created_at=datetime(2026, 1, 1, tzinfo=UTC)),
                   summary, ag, [ag])


def test_quarterly_rule_with_a_cancelled_date_dst_fixed_offset_clock():
    # Quarterly 10:00 London: 30 Aug (cancelled), 30 Nov. Clock in BST fixed offset.
    row = quarterly_row([datetime(2026, 8, 30, 10, tzinfo=LONDON)])
    now = datetime(2026, 8, 29, 12, tzinfo=BST)
    due, by, group_by = row.figures(now)
    assert due == datetime(2026, 11, 30, 10, tzinfo=LONDON)
    until = figures_hold_until(row.agreements, row.summary.held_times, now, due)
    assert until is not None  # kept
    later = datetime(2026, 8, 30, 10, 30, tzinfo=BST)  # half an hour after the cancelled date
    assert now <= later < until
    assert row.next_due(later) == due


def test_quarterly_rule_month_end_clamp_utc():
    # 30 Aug 10:00 (cancelled) then 30 Nov 10:00; from 31 Aug 09:00 three months ends 30 Nov 09:00.
    ag = Agreement(SID, rrule="FREQ=MONTHLY;INTERVAL=3", timezone="UTC",
                   dtstart=datetime(2026, 5, 30, 10, tzinfo=UTC),
                   created_at=datetime(2026, 5, 1, tzinfo=UTC))
    summary = SuperviseeSummary(SID, moved_slots=[datetime(2026, 8, 30, 10, tzinfo=UTC)],
                                format=SUMMARY_FORMAT)
    row = HomeRow(Supervisee("Sam", id=SID, created_at=datetime(2026, 1, 1, tzinfo=UTC)),
                  summary, ag, [ag])
    now = datetime(2026, 8, 29, 12, tzinfo=UTC)
    due = row.next_due(now)
    assert due == datetime(2026, 11, 30, 10, tzinfo=UTC)
    until = figures_hold_until(row.agreements, [], now, due)
    assert until is not None
    later = datetime(2026, 8, 31, 9, tzinfo=UTC)
    assert now <= later < until
    assert row.next_due(later) == due


def test_quarterly_on_the_30th_opened_next_morning_no_cancellation():
    # Quarterly at 09:30 on the 30th; the 30 Aug session was held. Home opened at 10:00 that
    # day keeps "next 30 Nov" until 30 Nov; opened the next morning at 09:00 the rules say none.
    ag = Agreement(SID, rrule="FREQ=MONTHLY;INTERVAL=3", timezone="UTC",
                   dtstart=datetime(2026, 5, 30, 9, 30, tzinfo=UTC),
                   created_at=datetime(2026, 5, 1, tzinfo=UTC))
    held = datetime(2026, 8, 30, 9, 30, tzinfo=UTC)
    summary = SuperviseeSummary(SID, last_held=held, held_times=[held], format=SUMMARY_FORMAT)
    row = HomeRow(Supervisee("Sam", id=SID, created_at=datetime(2026, 1, 1, tzinfo=UTC)),
                  summary, ag, [ag])
    now = datetime(2026, 8, 30, 10, tzinfo=UTC)
    due = row.next_due(now)
    assert due == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    until = figures_hold_until(row.agreements, summary.held_times, now, due)
    assert until is not None
    later = datetime(2026, 8, 31, 9, tzinfo=UTC)
    assert now <= later < until
    assert row.next_due(later) == due


def test_a_cancelled_date_comes_back_when_the_clock_zone_is_over_a_day_ahead():
    # Agreement in Pago Pago (-11), clock in Kiritimati (+14): the cancelled 4 Mar 23:30 date
    # leaves slots_gone_from when Kiritimati's day turns to 6 Mar, 20 minutes before it.
    pago = ZoneInfo("Pacific/Pago_Pago")
    kiri = timezone(timedelta(hours=14))
    ag = Agreement(SID, rrule="FREQ=WEEKLY", timezone="Pacific/Pago_Pago",
                   dtstart=datetime(2026, 2, 25, 23, 30, tzinfo=pago),
                   created_at=datetime(2026, 2, 1, tzinfo=UTC))
    cancelled = datetime(2026, 3, 4, 23, 30, tzinfo=pago)
    summary = SuperviseeSummary(SID, moved_slots=[cancelled], format=SUMMARY_FORMAT)
    row = HomeRow(Supervisee("Sam", id=SID, created_at=datetime(2026, 1, 1, tzinfo=UTC)),
                  summary, ag, [ag])
    now = datetime(2026, 3, 5, 9, tzinfo=UTC).astimezone(kiri)
    due = row.next_due(now)
    assert due == datetime(2026, 3, 11, 23, 30, tzinfo=pago)
    until = figures_hold_until(row.agreements, [], now, due)
    later = datetime(2026, 3, 5, 10, 10, tzinfo=UTC).astimezone(kiri)
    assert until is not None and now <= later < until
    assert row.next_due(later) == due


def test_home_shows_a_kept_next_date_a_fresh_start_would_not(service):
    from supervisor_tui.services.home import home_rows
    from tests.support import at_time

    service.records.save_supervisee(Supervisee("Sam", id=SID,
                                               created_at=datetime(2026, 1, 1, tzinfo=UTC)))
    service.records.save_agreement(Agreement(
        SID, rrule="FREQ=MONTHLY;INTERVAL=3", timezone="UTC",
        dtstart=datetime(2026, 5, 30, 9, 30, tzinfo=UTC),
        created_at=datetime(2026, 5, 1, tzinfo=UTC)))
    [first] = home_rows(at_time(service, datetime(2026, 8, 30, 10, tzinfo=UTC)))
    next_morning = datetime(2026, 8, 31, 9, tzinfo=UTC)
    [kept] = home_rows(at_time(service, next_morning))
    assert first.due == kept.due == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    assert kept.next_due(next_morning) == kept.due, "a start with nothing kept shows this"


def test_zoneinfo_clock_three_months_ahead_lands_in_the_spring_gap():
    ny = ZoneInfo("America/New_York")
    ag = Agreement(SID, rrule="FREQ=MONTHLY;INTERVAL=3", timezone="UTC",
                   dtstart=datetime(2025, 9, 8, 7, 15, tzinfo=UTC),
                   created_at=datetime(2025, 9, 1, tzinfo=UTC))
    row = HomeRow(Supervisee("Sam", id=SID, created_at=datetime(2025, 1, 1, tzinfo=UTC)),
                  SuperviseeSummary(SID, format=SUMMARY_FORMAT), ag, [ag])
    now = datetime(2025, 12, 8, 2, 30, tzinfo=ny)
    due = row.next_due(now)
    assert due == datetime(2026, 3, 8, 7, 15, tzinfo=UTC)
    until = figures_hold_until(row.agreements, [], now, due)
    later = datetime(2025, 12, 8, 3, 0, tzinfo=ny)
    assert until is not None and now <= later < until
    assert row.next_due(later) == due


def test_a_next_date_past_the_search_horizon_is_not_kept():
    """An agreement resuming in two years and ten days, a session planned ten days after
    that: from now only the planned session is within reach; twelve days on, the rule's first
    date is too, and comes first. So the first answer is not kept."""
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    resumes = datetime(2028, 3, 12, 10, tzinfo=UTC)
    ag = Agreement(SID, rrule="FREQ=WEEKLY", timezone="UTC", dtstart=resumes,
                   created_at=now - timedelta(days=1))
    summary = SuperviseeSummary(SID, planned_times=[resumes + timedelta(days=10)],
                                format=SUMMARY_FORMAT)
    row = HomeRow(Supervisee("Sam", id=SID, created_at=now), summary, ag, [ag])
    due = row.next_due(now)
    assert due == resumes + timedelta(days=10)
    assert row.next_due(now + timedelta(days=12)) == resumes
    assert figures_hold_until(row.agreements, [], now, due) is None
