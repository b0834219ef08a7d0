"""Home: one row per current supervisee, worked out on the writer thread (the command line starts
reading them while the app is still being built)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from supervisor_tui.domain.balance import DEFAULT_WELLBEING, WellbeingRule, wellbeing_concern
from supervisor_tui.domain.overdue import DueBy
from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.domain.summary import SuperviseeSummary
from supervisor_tui.services.home_figures import KeptFigures, ScheduleFigures
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.errors import StoreCorruptError

WEEK = 7
"""Days ahead that count as "this week" in today's picture."""


@dataclass
class HomeRow:
    """One person's line on the roster: who, their summary and their agreements."""

    supervisee: Supervisee
    summary: SuperviseeSummary
    agreement: Agreement | None
    agreements: list[Agreement] = field(default_factory=list)
    """Every agreement version, oldest first (the diary spans them)."""
    due: datetime | None = None
    late: int = 0
    """Next planned date and days overdue, worked out with the rows (off the UI thread)."""
    group_late: int = 0
    """Days past the agreed group rhythm (counted apart from the one-to-ones)."""
    damaged: str | None = None
    """Why this person's file cannot be read (their figures are then unknown), if it cannot."""

    # The recurrence rules (and dateutil) are imported when first run: a start whose figures
    # were all kept runs none, and home's first frame does without them.
    def figures(self, now: datetime) -> ScheduleFigures:
        """The figures to keep: the next date, and when supervision and group were due by."""
        return self.next_due(now), self.overdue_by(now), self.group_overdue_by(now)

    def overdue_by(self, now: datetime) -> DueBy | None:
        from supervisor_tui.domain.regularity import overdue_by

        try:
            return overdue_by(self.agreements, self.summary.last_held, now)
        except ValidationError:  # a stored rule that no longer reads: shown via next_due
            return None

    def group_overdue_by(self, now: datetime) -> DueBy | None:
        from supervisor_tui.domain.regularity import group_overdue_by

        try:
            return group_overdue_by(self.agreements, self.summary.last_group_held, now)
        except ValidationError:
            return None

    def overdue(self, now: datetime) -> int:
        by = self.overdue_by(now)
        return 0 if by is None else by.days_past(now)

    def group_overdue(self, now: datetime) -> int:
        by = self.group_overdue_by(now)
        return 0 if by is None else by.days_past(now)

    def next_due(self, now: datetime) -> datetime | None:
        from supervisor_tui.domain.scheduling import next_planned

        s = self.summary
        try:
            return next_planned(self.agreements, s.slots_gone_from(now), s.planned_from(now),
                                now, s.held_times)
        except ValidationError:
            return None


def home_rows(ws: Workspace) -> list[HomeRow]:
    """The roster, each supervisee's agreement and stored summary, and the schedule figures
    as of now (evaluating recurrence rules is too slow for the UI thread; those kept from an
    earlier start are used while they hold)."""
    records = ws.records
    now = ws.clock()
    kept = KeptFigures(records, now)
    summaries = records.summaries()
    agreements = records.agreements_by_person()
    rows = []
    for person in records.supervisees():
        versions = agreements.get(person.id, [])
        agreement = versions[-1] if versions else None
        summary = summaries.get(person.id)
        try:
            if person.id in ws.damaged:
                raise StoreCorruptError(person.id, ws.damaged[person.id])
            if summary is None or not summary.current:
                summary = records.refresh_summary(person.id)
        except StoreCorruptError as exc:
            ws.damaged[person.id] = exc.reason
            rows.append(HomeRow(person, SuperviseeSummary(person.id), agreement, versions,
                                damaged=exc.reason))
            continue
        row = HomeRow(person, summary, agreement, versions)
        row.due, by, group_by = kept.figures(person.id, versions, summary.held_times,
                                             row.figures)
        row.late = 0 if by is None else by.days_past(now)
        row.group_late = 0 if group_by is None else group_by.days_past(now)
        rows.append(row)
    kept.keep()
    return rows


CANCELLATION_WINDOW = timedelta(days=91)
"""Three months: how far back home looks at cancelled one-to-ones."""


@dataclass
class TodayPicture:
    """What needs the supervisor today, from the home rows: names with a date or a count."""

    today: date
    in_session: list[str] = field(default_factory=list)
    overdue: list[tuple[str, int]] = field(default_factory=list)
    """Supervision past its agreed interval: name and days, most overdue first."""
    group_overdue: list[tuple[str, int]] = field(default_factory=list)
    """Group supervision past its agreed rhythm: name and days, most overdue first."""
    due_soon: list[tuple[str, datetime]] = field(default_factory=list)
    """Supervision planned from today to a week ahead, soonest first."""
    group_soon: list[tuple[str, datetime]] = field(default_factory=list)
    """Group sessions planned from today to a week ahead, soonest first."""
    actions_overdue: list[tuple[str, int]] = field(default_factory=list)
    actions_due_soon: list[tuple[str, int]] = field(default_factory=list)
    """Open actions due from today to a week ahead, per person."""
    damaged: list[tuple[str, str]] = field(default_factory=list)
    """People whose file cannot be read, and why."""
    wellbeing: list[tuple[str, str]] = field(default_factory=list)
    """People whose check-ins call for a restorative conversation, and why."""
    not_rebooked: list[tuple[str, date]] = field(default_factory=list)
    """One-to-ones cancelled in the last three months, not rebooked and not made up since."""
    cancelling: list[tuple[str, int, list[str]]] = field(default_factory=list)
    """People with many one-to-ones cancelled in three months: how many, and the reasons."""
    changed_outside: int = 0
    """How many changes made outside the app the record check found."""
    high_risk: list[tuple[str, list[str]]] = field(default_factory=list)
    """People with high-risk cases their last session did not reach, and the cases."""

    @property
    def quiet(self) -> bool:
        return not (self.in_session or self.overdue or self.group_overdue or self.due_soon
                    or self.group_soon
                    or self.actions_overdue or self.actions_due_soon or self.damaged
                    or self.wellbeing or self.not_rebooked or self.cancelling or self.high_risk
                    or self.changed_outside)


def today_picture(rows: list[HomeRow], now: datetime,
                  wellbeing: WellbeingRule = DEFAULT_WELLBEING,
                  cancellation_warning: int = 2, changed_outside: int = 0) -> TodayPicture:
    today = now.date()
    week_end = today + timedelta(days=WEEK - 1)
    picture = TodayPicture(today, changed_outside=changed_outside)
    for row in sorted(rows, key=lambda r: r.supervisee.name.casefold()):
        name, s = row.supervisee.name, row.summary
        if row.damaged is not None:
            picture.damaged.append((name, row.damaged))
            continue
        if s.in_progress_session:
            picture.in_session.append(name)
        if row.late:
            picture.overdue.append((name, row.late))
        elif row.due is not None and today <= row.due.date() <= week_end:
            picture.due_soon.append((name, row.due))
        if row.group_late:
            picture.group_overdue.append((name, row.group_late))
        picture.group_soon += [(name, when) for when in s.group_planned
                               if today <= when.date() <= week_end][:1]
        if late := s.overdue_actions(today):
            picture.actions_overdue.append((name, late))
        if soon := sum(1 for due in s.open_action_dues if today <= due <= week_end):
            picture.actions_due_soon.append((name, soon))
        if s.high_risk_due:
            picture.high_risk.append((name, s.high_risk_due))
        if concern := wellbeing_concern(s.wellbeing, wellbeing):
            picture.wellbeing.append((name, concern))
        lately = [c for c in s.cancelled if c.day >= today - CANCELLATION_WINDOW]
        picture.not_rebooked += [(name, c.day) for c in lately if not c.followed_up]
        if len(lately) >= cancellation_warning:
            picture.cancelling.append((name, len(lately), [c.reason for c in lately]))
    picture.overdue.sort(key=lambda item: -item[1])
    picture.group_overdue.sort(key=lambda item: -item[1])
    picture.due_soon.sort(key=lambda item: item[1])
    picture.group_soon.sort(key=lambda item: item[1])
    return picture
