"""A long decisions log keeps its older decisions in parts written once: a save writes the
newest rows only, and every reader (verify, backup, restore, a passphrase change, a re-seal)
still sees the whole log."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store import atomic, decision_log, history_file, rekey
from supervisor_tui.store.backup import create_backup, read_backup, restore_backup
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.store.errors import StoreCorruptError, StoreWriteError
from supervisor_tui.store.record_files import Q
from supervisor_tui.store.verify import verify_all
from tests.store.conftest import PASSPHRASE
from tests.support import STAMP, open_service

SID = "s-0a0a0a"


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    """Parts of 3 decisions or sessions, the newest 2 always in the person's file."""
    monkeypatch.setattr(history_file, "CHUNK", 3)
    monkeypatch.setattr(history_file, "KEEP", 2)
    monkeypatch.setattr(history_file, "SESSION_CHUNK", 3)
    monkeypatch.setattr(history_file, "SESSION_KEEP", 2)


def _add(svc, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        svc.records.add_decision(Decision(SID, "x-1", f"Decision {n}", f"Because {n}",
                                          decided_at=STAMP))


def _folder(path: Path, count: int, open_store=open_service):
    svc = open_store(path)
    svc.records.save_supervisee(Supervisee("Alex Rivera", id=SID, created_at=STAMP))
    _add(svc, count)
    return svc


def _texts(svc) -> list[str]:
    return [d.text for d in svc.records.decisions(SID)]


def _parts(path: Path) -> list[Path]:
    return history_file.part_paths(path / "supervisees" / f"{SID}.json")


def _main_rows(path: Path) -> int:
    data = orjson.loads((path / "supervisees" / f"{SID}.json").read_bytes())
    return len(data.get("decisions", {}))


def _persons_file_fails(patched) -> None:
    """Every write of `<id>.json` fails (the parts are written)."""
    real = atomic.AtomicStorage.write

    def main_fails(self, data):  # type: ignore[no-untyped-def]
        if self.path.name == f"{SID}.json":
            raise StoreWriteError(self.path, "the disk is full")
        real(self, data)

    patched.setattr(atomic.AtomicStorage, "write", main_fails)


def _problems(svc) -> list[str]:
    return [p for r in verify_all(svc.records) for p in r.problems]


def test_older_decisions_move_into_parts_that_are_written_once(tmp_path):
    svc = _folder(tmp_path, 11)
    try:
        parts = _parts(tmp_path)
        assert [p.name for p in parts] == [f"{SID}.0001.json", f"{SID}.0002.json",
                                          f"{SID}.0003.json"]
        assert _main_rows(tmp_path) == 2  # 11 = 3 parts of 3, and the newest 2
        stamps = [(os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in parts]
        _add(svc, 2, start=11)  # 4 in the file now: fewer than a part and the newest 2
        assert [(os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in parts] == stamps
        assert _main_rows(tmp_path) == 4
    finally:
        svc.close()
    svc = open_service(tmp_path)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(13)]
        assert svc.records.chain_head(SID)[0] == 13
        assert _problems(svc) == []
    finally:
        svc.close()


def _sessions(svc, count: int) -> None:
    for n in range(count):
        svc.records.save_session(Session([SID], id=f"x-{n:04d}", notes=f"Notes {n}",
                                         created_at=STAMP))


def _notes(svc) -> dict[str, str]:
    return {s.id: s.notes for s in svc.records.sessions(SID)}


def _stamps(paths: list[Path]) -> list[tuple[int, int]]:
    return [(os.stat(p).st_ino, os.stat(p).st_mtime_ns) for p in paths]


def _sign_off_late(svc, session_id: str) -> None:
    late = svc.records.session(SID, session_id)
    late.notes += " Signed off late."
    svc.records.save_session(late)


def _own_sessions(path: Path) -> list[str]:
    data = orjson.loads((path / "supervisees" / f"{SID}.json").read_bytes())
    return sorted(row["id"] for row in data["sessions"].values())


def test_a_late_change_to_a_session_in_a_part_writes_only_the_persons_file(tmp_path):
    """One file written, as for any save; once most of a part's sessions changed (a re-seal
    of the file), the part is written again with them."""
    svc = _folder(tmp_path, 0)
    try:
        _sessions(svc, 8)
        parts = _session_parts(tmp_path)
        assert [p.name for p in parts] == [f"{SID}.sessions.0001.json",
                                          f"{SID}.sessions.0002.json"]
        assert _own_sessions(tmp_path) == ["x-0006", "x-0007"]
        before = _stamps(parts)
        _sign_off_late(svc, "x-0001")  # a session in the first part
        assert _stamps(parts) == before
        assert _own_sessions(tmp_path) == ["x-0001", "x-0006", "x-0007"]  # read over the part
    finally:
        svc.close()
    svc = open_service(tmp_path)
    try:
        notes = _notes(svc)
        assert notes["x-0001"] == "Notes 1 Signed off late."
        assert [notes[f"x-{n:04d}"] for n in (0, 2, 7)] == ["Notes 0", "Notes 2", "Notes 7"]
        assert len(notes) == 8 and _problems(svc) == []
        _sign_off_late(svc, "x-0000")  # two of the part's three changed: it is written again
        after = _stamps(parts)
        assert after[0] != before[0] and after[1] == before[1]
        assert _own_sessions(tmp_path) == ["x-0006", "x-0007"]
    finally:
        svc.close()
    svc = open_service(tmp_path)
    try:
        notes = _notes(svc)
        assert [notes["x-0000"], notes["x-0001"], notes["x-0002"]] == [
            "Notes 0 Signed off late.", "Notes 1 Signed off late.", "Notes 2"]
        assert _problems(svc) == []
    finally:
        svc.close()


def test_a_save_that_fails_after_rewriting_a_part_puts_the_part_back(tmp_path, monkeypatch):
    svc = _folder(tmp_path, 0)
    _sessions(svc, 8)
    _sign_off_late(svc, "x-0001")
    part = tmp_path / "supervisees" / "decisions" / f"{SID}.sessions.0001.json"
    written = part.read_bytes()
    with monkeypatch.context() as patched, pytest.raises(StoreWriteError):
        _persons_file_fails(patched)
        _sign_off_late(svc, "x-0000")  # would write the part again, then the person's file
    assert part.read_bytes() == written  # the failed save left no trace
    assert _notes(svc)["x-0000"] == "Notes 0"
    svc.close()
    svc = open_service(tmp_path)
    try:
        assert [_notes(svc)[f"x-{n:04d}"] for n in (0, 1)] == [
            "Notes 0", "Notes 1 Signed off late."]
        assert _problems(svc) == []
    finally:
        svc.close()


def _session_parts(path: Path) -> list[Path]:
    return [p for p in _parts(path) if ".sessions." in p.name]


def test_sessions_in_parts_are_backed_up_whole_restored_resealed_and_verified(tmp_path):
    source = tmp_path / "source"
    svc = _folder(source, 0)
    _sessions(svc, 8)
    create_backup(svc.records, tmp_path / "backup.json", STAMP)
    svc.close()
    doc = orjson.loads((tmp_path / "backup.json").read_bytes())
    assert len(doc["files"][f"supervisees/{SID}.json"]["sessions"]) == 8

    target = tmp_path / "target"
    svc = _folder(target, 0)
    _sessions(svc, 11)  # more sessions of the same id, in more parts
    restore_backup(svc.workspace.folder, read_backup(tmp_path / "backup.json"), force=True)
    svc.close()
    assert _session_parts(target) == []  # the backup's history is whole in the person's file
    svc = open_service(target)
    try:
        assert _notes(svc) == {f"x-{n:04d}": f"Notes {n}" for n in range(8)}
        assert _problems(svc) == []
        rekey.change_passphrase(svc.workspace.folder, PASSPHRASE, TEST_KDF)
    finally:
        svc.close()
    svc = open_service(target, passphrase=PASSPHRASE)
    try:
        late = svc.records.session(SID, "x-0000")
        late.notes += " Amended."
        svc.records.save_session(late)  # the history moves into parts, encrypted
        assert _session_parts(target)
        assert all(b"Notes" not in p.read_bytes() for p in _session_parts(target))
        assert _notes(svc)["x-0000"] == "Notes 0 Amended."
    finally:
        svc.close()
    _session_parts(target)[0].unlink()
    svc = open_service(target, passphrase=PASSPHRASE)
    try:
        assert len(_notes(svc)) < 8
        assert _problems(svc)  # a missing part of the sessions is reported
    finally:
        svc.close()


def test_parts_of_an_encrypted_folder_are_encrypted(tmp_path, open_store):
    svc = _folder(tmp_path, 8, open_store)
    svc.close()
    assert _parts(tmp_path)
    svc = open_store(tmp_path)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(8)]
        encrypted = svc.encrypted
    finally:
        svc.close()
    for part in _parts(tmp_path):
        assert (b"Decision" in part.read_bytes()) is not encrypted


def test_a_save_cut_off_between_a_part_and_the_file_reads_each_decision_once(
        tmp_path, monkeypatch):
    svc = _folder(tmp_path, 4)
    with monkeypatch.context() as patched, pytest.raises(StoreWriteError):
        _persons_file_fails(patched)
        _add(svc, 1, start=4)
    svc.close()
    assert len(_parts(tmp_path)) == 1  # the part reached the disk; its rows stayed in the file
    assert _main_rows(tmp_path) == 4
    svc = open_service(tmp_path)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(4)]  # not saved: no trace
        assert _problems(svc) == []
        _add(svc, 3, start=4)
        assert _texts(svc) == [f"Decision {n}" for n in range(7)]
    finally:
        svc.close()
    svc = open_service(tmp_path)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(7)]
        assert _problems(svc) == []
    finally:
        svc.close()


def test_a_part_that_cannot_be_written_leaves_the_log_as_it_was(tmp_path, monkeypatch):
    svc = _folder(tmp_path, 4)

    def refused(path, data, durable=True):
        raise StoreWriteError(path, "permission denied")

    with monkeypatch.context() as patched, pytest.raises(StoreWriteError):
        patched.setattr(history_file, "atomic_write", refused)
        _add(svc, 1, start=4)
    assert _parts(tmp_path) == []
    _add(svc, 1, start=4)  # the same save again, once the disk takes it
    svc.close()
    svc = open_service(tmp_path)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(5)]
        assert len(_parts(tmp_path)) == 1
        assert _problems(svc) == []
    finally:
        svc.close()


def test_a_new_seal_key_reseals_the_parts_too(tmp_path):
    svc = _folder(tmp_path, 9)
    before = [p.read_bytes() for p in _parts(tmp_path)]
    svc.records.seals.change_key()
    assert [p.read_bytes() for p in _parts(tmp_path)] != before
    svc.close()
    svc = open_service(tmp_path)
    try:
        assert _problems(svc) == []
        assert len(_texts(svc)) == 9
    finally:
        svc.close()


def test_a_folder_sealed_as_found_seals_the_parts_too(tmp_path):
    svc = _folder(tmp_path, 9)
    svc.close()
    for path in [*_parts(tmp_path), tmp_path / "supervisees" / f"{SID}.json"]:
        data = orjson.loads(path.read_bytes())
        for row in data["decisions"].values():
            row.pop("seal", None)
        path.write_bytes(orjson.dumps(data))
    svc = open_service(tmp_path)
    try:
        assert _problems(svc)  # unsealed rows are reported
        key = svc.records.seals.seal_as_found()
        svc.records.seals.write_head(svc.records.seals.head(SID), key)
    finally:
        svc.close()
    for part in _parts(tmp_path):
        assert all("seal" in row for row in orjson.loads(part.read_bytes())["decisions"].values())


def test_a_backup_holds_the_whole_log_and_a_restore_leaves_no_stale_part(tmp_path):
    source = tmp_path / "source"
    svc = _folder(source, 11)
    create_backup(svc.records, tmp_path / "backup.json", STAMP)
    svc.close()
    doc = orjson.loads((tmp_path / "backup.json").read_bytes())
    assert len(doc["files"][f"supervisees/{SID}.json"]["decisions"]) == 11

    target = tmp_path / "target"
    svc = _folder(target, 14)  # a longer log of the same id, with more parts
    svc.close()
    svc = open_service(target)
    try:
        restore_backup(svc.workspace.folder, read_backup(tmp_path / "backup.json"), force=True)
    finally:
        svc.close()
    assert _parts(target) == []  # the backup's log is whole in the person's file
    svc = open_service(target)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(11)]
        assert _problems(svc) == []
        _add(svc, 1, start=11)
        assert len(_parts(target)) == 3
    finally:
        svc.close()


def test_a_passphrase_change_reseals_the_parts(tmp_path):
    svc = _folder(tmp_path, 9)
    rekey.change_passphrase(svc.workspace.folder, PASSPHRASE, TEST_KDF)
    svc.close()
    assert all(b"Decision" not in p.read_bytes() for p in _parts(tmp_path))
    svc = open_service(tmp_path, passphrase=PASSPHRASE)
    try:
        assert _texts(svc) == [f"Decision {n}" for n in range(9)]
        rekey.change_passphrase(svc.workspace.folder, None)
    finally:
        svc.close()
    assert all(b"Decision" in p.read_bytes() for p in _parts(tmp_path))


def test_a_deleted_part_is_reported_by_verify(tmp_path):
    svc = _folder(tmp_path, 9)
    svc.close()
    _parts(tmp_path)[0].unlink()
    svc = open_service(tmp_path)
    try:
        assert len(_texts(svc)) == 6
        assert _problems(svc)
    finally:
        svc.close()


def _other_records(parts: list[Path]) -> None:
    data = orjson.loads(parts[0].read_bytes())
    parts[0].write_bytes(orjson.dumps({**data, "sessions": {}}))


def _rows_of_another(parts: list[Path]) -> None:
    """Never written so: counted twice, the newest decisions would be taken for rows of a part
    and left out of the person's file at the next save."""
    first = orjson.loads(parts[0].read_bytes())["decisions"]
    doc = orjson.loads(parts[1].read_bytes())
    doc["decisions"] = {**doc["decisions"], next(iter(first)): next(iter(first.values()))}
    parts[1].write_bytes(orjson.dumps(doc))


@pytest.mark.parametrize(("alter", "said"), [
    (_other_records, "decisions holds other records"),
    (_rows_of_another, "repeats rows of another part"),
])
def test_a_part_altered_by_hand_is_refused_not_read_past(tmp_path, alter, said):
    svc = _folder(tmp_path, 11)
    svc.close()
    alter(_parts(tmp_path))
    svc = open_service(tmp_path)
    try:
        with pytest.raises(StoreCorruptError, match=said):
            svc.records.decisions(SID)
    finally:
        svc.close()


def test_the_check_at_open_finds_a_part_holding_another_table_and_goes_on(tmp_path):
    from supervisor_tui.services.opening import open_folder
    from tests.support import fixed_clock

    svc = _folder(tmp_path, 0)
    _sessions(svc, 8)
    other = "s-0b0b0b"
    svc.records.save_supervisee(Supervisee("Bo Other", id=other, created_at=STAMP))
    svc.close()
    part = _session_parts(tmp_path)[0]
    part.write_bytes(orjson.dumps({"actions": orjson.loads(part.read_bytes())["sessions"]}))
    opened = open_folder(tmp_path, fixed_clock)
    assert opened.service is not None
    try:
        damaged = opened.service.workspace.damaged
        assert damaged == {SID: "a part of a history's sessions holds other records"}
        assert opened.service.records.sessions(other) == []  # the others are read as ever
    finally:
        opened.service.close()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=200) | st.sampled_from([b"{}", b'{"decisions": []}',
                                                       b'{"decisions": {"x": {}}}', b"[]"]))
def test_any_bytes_in_a_part_read_whole_or_refused(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("hostile")
    svc = _folder(path, 6)
    svc.close()
    _parts(path)[0].write_bytes(blob)
    svc = open_service(path)
    try:
        try:
            texts = _texts(svc)
        except StoreCorruptError as exc:
            assert f"{SID}.0001.json" in str(exc)
        else:
            assert texts[-3:] == ["Decision 3", "Decision 4", "Decision 5"]
    finally:
        svc.close()


def test_a_reader_beside_the_writer_never_misses_rows_moving_into_a_part(tmp_path,
                                                                        monkeypatch):
    """The writer moves rows into a part just as a read-only reader opens the file."""
    svc = _folder(tmp_path, 4)  # the next decision moves three into a part
    path = tmp_path / "supervisees" / f"{SID}.json"
    real = history_file.read_file
    moved = []

    def writer_moves_first(where, fmt):
        if where == path and not moved:
            moved.append(True)
            _add(svc, 1, start=4)
        return real(where, fmt)

    monkeypatch.setattr(history_file, "read_file", writer_moves_first)
    data = history_file.HistoryStorage(path, read_only=True).read()
    svc.close()
    assert moved and len(_parts(tmp_path)) == 1
    assert data is not None
    assert [row["text"] for row in data["decisions"].values()] == [
        f"Decision {n}" for n in range(5)]


OPS = st.lists(st.sampled_from(["append", "remove-newest", "other-table", "rows-anew",
                                "drop"]), min_size=1, max_size=25)
TABLE_OPS = st.lists(st.tuples(st.sampled_from(["insert", "insert", "insert", "update",
                                                "upsert", "remove", "other-table", "drop"]),
                               st.integers(0, 40)), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_whatever_changed_the_log_the_disk_holds_what_is_held(tmp_path_factory, ops):
    """Appends (which skip looking through the parts), TinyDB's own changes to the log
    (a new table object), saves of other tables, every row made anew (as a re-seal does) and
    a dropped copy, in any order: reading the files afresh gives the log as held."""
    path = tmp_path_factory.mktemp("log") / "supervisees" / f"{SID}.json"
    path.parent.mkdir(parents=True)
    storage = history_file.HistoryStorage(path)
    db = TinyDB(storage=lambda: storage)
    log, other = db.table("decisions"), db.table("sessions")
    made = 0
    for op in ops:
        if op == "append":
            decision_log._append(log, {"id": f"d-{made}", "text": f"Decision {made}"})
            made += 1
        elif op == "remove-newest" and log.all():
            log.remove(doc_ids=[log.all()[-1].doc_id])
        elif op == "other-table":
            other.insert({"id": f"x-{made}"})
        elif op == "rows-anew":
            data = storage.read() or {}
            rows = {k: {**v, "seal": made} for k, v in (data.get("decisions") or {}).items()}
            storage.write({**data, "decisions": rows})
            log.clear_cache()
        elif op == "drop":
            storage.close()
        held = (storage.read() or {}).get("decisions") or {}
        fresh = (history_file.HistoryStorage(path, read_only=True).read() or {})
        assert (fresh.get("decisions") or {}) == held


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=TABLE_OPS)
def test_whatever_changed_the_sessions_the_disk_holds_what_is_held(tmp_path_factory, ops):
    """Sessions are changed in place by TinyDB (an update or upsert of any row, old ones in
    parts included), removed from anywhere and added, in any order: reading the files
    afresh gives the table as held, and the person's file never holds many."""
    path = tmp_path_factory.mktemp("sessions") / "supervisees" / f"{SID}.json"
    path.parent.mkdir(parents=True)
    storage = history_file.HistoryStorage(path)
    db = TinyDB(storage=lambda: storage)
    sessions, other = db.table("sessions"), db.table("decisions")
    for made, (op, at) in enumerate([("insert", 0)] * 7 + ops):  # two parts, then anything
        ids = [row["id"] for row in sessions.all()]
        target = ids[at % len(ids)] if ids else None
        if op == "insert" or target is None:
            sessions.insert({"id": f"x-{made}", "notes": f"Notes {made}"})
        elif op == "update":
            sessions.update({"notes": f"Changed {made}"}, Q.id == target)
        elif op == "upsert":
            sessions.upsert({"id": target, "notes": f"Upserted {made}", "signed": True},
                            Q.id == target)
        elif op == "remove":
            sessions.remove(Q.id == target)
        elif op == "other-table":
            other.insert({"id": f"d-{made}"})
        elif op == "drop":
            storage.close()
        held = (storage.read() or {}).get("sessions") or {}
        fresh = (history_file.HistoryStorage(path, read_only=True).read() or {})
        assert (fresh.get("sessions") or {}) == held
        own = (orjson.loads(path.read_bytes()) if path.exists() else {}).get("sessions") or {}
        parts = [set(orjson.loads(p.read_bytes())["sessions"])
                 for p in history_file.part_paths(path) if ".sessions." in p.name]
        assert len([k for k in own if not any(k in keys for keys in parts)]) < 3 + 2
        assert all(2 * len(keys & set(own)) <= len(keys) for keys in parts)  # changed ones


STEPS = ("open", "write", "fsync", "replace")


def _fail_call(monkeypatch, folder: Path, step: str, n: int) -> list[int]:
    """Make the `n`th call of `os.<step>` on a file in `folder` fail (a new file's open for
    "open"); returns the calls seen so far."""
    import errno

    seen: list[int] = []
    ours: set[int] = set()
    real = {name: getattr(atomic.os, name) for name in STEPS}
    inside = folder.resolve()

    def count(hit: bool) -> None:
        if hit:
            seen.append(1)
            if len(seen) == n:
                raise OSError(errno.EIO, "Input/output error")

    def fake_open(path, flags, mode=0o777, *a, **k):  # type: ignore[no-untyped-def]
        mine = Path(path).resolve().is_relative_to(inside)
        count(step == "open" and mine and bool(flags & os.O_CREAT))
        fd = real["open"](path, flags, mode, *a, **k)
        if mine:
            ours.add(fd)
        return fd

    def fake_write(fd, data):  # type: ignore[no-untyped-def]
        count(step == "write" and fd in ours)
        return real["write"](fd, data)

    def fake_fsync(fd):  # type: ignore[no-untyped-def]
        count(step == "fsync" and fd in ours)
        return real["fsync"](fd)

    def fake_replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        count(step == "replace" and Path(dst).resolve().is_relative_to(inside))
        return real["replace"](src, dst, *a, **k)

    for name, fake in (("open", fake_open), ("write", fake_write), ("fsync", fake_fsync),
                       ("replace", fake_replace)):
        monkeypatch.setattr(atomic.os, name, fake)
    return seen


def _late_change(svc) -> None:  # a session in the first part: the person's file only
    _sign_off_late(svc, "x-0001")


def _second_late_change(svc) -> None:  # most of the first part changed: written again
    _sign_off_late(svc, "x-0000")


def _one_more(svc) -> None:  # moves three sessions into a new part
    svc.records.save_session(Session([SID], id="x-0007", notes="Notes 7", created_at=STAMP))


@pytest.mark.parametrize("save", [_late_change, _second_late_change, _one_more],
                         ids=["late-change", "part-rewritten", "new-part"])
@pytest.mark.parametrize("step", STEPS)
def test_a_save_failing_at_any_step_leaves_the_history_whole_before_or_after(
        tmp_path_factory, monkeypatch, step, save):
    """Every call that writes a part or the person's file fails in turn: the save fails, and
    the files then hold the history as it was or (a folder's entry not synced after the
    rename) as saved, never a mix; the same save again then lands."""
    n = 0
    while True:
        n += 1
        path = tmp_path_factory.mktemp("fault")
        svc = _folder(path, 0)
        _sessions(svc, 7)
        if save is _second_late_change:
            _late_change(svc)
        before = _notes(svc)
        with monkeypatch.context() as patched:
            seen = _fail_call(patched, path, step, n)
            try:
                save(svc)
            except StoreWriteError:
                failed = True
            else:
                failed = False
        svc.close()
        if not failed:
            assert len(seen) < n, "the fault was never hit"
            break
        after = _saved(save, before)
        again = open_service(path)
        try:
            found = _notes(again)
            assert found in (before, after), f"call {n} of {step} left a mix"
            assert _problems(again) == []
            if found == before:
                save(again)  # the fault cleared: the same save lands
        finally:
            again.close()
        final = open_service(path)
        try:
            assert _notes(final) == after and _problems(final) == []
        finally:
            final.close()
    assert n > 2, "the save made several calls of each kind"


def _saved(save, before: dict[str, str]) -> dict[str, str]:
    """The history as `save` leaves it."""
    if save is _late_change:
        return {**before, "x-0001": before["x-0001"] + " Signed off late."}
    if save is _second_late_change:
        return {**before, "x-0000": before["x-0000"] + " Signed off late."}
    return {**before, "x-0007": "Notes 7"}
