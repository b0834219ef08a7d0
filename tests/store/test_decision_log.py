"""The decoded decisions log kept in memory: current after every save, decoded again only
when the log itself changed in a way it cannot follow."""

from __future__ import annotations

import pytest

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.store.records import Records
from tests.store.test_decision_and_head import failing
from tests.support import STAMP, open_service, reopen

SID = "s-0a0a0a0a0a0a"


def made(n: int) -> Decision:
    return Decision(SID, "x-1", f"Decision {n}", f"Because {n}", decided_at=STAMP, id=f"d-{n:04d}")


def test_the_decoded_log_follows_appends_and_ignores_other_saves(data_dir, monkeypatch):
    svc = open_service(data_dir)
    records = svc.records
    records.save_supervisee(Supervisee("Log Person", id=SID, created_at=STAMP))
    session = records.save_session(Session([SID], id="x-1", created_at=STAMP))
    for n in range(3):
        records.add_decision(made(n))
    assert [d.id for d in records.decisions(SID)] == ["d-0000", "d-0001", "d-0002"]
    decoded: list[str] = []
    real = Records._rows

    def counting(self, cls, supervisee_id, name):  # type: ignore[no-untyped-def]
        decoded.append(name)
        return real(self, cls, supervisee_id, name)

    monkeypatch.setattr(Records, "_rows", counting)
    session.notes = "Notes saved while the log is open"
    records.save_notes(session)
    records.add_decision(made(3))
    found = records.decisions(SID)
    assert [d.id for d in found] == ["d-0000", "d-0001", "d-0002", "d-0003"]
    assert "decisions" not in decoded, "followed, not decoded again"
    svc.close()
    again = reopen(data_dir)
    try:
        assert again.records.decisions(SID) == found  # exactly what a fresh read decodes
    finally:
        again.close()


def test_a_decision_whose_save_failed_is_not_in_the_decoded_log(data_dir, monkeypatch):
    svc = open_service(data_dir)
    records = svc.records
    records.save_supervisee(Supervisee("Log Person", id=SID, created_at=STAMP))
    records.add_decision(made(0))
    assert len(records.decisions(SID)) == 1
    failing(monkeypatch, {("roster.json", 1)})  # the chain head's write
    with pytest.raises(StoreWriteError):
        records.add_decision(made(1))
    assert [d.id for d in records.decisions(SID)] == ["d-0000"]
    records.add_decision(made(2))
    assert [d.id for d in records.decisions(SID)] == ["d-0000", "d-0002"]
    svc.close()


def test_the_first_decision_after_opening_reads_no_copy_of_the_whole_log(data_dir, monkeypatch):
    """Settling the chain head at the first save of a run looks at the newest rows only: a
    copy of every row (TinyDB's `all`) costs tens of milliseconds for a career's log."""
    from tinydb.table import Table

    svc = open_service(data_dir)
    svc.records.save_supervisee(Supervisee("Log Person", id=SID, created_at=STAMP))
    for n in range(5):
        svc.records.add_decision(made(n))
    svc.close()
    again = reopen(data_dir)
    try:
        real = Table.all

        def whole(self):  # type: ignore[no-untyped-def]
            assert self.name != "decisions", "the whole log copied"
            return real(self)

        monkeypatch.setattr(Table, "all", whole)
        again.records.add_decision(made(5))
        monkeypatch.undo()
        assert [d.id for d in again.records.decisions(SID)][-2:] == ["d-0004", "d-0005"]
        assert again.records.chain_head(SID)[0] == 6
    finally:
        again.close()
