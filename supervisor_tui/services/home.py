"""Home: one row per current supervisee, worked out on the writer thread (the command line starts
reading them while the app is still being built)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.domain.regularity import overdue_days
from supervisor_tui.domain.scheduling import next_planned
from supervisor_tui.domain.summary import SuperviseeSummary
from supervisor_tui.services.workspace import Workspace


@dataclass
class HomeRow:
    supervisee: Supervisee
    summary: SuperviseeSummary
    agreement: Agreement | None
    agreements: list[Agreement] = field(default_factory=list)
    """Every agreement version, oldest first (the diary spans them)."""
    due: datetime | None = None
    late: int = 0
    """Next planned date and days overdue, worked out with the rows (off the UI thread)."""

    def overdue(self, now: datetime) -> int:
        try:
            return overdue_days(self.agreements, self.summary.last_held, now) or 0
        except ValidationError:  # a stored rule that no longer reads: shown via next_due
            return 0

    def next_due(self, now: datetime) -> datetime | None:
        s = self.summary
        try:
            today = now.date()
            return next_planned(self.agreements, s.slots_gone_from(today),
                                s.planned_from(today), now, s.held_times)
        except ValidationError:
            return None


def home_rows(ws: Workspace) -> list[HomeRow]:
    """The roster, each supervisee's agreement and stored summary, and the schedule figures
    as of now (evaluating recurrence rules is too slow for the UI thread)."""
    records = ws.records
    now = ws.clock()
    summaries = records.summaries()
    rows = []
    for person in records.supervisees():
        summary = summaries.get(person.id)
        if summary is None or not summary.current:
            summary = records.refresh_summary(person.id)
        versions = records.agreements(person.id)
        row = HomeRow(person, summary, versions[-1] if versions else None, versions)
        row.due, row.late = row.next_due(now), row.overdue(now)
        rows.append(row)
    return rows
