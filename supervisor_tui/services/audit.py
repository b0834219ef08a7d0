"""The supervision audit for a period, over everyone's records.

Each supervisee's history is read for the audit's facts (see `reports.audit_facts`) once per
copy of their file (see `kept`), so an audit reads again only the histories saved since the
last one.
"""

from __future__ import annotations

import zlib
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
from supervisor_tui.store.derived import AUDIT, write_part
from supervisor_tui.store.records import Records

_KEPT: WeakKeyDictionary[Records, dict[str, Kept[bytes]]] = WeakKeyDictionary()
"""Each supervisee's facts as kept on disk, compressed: held as bytes, not as the objects they
decode to, because the collector walks every object held, and an audit over hundreds of people
held hundreds of thousands of them (each full collection on the writer then stalled the UI for
longer than the figures it was making)."""


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
    mark, packed = up_to_date(records, supervisee_id, AUDIT, kept.get(supervisee_id), _pack,
                              lambda: _pack(_made(records, supervisee_id)), _unpack)
    facts = facts_from_bytes(_unpack(packed))
    if facts is None:  # kept by another version, or damaged: made again
        blob = _made(records, supervisee_id)
        if mark is not None:
            write_part(records.folder, supervisee_id, mark, blob, AUDIT)
        packed, facts = _pack(blob), facts_from_bytes(blob)
        assert facts is not None
    kept[supervisee_id] = (mark, packed)
    return facts


def _made(records: Records, supervisee_id: str) -> bytes:
    return facts_to_bytes(facts_of(load_bundle(records, supervisee_id)))


def _pack(blob: bytes) -> bytes:
    return zlib.compress(blob, 1)


def _unpack(packed: bytes) -> bytes:
    return zlib.decompress(packed)


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
