"""The supervision audit for a period, over everyone's records.

Each supervisee's history is read for the audit's facts (see `reports.audit_facts`) once per
copy of their file (see `kept`), so an audit reads again only the histories saved since the
last one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from weakref import WeakKeyDictionary

from supervisor_tui.domain.dates import parse_day
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.reports.audit import Audit, AuditInput, audit_of
from supervisor_tui.reports.audit_facts import (
    AuditFacts,
    facts_from_bytes,
    facts_of,
    facts_to_bytes,
)
from supervisor_tui.services.kept import Kept, up_to_date
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.bundle import Progress, load_bundle
from supervisor_tui.store.derived import AUDIT
from supervisor_tui.store.records import Records

_KEPT: WeakKeyDictionary[Records, dict[str, Kept[AuditFacts]]] = WeakKeyDictionary()


def parse_period(start: str, end: str, today: date) -> tuple[date, date]:
    """The first and last day of the period as typed ("1 jan", "2026-03-31", "today")."""
    first = parse_day(start, today, prefer_future=False)
    last = parse_day(end, today, prefer_future=False)
    if last < first:
        raise ValidationError(f"The end of the period ({last.isoformat()}) is before its start "
                              f"({first.isoformat()}).")
    return first, last


def audit_facts(records: Records, supervisee_id: str) -> AuditFacts:
    """The audit's facts about one supervisee's history as it is on disk now."""
    kept = _KEPT.setdefault(records, {})
    kept[supervisee_id] = up_to_date(
        records, supervisee_id, AUDIT, kept.get(supervisee_id), facts_from_bytes,
        lambda: facts_of(load_bundle(records, supervisee_id)), facts_to_bytes)
    return kept[supervisee_id][1]


def _everyone(records: Records, progress: Progress | None) -> Iterator[AuditInput]:
    people = records.supervisees(include_archived=True)
    for n, person in enumerate(people, start=1):
        yield person, records.agreement(person.id), audit_facts(records, person.id)
        if progress is not None:
            progress(n, len(people))


def run_audit(ws: Workspace, start: date, end: date,
              progress: Progress | None = None) -> Audit:
    """Everyone's figures for the period, actions as of today."""
    now = ws.clock()
    return audit_of(_everyone(ws.records, progress), start, end, now.date(), now)
