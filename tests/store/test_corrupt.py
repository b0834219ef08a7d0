"""A damaged data file is reported by name and never modified, not even by a later save."""

from __future__ import annotations

import errno
from pathlib import Path

import orjson
import pytest

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.people import Case, Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.service import Service
from supervisor_tui.store.errors import StoreCorruptError
from tests.conftest import reopen
from tests.support import STAMP

SID = "s-00000000beef"


def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino


def _folder(data_dir: Path) -> tuple[Path, Path]:
    svc = reopen(data_dir)
    try:
        svc.records.save_supervisee(Supervisee("Ada", "Nurse", id=SID, created_at=STAMP))
        session = Session([SID], id="x-1", created_at=STAMP)
        session.notes = "Notes that must survive."
        svc.records.save_session(session)
        svc.records.add_decision(Decision(SID, "x-1", "Visit weekly", "Slipping", decided_at=STAMP))
    finally:
        svc.close()
    return data_dir / "roster.json", svc.workspace.folder.supervisee_path(SID)


def _edit_row(raw: bytes, table: str, change) -> bytes:
    data = orjson.loads(raw)
    change(next(iter(data[table].values())))
    return orjson.dumps(data)


#: Per file: (table, a field and a value of the wrong type for it, a field that is required).
ROSTER_ROW = ("supervisees", "name", 5, "name")
HISTORY_ROW = ("sessions", "duration_minutes", "sixty", "supervisee_ids")


DAMAGE = {
    "truncated": lambda raw, _t: raw[: len(raw) // 2],
    "empty": lambda raw, _t: b"",
    "whitespace": lambda raw, _t: b"  \n",
    "not json": lambda raw, _t: b"\x00\xffnot json at all",
    "a list": lambda raw, _t: b"[1, 2, 3]",
    "a table that is a list": lambda raw, _t: b'{"sessions": [1, 2]}',
    "a record that is a number": lambda raw, _t: b'{"sessions": {"1": 5}}',
    "a record id that is not a number": lambda raw, _t: b'{"sessions": {"one": {}}}',
    "a field of the wrong type": lambda raw, t: _edit_row(
        raw, t[0], lambda row: row.__setitem__(t[1], t[2])),
    "a missing field": lambda raw, t: _edit_row(raw, t[0], lambda row: row.pop(t[3])),
    "a bad timestamp": lambda raw, t: _edit_row(
        raw, t[0], lambda row: row.__setitem__("created_at", "2026-13-45T99:00")),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_roster_is_refused_and_left_untouched(data_dir, damage):
    roster, _ = _folder(data_dir)
    roster.write_bytes(DAMAGE[damage](roster.read_bytes(), ROSTER_ROW))
    before = _fingerprint(roster)

    for _ in range(2):  # the lock is released after a refusal: a second try says the same
        with pytest.raises(StoreCorruptError) as caught:
            reopen(data_dir)
        message = str(caught.value)
        assert str(roster) in message and "\n" not in message
    assert _fingerprint(roster) == before


HISTORY_WRITES = {
    "save_session": lambda r: r.save_session(Session([SID], id="x-2", created_at=STAMP)),
    "save_notes": lambda r: r.save_notes(Session([SID], id="x-1", notes="overwrite",
                                                 created_at=STAMP)),
    "add_decision": lambda r: r.add_decision(Decision(SID, "x-1", "Another", "Because",
                                                      decided_at=STAMP)),
    "save_action": lambda r: r.save_action(Action(SID, "x-1", "Call", "Ada", created_at=STAMP)),
    "save_case": lambda r: r.save_case(SID, Case("AB", opened_at=STAMP)),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_history_is_reported_by_name_and_never_written(data_dir, damage):
    _, history = _folder(data_dir)
    history.write_bytes(DAMAGE[damage](history.read_bytes(), HISTORY_ROW))
    before = _fingerprint(history)

    for _run in range(2):  # this run, and a later one
        svc: Service = reopen(data_dir)
        try:
            assert [p.id for p in svc.records.supervisees()] == [SID]  # the roster is fine
            with pytest.raises(StoreCorruptError, match=str(history)):
                svc.records.sessions(SID)
            for name, write in HISTORY_WRITES.items():
                with pytest.raises(StoreCorruptError, match=str(history)):
                    write(svc.records)
                assert _fingerprint(history) == before, name
        finally:
            svc.close()
    assert list(history.parent.glob(f"{history.name}.bak*")) == []  # nothing was rotated
    assert _fingerprint(history) == before


def test_unreadable_file_is_reported_not_raised_as_oserror(data_dir, monkeypatch):
    _, history = _folder(data_dir)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == history:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    svc = reopen(data_dir)
    try:
        with pytest.raises(StoreCorruptError, match="permission denied"):
            svc.records.sessions(SID)
    finally:
        svc.close()
