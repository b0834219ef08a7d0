"""Backup then restore gives identical data; restore validates first and never loses data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store.atomic import read_file
from supervisor_tui.store.backup import (
    BackupError,
    ExistingDataError,
    create_backup,
    read_backup,
    restore_backup,
)
from supervisor_tui.store.bundle import load_bundles
from supervisor_tui.store.schema import SCHEMA_VERSION
from supervisor_tui.store.verify import verify_all
from tests.conftest import reopen
from tests.reports.fixture import write_fixture
from tests.support import STAMP, open_service

WHEN = datetime(2026, 3, 20, 12, tzinfo=UTC)


class Reversed:
    """A stand-in for an encrypting FileFormat: the bytes on disk are not the JSON."""

    def seal(self, plaintext: bytes) -> bytes:
        return b"REV1" + plaintext[::-1]

    def unseal(self, blob: bytes, path: Path) -> bytes:
        if not blob.startswith(b"REV1"):
            raise BackupError(f"{path} is not sealed")
        return blob[4:][::-1]


def _folder_with_history(path: Path) -> None:
    svc = open_service(path)
    try:
        write_fixture(svc.records)
    finally:
        svc.close()


def _raw_files(folder: Path) -> dict[str, object]:
    files = [folder / "roster.json", *sorted((folder / "supervisees").glob("*.json"))]
    return {str(p.relative_to(folder)): read_file(p, _plain()) for p in files}


def _plain():
    from supervisor_tui.store.atomic import PlainFormat

    return PlainFormat()


def _backup(source: Path, target: Path, fmt=None) -> None:
    svc = reopen(source)
    try:
        create_backup(svc.records, target, WHEN, fmt)
    finally:
        svc.close()


def _restore(target: Path, backup: Path, force: bool = False, fmt=None):
    svc = open_service(target)
    try:
        return restore_backup(svc.workspace.folder, read_backup(backup, fmt), force)
    finally:
        svc.close()


def test_backup_then_restore_into_an_empty_folder_is_identical(tmp_path):
    source, target, file = tmp_path / "a", tmp_path / "b", tmp_path / "backup.json"
    _folder_with_history(source)
    _backup(source, file)
    _restore(target, file)
    assert _raw_files(target) == _raw_files(source)
    old, new = reopen(source), reopen(target)
    try:
        assert load_bundles(new.records) == load_bundles(old.records)
        assert new.records.summaries() == old.records.summaries()
        assert [r.problems for r in verify_all(new.records)] == [[], []]
    finally:
        old.close()
        new.close()


def test_backup_file_is_schema_versioned_json_readable_only_by_its_owner(tmp_path):
    source, file = tmp_path / "a", tmp_path / "backup.json"
    _folder_with_history(source)
    _backup(source, file)
    doc = orjson.loads(file.read_bytes())
    assert (doc["format"], doc["backup_version"], doc["schema_version"]) == (
        "supervisor-tui-backup", 1, SCHEMA_VERSION)
    assert sorted(doc["files"]) == ["roster.json", "supervisees/s-a1a1a1.json",
                                    "supervisees/s-b2b2b2.json"]
    assert file.stat().st_mode & 0o777 == 0o600


def test_sealed_backup_goes_through_the_file_format(tmp_path):
    source, target, file = tmp_path / "a", tmp_path / "b", tmp_path / "backup.bin"
    _folder_with_history(source)
    _backup(source, file, Reversed())
    assert file.read_bytes().startswith(b"REV1")
    with pytest.raises(BackupError):
        read_backup(file)
    _restore(target, file, fmt=Reversed())
    assert _raw_files(target) == _raw_files(source)


def test_restore_refuses_a_folder_with_records_and_force_keeps_a_copy(tmp_path):
    source, target, file = tmp_path / "a", tmp_path / "b", tmp_path / "backup.json"
    _folder_with_history(source)
    _backup(source, file)
    svc = open_service(target)
    svc.records.save_supervisee(Supervisee("Kept Person", id="s-0c0c0c", created_at=STAMP))
    svc.close()
    with pytest.raises(ExistingDataError):
        _restore(target, file)
    assert (target / "supervisees").exists()
    check = reopen(target)
    assert [p.name for p in check.records.supervisees()] == ["Kept Person"]
    check.close()
    saved = _restore(target, file, force=True)
    assert _raw_files(target) == _raw_files(source)
    kept = orjson.loads((saved / "roster.json").read_bytes())
    assert "Kept Person" in str(kept)


@pytest.mark.parametrize(("damage", "message"), [
    (lambda d: d.update(format="something else"), "not a supervisor-tui backup"),
    (lambda d: d.update(schema_version=99), "newer supervisor-tui"),
    (lambda d: d["files"].pop("roster.json"), "holds no roster"),
    (lambda d: d["files"].update({"../evil.json": {}}), "unexpected entry"),
    (lambda d: d["files"]["supervisees/s-b2b2b2.json"]["sessions"]["1"].update(
        started_at="not a time"), "Session.started_at"),
    (lambda d: next(iter(d["files"]["roster.json"]["supervisees"].values())).update(
        id="../../etc"), "is not valid"),
    (lambda d: [r.update(id="s-b2b2b2") for r in
                d["files"]["roster.json"]["supervisees"].values()], "share the id"),
    (lambda d: next(iter(d["files"]["roster.json"]["supervisees"].values())).update(
        name="x" * 5_000_000), "too long"),
    (lambda d: next(iter(d["files"]["roster.json"]["supervisees"].values())).update(
        name="Jo\x1b]0;owned\x07"), "may not hold an invisible control character .Escape"),
    (lambda d: d["files"].update({"supervisees/s-c3c3c3.json": {}}), "belongs to nobody"),
])
def test_damaged_backup_is_refused_before_anything_is_written(tmp_path, damage, message):
    source, target, file = tmp_path / "a", tmp_path / "b", tmp_path / "backup.json"
    _folder_with_history(source)
    _backup(source, file)
    doc = orjson.loads(file.read_bytes())
    damage(doc)
    file.write_bytes(orjson.dumps(doc))
    with pytest.raises(BackupError, match=message):
        _restore(target, file)
    assert not list((target / "supervisees").glob("*.json"))


def test_truncated_backup_is_refused(tmp_path):
    source, file = tmp_path / "a", tmp_path / "backup.json"
    _folder_with_history(source)
    _backup(source, file)
    file.write_bytes(file.read_bytes()[:500])
    with pytest.raises(BackupError, match="truncated"):
        read_backup(file)


def test_row_order_survives_so_a_long_decision_chain_still_verifies(tmp_path):
    """Doc ids 1..12 sorted as text would be 1, 10, 11, 12, 2, ...: the chain must not care."""
    from supervisor_tui.domain.decisions import Decision

    source, target, file = tmp_path / "a", tmp_path / "b", tmp_path / "backup.json"
    svc = open_service(source)
    svc.records.save_supervisee(Supervisee("Kim", id="s-0e0e0e", created_at=STAMP))
    for n in range(12):
        svc.records.add_decision(Decision("s-0e0e0e", "x-1", f"Decision {n}", "Because",
                                          decided_at=STAMP))
    svc.close()
    _backup(source, file)
    _restore(target, file)
    check = reopen(target)
    try:
        assert [d.text for d in check.records.decisions("s-0e0e0e")] == [
            f"Decision {n}" for n in range(12)]
        assert [r.problems for r in verify_all(check.records)] == [[]]
    finally:
        check.close()


def test_a_damaged_file_met_while_the_backup_is_written_leaves_no_backup_and_no_temp(tmp_path):
    """A plain backup is written file by file as each is read: a damaged history met half-way
    stops it with nothing left behind (the file it would have replaced stays as it was)."""
    from supervisor_tui.store.errors import StoreCorruptError

    source, file = tmp_path / "a", tmp_path / "out" / "backup.json"
    file.parent.mkdir()
    _folder_with_history(source)
    file.write_bytes(b"an earlier backup")
    (source / "supervisees" / "s-b2b2b2.json").write_bytes(b"{damaged")
    with pytest.raises(StoreCorruptError):
        _backup(source, file)
    assert file.read_bytes() == b"an earlier backup"
    assert sorted(p.name for p in file.parent.iterdir()) == ["backup.json"]
    skipped: list[Path] = []
    svc = open_service(source)
    try:
        create_backup(svc.records, file, STAMP, skipped=skipped)
    finally:
        svc.close()
    assert [p.name for p in skipped] == ["s-b2b2b2.json"]
    assert sorted(orjson.loads(file.read_bytes())["files"]) == ["roster.json",
                                                                 "supervisees/s-a1a1a1.json"]
