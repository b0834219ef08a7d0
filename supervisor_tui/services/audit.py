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
from supervisor_tui.store.derived import AUDIT
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
    held = kept.get(supervisee_id)
    before: Kept[_Found] | None = None if held is None else (held[0], (held[1], None))
    mark, (packed, facts) = up_to_date(
        records, supervisee_id, AUDIT, before, _readable,
        lambda: _fresh(records, supervisee_id), lambda found: _unpack(found[0]))
    kept[supervisee_id] = (mark, packed)
    if facts is None:  # held from an earlier audit: decoded again
        facts = facts_from_bytes(_unpack(packed))
        assert facts is not None  # checked as it was first read or made
    return facts


_Found = tuple[bytes, AuditFacts | None]
"""The facts packed, and decoded when they were just read or made (None when held)."""


def _readable(blob: bytes) -> _Found | None:
    """Facts kept on disk, or None if they are of another version or damaged (made again)."""
    facts = facts_from_bytes(blob)
    return None if facts is None else (_pack(blob), facts)


def _fresh(records: Records, supervisee_id: str) -> _Found:
    facts = facts_of(load_bundle(records, supervisee_id))
    return _pack(facts_to_bytes(facts)), facts


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
