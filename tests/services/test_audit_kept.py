"""The audit's facts kept between runs: an audit reads again only the histories saved since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.services.audit import run_audit
from supervisor_tui.store.folder import INDEX
from supervisor_tui.store.records import Records
from tests.reports.fixture import ALEX, TODAY, write_fixture
from tests.reports.test_audit import Q1
from tests.support import at_time, open_service

NOW = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=12)


def audit(svc):  # type: ignore[no-untyped-def]
    return run_audit(at_time(svc, NOW), *Q1)


def test_the_next_audit_reads_the_kept_facts_not_the_records(data_dir, monkeypatch):
    svc = open_service(data_dir)
    write_fixture(svc.records)
    first = audit(svc)
    svc.close()
    assert sorted(p.name for p in (data_dir / INDEX).glob("*.audit"))

    def no_decoding(*args: object) -> None:
        raise AssertionError("a history was decoded for the audit")

    monkeypatch.setattr(Records, "sessions", no_decoding)
    svc = open_service(data_dir)
    try:
        assert audit(svc) == first
    finally:
        svc.close()


def test_a_save_since_the_last_audit_is_counted(data_dir):
    svc = open_service(data_dir)
    try:
        write_fixture(svc.records)
        before = audit(svc)
        session = next(s for s in svc.records.sessions(ALEX)
                       if s.held and Q1[0] <= s.when.date() <= Q1[1])
        svc.records.add_decision(Decision(ALEX, session.id, "One more", "Because",
                                          decided_at=session.when + timedelta(minutes=5)))
        after = audit(svc)
        row = {r.supervisee_id: r for r in after.rows}[ALEX]
        was = {r.supervisee_id: r for r in before.rows}[ALEX]
        assert row.decisions == was.decisions + 1
    finally:
        svc.close()


def test_damaged_kept_facts_are_made_again(data_dir):
    svc = open_service(data_dir)
    write_fixture(svc.records)
    first = audit(svc)
    svc.close()
    for kept in (data_dir / INDEX).glob("*.audit"):
        kept.write_bytes(kept.read_bytes()[:40])
    svc = open_service(data_dir)
    try:
        assert audit(svc) == first
    finally:
        svc.close()
