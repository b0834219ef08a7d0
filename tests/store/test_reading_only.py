"""A folder opened for reading only: beside the app's lock, nothing written, moved or tidied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store.errors import (
    SchemaError,
    StoreError,
    StoreReadOnlyError,
    StoreRekeyingError,
)
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records
from supervisor_tui.store.rekey import JOURNAL
from tests.store.conftest import PASSPHRASE
from tests.support import fixed_clock


def person(name: str, supervisee_id: str) -> Supervisee:
    return Supervisee(name=name, id=supervisee_id, created_at=fixed_clock())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_reads_beside_the_writer_and_refuses_every_write(tmp_path, open_store):
    data = tmp_path / "data"
    writer = open_store(data)
    try:
        writer.records.save_supervisee(person("Sam Okafor", "s-000001"))
        before = snapshot(data)
        encrypted = writer.encrypted
        reader = DataFolder.open_to_read(data, fixed_clock,
                                         passphrase=PASSPHRASE if encrypted else None)
        try:
            records = Records(reader)
            assert [s.name for s in records.supervisees()] == ["Sam Okafor"]
            with pytest.raises(StoreReadOnlyError):
                records.save_supervisee(person("Someone Else", "s-000002"))
            # The writer goes on saving, and the reader sees the saved file once it reads again.
            writer.records.save_supervisee(person("Bea Lin", "s-000003"))
            reader.forget_roster()
            assert {s.name for s in Records(reader).supervisees()} == {"Sam Okafor", "Bea Lin"}
        finally:
            reader.close()
        assert snapshot(data).keys() == before.keys()
    finally:
        writer.close()


def test_nothing_is_created_tidied_or_chmodded(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match="no supervisor-tui data"):
        DataFolder.open_to_read(missing, fixed_clock)
    assert not missing.exists()

    data = tmp_path / "data"
    DataFolder.open(data, fixed_clock).close()
    os.chmod(data, 0o755)
    stale = data / ".roster.json.123.tmp"
    stale.write_bytes(b"left by a killed save")
    DataFolder.open_to_read(data, fixed_clock).close()
    assert data.stat().st_mode & 0o777 == 0o755
    assert stale.exists()


def test_a_passphrase_change_under_way_is_named(tmp_path):
    """Under way: the process making it holds the folder's lock."""
    data = tmp_path / "data"
    writer = DataFolder.open(data, fixed_clock)
    (data / JOURNAL).write_text("")
    try:
        with pytest.raises(StoreRekeyingError, match="passphrase change"):
            DataFolder.open_to_read(data, fixed_clock)
        assert (data / JOURNAL).exists()
    finally:
        writer.close()


def test_a_passphrase_change_cut_off_is_finished_before_reading(tmp_path):
    """Nobody holds the lock: the change was cut off after its journal, so it is finished."""
    data = tmp_path / "data"
    DataFolder.open(data, fixed_clock).close()
    (data / JOURNAL).write_text("")
    reader = DataFolder.open_to_read(data, fixed_clock)
    reader.close()
    assert reader.finished == "passphrase change"
    assert not (data / JOURNAL).exists()


def test_a_folder_in_another_schema_is_left_as_it_is(tmp_path):
    data = tmp_path / "data"
    folder = DataFolder.open(data, fixed_clock)
    folder.set_schema_version(99)
    folder.close()
    before = snapshot(data)
    with pytest.raises(SchemaError):
        DataFolder.open_to_read(data, fixed_clock)
    assert snapshot(data) == before
