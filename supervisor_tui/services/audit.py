"""The supervision audit for a period, over everyone's records."""

from __future__ import annotations

from datetime import date

from supervisor_tui.domain.dates import parse_day
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.reports.audit import Audit, build_audit
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.bundle import Progress, each_bundle


def parse_period(start: str, end: str, today: date) -> tuple[date, date]:
    """The first and last day of the period as typed ("1 jan", "2026-03-31", "today")."""
    first = parse_day(start, today, prefer_future=False)
    last = parse_day(end, today, prefer_future=False)
    if last < first:
        raise ValidationError(f"The end of the period ({last.isoformat()}) is before its start "
                              f"({first.isoformat()}).")
    return first, last


def run_audit(ws: Workspace, start: date, end: date,
              progress: Progress | None = None) -> Audit:
    """Read everyone's records and work out the figures, actions as of today."""
    now = ws.clock()
    return build_audit(each_bundle(ws.records, progress), start, end, now.date(), now)
