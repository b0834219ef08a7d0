"""Schema versions: a migration runs once, after a backup; a newer folder is refused."""

from __future__ import annotations

import stat
from pathlib import Path

import orjson
import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store import schema
from supervisor_tui.store.errors import SchemaError
from supervisor_tui.store.folder import DataFolder
from tests.conftest import reopen
from tests.support import STAMP, fixed_clock, open_service

SID = "s-0000000000cc"


def _populate(data_dir: Path) -> dict[str, bytes]:
    svc = reopen(data_dir)
    try:
        svc.records.save_supervisee(Supervisee("Ada", "Community nurse", id=SID, created_at=STAMP))
        svc.records.save_session(Session([SID], id="x-1", notes="Before the migration.",
                                         created_at=STAMP))
    finally:
        svc.close()
    folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
    try:
        folder.set_schema_version(1)  # as a folder written by the first version
    finally:
        folder.close()
    return {"roster.json": (data_dir / "roster.json").read_bytes(),
            f"supervisees/{SID}.json": (data_dir / "supervisees" / f"{SID}.json").read_bytes()}


def test_migration_runs_once_and_keeps_a_backup(data_dir):
    original = _populate(data_dir)
    calls: list[int] = []

    def v1_to_v2(folder: DataFolder) -> None:
        calls.append(folder.schema_version())
        table = folder.roster.table("supervisees")
        table.update(lambda doc: doc.update(role=doc["role"].upper()))

    for _ in range(2):
        folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
        try:
            schema.migrate(folder, migrations={1: v1_to_v2}, target=2)
            assert folder.schema_version() == 2
        finally:
            folder.close()
    assert calls == [1]

    backups = list((data_dir / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("pre-migration-v1-")
    for name, data in original.items():
        copy = backups[0] / name
        assert copy.read_bytes() == data
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o700

    folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
    try:
        from supervisor_tui.store.records import Records

        assert Records(folder).supervisee(SID).role == "COMMUNITY NURSE"
        assert Records(folder).session(SID, "x-1").notes == "Before the migration."
    finally:
        folder.close()


def test_migrations_chain_in_order(data_dir):
    _populate(data_dir)
    seen: list[int] = []
    steps = {1: lambda f: seen.append(1), 2: lambda f: seen.append(2)}
    folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
    try:
        assert schema.migrate(folder, migrations=steps, target=3) == [1, 2]
        assert folder.schema_version() == 3
    finally:
        folder.close()
    assert seen == [1, 2]


def test_a_failed_migration_keeps_the_version_and_the_backup(data_dir):
    original = _populate(data_dir)

    def broken(folder: DataFolder) -> None:
        raise RuntimeError("migration bug")

    folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
    try:
        with pytest.raises(RuntimeError):
            schema.migrate(folder, migrations={1: broken}, target=2)
        assert folder.schema_version() == 1
    finally:
        folder.close()
    (backup,) = (data_dir / "backups").iterdir()
    assert (backup / "roster.json").read_bytes() == original["roster.json"]


def test_a_missing_migration_is_refused(data_dir):
    _populate(data_dir)
    folder = DataFolder.open(data_dir, fixed_clock, migrate_schema=False)
    try:
        with pytest.raises(SchemaError, match="No migration from schema version 1"):
            schema.migrate(folder, migrations={}, target=2)
    finally:
        folder.close()


def test_open_runs_registered_migrations(data_dir, monkeypatch):
    _populate(data_dir)
    ran: list[Path] = []
    monkeypatch.setitem(schema.MIGRATIONS, 1, lambda folder: ran.append(folder.path))
    monkeypatch.setattr(schema.migrate, "__defaults__", (None, 2))
    open_service(data_dir).close()
    open_service(data_dir).close()
    assert ran == [data_dir]


@pytest.mark.parametrize("version", [99, 0, "2", None])
def test_newer_or_unknown_schema_is_refused_and_untouched(data_dir, version):
    _populate(data_dir)
    roster = data_dir / "roster.json"
    data = orjson.loads(roster.read_bytes())
    data["meta"]["1"]["schema_version"] = version
    roster.write_bytes(orjson.dumps(data))
    before = roster.read_bytes(), roster.stat().st_mtime_ns

    with pytest.raises(SchemaError) as caught:
        open_service(data_dir)
    message = str(caught.value)
    assert str(roster if version != 99 else data_dir) in message
    if version == 99:
        assert "newer supervisor-tui" in message and "Upgrade" in message
    assert (roster.read_bytes(), roster.stat().st_mtime_ns) == before
    assert not (data_dir / "backups").exists()


def test_a_roster_without_a_version_is_refused_not_stamped(data_dir):
    _populate(data_dir)
    roster = data_dir / "roster.json"
    data = orjson.loads(roster.read_bytes())
    del data["meta"]
    roster.write_bytes(orjson.dumps(data))
    before = roster.read_bytes(), roster.stat().st_mtime_ns
    with pytest.raises(SchemaError, match="no valid schema version"):
        open_service(data_dir)
    assert (roster.read_bytes(), roster.stat().st_mtime_ns) == before


def test_a_first_version_folder_is_read_as_it_is_and_refused_by_readers_until_opened(data_dir):
    """Versions 2 and 3 change no file of version 1: opening it only copies it aside and moves
    the number on (an earlier supervisor-tui then refuses it, as it cannot read a history in
    parts)."""
    original = _populate(data_dir)
    with pytest.raises(SchemaError, match="Open it in the app once"):
        DataFolder.open_to_read(data_dir, fixed_clock)
    svc = open_service(data_dir)
    try:
        assert svc.records.session(SID, "x-1").notes == "Before the migration."
        assert svc.workspace.folder.schema_version() == schema.SCHEMA_VERSION == 3
    finally:
        svc.close()
    (backup,) = (data_dir / "backups").iterdir()
    assert backup.name.startswith("pre-migration-v1-")
    assert (data_dir / "supervisees" / f"{SID}.json").read_bytes() == \
        original[f"supervisees/{SID}.json"]
