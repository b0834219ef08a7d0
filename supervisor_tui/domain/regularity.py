"""Regularity figures of one supervisee's supervision: how overdue, how often cancelled, and
when the agreement is due for review. Pure functions over agreements and sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.overdue import DueBy
from supervisor_tui.domain.people import Agreement
from supervisor_tui.domain.recurrence import agreed_gap, first_on_or_after
from supervisor_tui.domain.scheduling import (
    EntryStatus,
    ScheduleEntry,
    agreement_in_force,
    agreement_start,
    agreement_zone,
    diary,
    local_start,
    session_time,
    versions_in_order,
)

if TYPE_CHECKING:
    from supervisor_tui.domain.session import Session


def due_date(agreements: list[Agreement], last_held: datetime | None,
             now: datetime) -> date | None:
    """When the next session was due by the agreed interval (or the agreement's first date)."""
    agreement = agreement_in_force(agreements, now)
    if agreement is None:
        return None
    zone = agreement_zone(agreement)
    if last_held is None:
        first = versions_in_order(agreements)[0]
        start = agreement_start(first)
        found = first_on_or_after(first.rrule, local_start(first), agreement_zone(first), start)
        return (found or start).date()
    return last_held.astimezone(zone).date() + agreed_gap(agreement.rrule)


def overdue_by(agreements: list[Agreement], last_held: datetime | None,
               now: datetime) -> DueBy | None:
    """When the next session was due by the agreed interval, counted in the zone of the
    agreement in force; None if there is no agreement."""
    due = due_date(agreements, last_held, now)
    agreement = agreement_in_force(agreements, now)
    if due is None or agreement is None:
        return None
    return DueBy(due, agreement_zone(agreement).key)


def overdue_days(agreements: list[Agreement], last_held: datetime | None,
                 now: datetime) -> int | None:
    """Days past the agreed interval since the last held session; 0 if on time, None if no
    agreement."""
    by = overdue_by(agreements, last_held, now)
    return None if by is None else by.days_past(now)


def group_overdue_by(agreements: list[Agreement], last_group: datetime | None,
                     now: datetime) -> DueBy | None:
    """When a group session was due by the agreed group rhythm since the last group session
    attended (or since the agreement in force began, before the first); None when no group
    rhythm is agreed. Counted apart from the one-to-ones: neither kind stands for the other."""
    agreement = agreement_in_force(agreements, now)
    if agreement is None or not agreement.group_rrule:
        return None
    zone = agreement_zone(agreement)
    since = last_group if last_group is not None else agreement_start(agreement)
    return DueBy(since.astimezone(zone).date() + agreed_gap(agreement.group_rrule), zone.key)


def group_overdue_days(agreements: list[Agreement], last_group: datetime | None,
                       now: datetime) -> int | None:
    """Days past the agreed group rhythm (see `group_overdue_by`); None when none is agreed."""
    by = group_overdue_by(agreements, last_group, now)
    return None if by is None else by.days_past(now)


@dataclass
class CancellationRate:
    """Of the sessions due over a period that were held or cancelled, how many were cancelled."""

    cancelled: int
    total: int

    @property
    def percent(self) -> int | None:
        return None if self.total == 0 else round(100 * self.cancelled / self.total)

    def describe(self) -> str:
        if self.total == 0:
            return "none due"
        return f"{self.cancelled} of {self.total} ({self.percent}%)"


def cancellation_rate(sessions: list[Session], now: datetime, months: int) -> CancellationRate:
    """Of the sessions due in the last `months` months that were held or cancelled, how many were
    cancelled. A session is dated by its planned time; a future session already cancelled in the
    period counts too (the cancellation has happened)."""
    after = now - relativedelta(months=months)

    def counted(s: Session) -> bool:
        when = session_time(s)
        if s.status is SessionStatus.CANCELLED:
            called_off = s.cancelled_at is not None and after <= s.cancelled_at <= now
            return when >= after and (when <= now or called_off)
        return s.held and after <= when <= now

    due = [s for s in sessions if counted(s)]
    cancelled = sum(1 for s in due if s.status is SessionStatus.CANCELLED)
    return CancellationRate(cancelled, len(due))


def review_in_days(agreement: Agreement | None, today: date) -> int | None:
    """Days until the agreement's review (negative once it has passed)."""
    if agreement is None or agreement.review_date is None:
        return None
    return (agreement.review_date - today).days


@dataclass
class ScheduleFigures:
    """The regularity figures shown for one person."""

    overdue_days: int | None
    due: date | None
    next_planned: datetime | None
    cancelled_6m: CancellationRate
    cancelled_12m: CancellationRate
    review_in_days: int | None
    entries: list[ScheduleEntry] = field(default_factory=list)


def figures(agreements: list[Agreement], sessions: list[Session],
            now: datetime) -> ScheduleFigures:
    held = [s for s in sessions if s.status is SessionStatus.FINALISED and s.started_at
            and not s.is_group]  # a group session never stands for a one-to-one
    last_held = max((s.started_at for s in held), default=None)  # type: ignore[type-var]
    entries = diary(agreements, sessions, now)
    upcoming = [e.when for e in entries
                if e.status is EntryStatus.PLANNED and e.when >= now]
    agreement = agreement_in_force(agreements, now)
    today = now.astimezone(agreement_zone(agreement)).date() if agreement else now.date()
    return ScheduleFigures(
        overdue_days=overdue_days(agreements, last_held, now),
        due=due_date(agreements, last_held, now),
        next_planned=min(upcoming) if upcoming else None,
        cancelled_6m=cancellation_rate(sessions, now, 6),
        cancelled_12m=cancellation_rate(sessions, now, 12),
        review_in_days=review_in_days(agreement, today),
        entries=entries,
    )
