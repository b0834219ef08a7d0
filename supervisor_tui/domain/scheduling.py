"""The diary of one supervisee: planned dates from the agreements merged with what really happened.

Each agreement version applies from its own start until the next version starts; earlier versions
are kept as history. A planned occurrence that was cancelled or moved is stored as a `Session`
whose `rescheduled_from` (moved) or `planned_start` (cancelled in place) names the occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rruleset

from supervisor_tui.domain.enums import SessionStatus, SessionType
from supervisor_tui.domain.people import Agreement
from supervisor_tui.domain.recurrence import (
    attach,
    build_rule,
    check_rule,
    first_on_or_after,
    local_occurrences,
    zone_of,
)

if TYPE_CHECKING:
    from supervisor_tui.domain.session import Session

#: A held session this close to a planned date (and not tied to another) counts as that date.
MATCH_WINDOW = timedelta(days=3)
SEARCH_SPAN = relativedelta(months=3)
"""How far ahead `next_planned` looks for the rule's dates at a time."""
SEARCH_LIMIT = relativedelta(years=2)
"""How far ahead `next_planned` looks for a rule date at most."""


def agreement_zone(agreement: Agreement) -> ZoneInfo:
    return zone_of(agreement.timezone or "UTC")


def agreement_start(agreement: Agreement) -> datetime:
    """The agreement's first planned session, aware, in its own zone."""
    zone = agreement_zone(agreement)
    start = agreement.dtstart or agreement.created_at
    if start.tzinfo is None:
        return start.replace(tzinfo=zone)
    return start.astimezone(zone)


def local_start(agreement: Agreement) -> datetime:
    """The start as naive wall-clock time in the agreement's zone (what the rule runs on)."""
    return agreement_start(agreement).replace(tzinfo=None)


class ZonedRule:
    """A rule run on local wall-clock time that takes and gives aware datetimes (a naive
    argument is read as wall-clock time in the zone)."""

    def __init__(self, rule: rrule | rruleset, zone: ZoneInfo) -> None:
        self.rule, self.zone = rule, zone

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone).replace(tzinfo=None) if moment.tzinfo else moment

    def between(self, after: datetime, before: datetime, inc: bool = False) -> list[datetime]:
        found = self.rule.between(self._local(after), self._local(before), inc=inc)
        return [attach(d, self.zone) for d in found]

    def after(self, moment: datetime, inc: bool = False) -> datetime | None:
        found = self.rule.after(self._local(moment), inc=inc)
        return None if found is None else attach(found, self.zone)

    def before(self, moment: datetime, inc: bool = False) -> datetime | None:
        found = self.rule.before(self._local(moment), inc=inc)
        return None if found is None else attach(found, self.zone)


def parse_rule(agreement: Agreement, start: datetime | None = None) -> ZonedRule:
    """The agreement's rule, checked, from its own start (or `start` when it has none), in its
    zone so that 10:00 stays 10:00 across clock changes. Raises ValidationError."""
    zone = agreement_zone(agreement)
    first = agreement.dtstart or start or agreement.created_at
    begin = first.astimezone(zone).replace(tzinfo=None) if first.tzinfo else first
    rule = check_rule(agreement.rrule, agreement.timezone or "UTC", begin)
    return ZonedRule(build_rule(rule, begin, zone), zone)


def occurrences(agreement: Agreement, after: datetime, before: datetime) -> list[datetime]:
    return local_occurrences(
        agreement.rrule, local_start(agreement), agreement_zone(agreement), after, before
    )


@dataclass(frozen=True)
class Occurrence:
    """One date an agreement's rule gives."""

    start: datetime
    agreement: Agreement


def versions_in_order(agreements: list[Agreement]) -> list[Agreement]:
    return sorted(agreements, key=lambda a: a.created_at)


def planned_occurrences(agreements: list[Agreement], after: datetime,
                        before: datetime) -> list[Occurrence]:
    """Every planned date in [after, before) under whichever agreement version applied then."""
    versions = versions_in_order(agreements)
    found: list[Occurrence] = []
    for i, agreement in enumerate(versions):
        begin = max(after, agreement_start(agreement))
        later = [agreement_start(v) for v in versions[i + 1:]]
        end = min([before, *later])
        if begin >= end:
            continue
        found.extend(Occurrence(d, agreement) for d in occurrences(agreement, begin, end))
    return sorted(found, key=lambda o: o.start)


def agreement_in_force(agreements: list[Agreement], moment: datetime) -> Agreement | None:
    """The version that governs `moment`: the newest whose start is not later than it."""
    versions = versions_in_order(agreements)
    if not versions:
        return None
    current = None
    for i, agreement in enumerate(versions):
        later_starts = [agreement_start(v) for v in versions[i + 1:]]
        superseded = any(s <= moment for s in later_starts)
        if agreement_start(agreement) <= moment and not superseded:
            current = agreement
    return current or versions[-1]


class EntryStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    IN_PROGRESS = "in progress"
    CANCELLED = "cancelled"
    NOT_HELD = "no record"


@dataclass
class ScheduleEntry:
    """One line of a schedule: a planned, held, cancelled or missed date."""

    when: datetime
    status: EntryStatus
    original: datetime | None = None
    """The rule's occurrence this entry stands for (None for a session outside the rule)."""
    session: Session | None = None
    duration_minutes: int = 60

    @property
    def moved_from(self) -> datetime | None:
        if self.session is not None and self.session.rescheduled_from is not None:
            return self.session.rescheduled_from
        return None

    @property
    def ad_hoc(self) -> bool:
        return self.original is None

    @property
    def key(self) -> str:
        if self.session is not None:
            return self.session.id
        return f"o-{self.when.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _status(session: Session, now: datetime) -> EntryStatus:
    if session.status is SessionStatus.FINALISED:
        return EntryStatus.HELD
    if session.status is SessionStatus.IN_PROGRESS:
        return EntryStatus.IN_PROGRESS
    if session.status is SessionStatus.CANCELLED:
        return EntryStatus.CANCELLED
    when = session.when
    ends = when + timedelta(minutes=session.duration_minutes) if when else now
    return EntryStatus.PLANNED if ends > now else EntryStatus.NOT_HELD


def session_time(session: Session) -> datetime:
    return session.started_at or session.planned_start or session.created_at


def merge(planned: list[Occurrence], sessions: list[Session], now: datetime) -> list[ScheduleEntry]:
    """The diary: each planned date with what happened to it, plus sessions outside the rule."""
    by_start = {o.start: o for o in planned}
    tied: dict[datetime, Session] = {}
    loose: list[Session] = []
    for s in sessions:
        slot = s.rescheduled_from or s.planned_start
        if slot is not None and slot in by_start and slot not in tied:
            tied[slot] = s
        else:
            loose.append(s)
    still_loose: list[Session] = []
    for s in sorted(loose, key=session_time):
        if s.held and s.type is not SessionType.AD_HOC and not s.is_group \
                and s.rescheduled_from is None:
            when = session_time(s)
            near = [o.start for o in planned
                    if o.start not in tied and abs(o.start - when) <= MATCH_WINDOW]
            if near:
                tied[min(near, key=lambda d: abs(d - when))] = s
                continue
        still_loose.append(s)
    entries: list[ScheduleEntry] = []
    for o in planned:
        taken = tied.get(o.start)
        if taken is None:
            ends = o.start + timedelta(minutes=o.agreement.duration_minutes)
            status = EntryStatus.PLANNED if ends > now else EntryStatus.NOT_HELD
            entries.append(ScheduleEntry(o.start, status, o.start, None,
                                         o.agreement.duration_minutes))
        else:
            entries.append(ScheduleEntry(session_time(taken), _status(taken, now), o.start,
                                         taken, taken.duration_minutes))
    for s in still_loose:
        entries.append(ScheduleEntry(session_time(s), _status(s, now), s.rescheduled_from, s,
                                     s.duration_minutes))
    return sorted(entries, key=lambda e: e.when)


def diary(agreements: list[Agreement], sessions: list[Session], now: datetime,
          months_back: int = 12, months_ahead: int = 6) -> list[ScheduleEntry]:
    """The merged diary from `months_back` before `now` to `months_ahead` after it."""
    after = now - relativedelta(months=months_back)
    before = now + relativedelta(months=months_ahead)
    planned = planned_occurrences(agreements, after, before)
    # A session held a little before `after` may stand for a planned date after it (held at
    # 07:03 for 10:00, or on Sunday for Tuesday): it is merged too, so that date is taken.
    inside = [s for s in sessions if s.status is not SessionStatus.DISCARDED
              and (after - MATCH_WINDOW <= session_time(s) < before
                   or (s.rescheduled_from is not None and after <= s.rescheduled_from < before))]
    entries = merge(planned, inside, now)
    current = agreement_in_force(agreements, now)
    if current is not None:
        zone = agreement_zone(current)
        for e in entries:
            if not isinstance(e.when.tzinfo, ZoneInfo):
                e.when = e.when.astimezone(zone)
    return entries


def taken_slots(agreements: list[Agreement], held: list[datetime]) -> set[datetime]:
    """The planned dates that held sessions stand for: each held session takes the nearest
    free planned date within `MATCH_WINDOW`, as in the diary."""
    taken: set[datetime] = set()
    for when in sorted(held):
        near = [o.start for o in planned_occurrences(
            agreements, when - MATCH_WINDOW, when + MATCH_WINDOW + timedelta(seconds=1))
            if o.start not in taken and abs(o.start - when) <= MATCH_WINDOW]
        if near:
            taken.add(min(near, key=lambda d: abs(d - when)))
    return taken


def next_planned(agreements: list[Agreement], moved: list[datetime], extra: list[datetime],
                 now: datetime, held: list[datetime] | None = None) -> datetime | None:
    """The next date in the diary: the first rule date not cancelled, moved or already held
    (a session held early or late takes the planned date it stood for), or an extra planned
    session (a moved date, an ad hoc one), whichever comes first. The rule's dates are looked
    through a span at a time over the whole of the next `SEARCH_LIMIT`, however far apart
    the rule puts them."""
    recent = [h for h in held or [] if h >= now - 2 * MATCH_WINDOW]
    gone = set(moved) | taken_slots(agreements, recent)
    candidates = [d for d in extra if d >= now]
    probe, horizon = now, now + SEARCH_LIMIT
    while agreements and probe < horizon:
        end = min(probe + SEARCH_SPAN, horizon)
        free = [o.start for o in planned_occurrences(agreements, probe, end)
                if o.start not in gone]
        if free:
            candidates.append(free[0])
            break
        probe = end  # every date in [probe, end) is gone: on from where it ended
    return min(candidates) if candidates else None


def next_due(agreement: Agreement | None, last_held: datetime | None,
             now: datetime) -> datetime | None:
    """The first planned date after the last held session (or from now if none was held)."""
    if agreement is None:
        return None
    anchor = last_held + timedelta(seconds=1) if last_held else now
    return first_on_or_after(agreement.rrule, local_start(agreement),
                             agreement_zone(agreement), anchor)
