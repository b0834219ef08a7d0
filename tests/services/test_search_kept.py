"""The search index kept on disk between runs: read back at the next start instead of the
records, made again when its file changed or it is damaged, encrypted in an encrypted folder,
and removed before a passphrase change or a restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.domain.search import SearchFilters
from supervisor_tui.services.safekeeping import back_up, read_backup_file, restore_from
from supervisor_tui.services.search import search_records
from supervisor_tui.services.service import Service
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.store.derived import file_mark, read_part, write_part
from supervisor_tui.store.folder import INDEX
from supervisor_tui.store.records import Records
from supervisor_tui.store.rekey import change_passphrase
from tests import history_data as h
from tests.support import open_service

PASS = "correct horse battery"
QUERIES = ["the", "jb-1042", "complaint", "weekend", ""]
FILTERS = [None, SearchFilters(flagged_only=True)]


def everything(svc: Service) -> list[object]:
    return [search_records(svc.workspace, q, f) for q in QUERIES for f in FILTERS]


def written(folder: Path, **opening: object) -> list[object]:
    """The fixed history written, and what every query finds in it (index made from it)."""
    svc = open_service(folder, **opening)  # type: ignore[arg-type]
    try:
        h.write_history(svc.records)
        return everything(svc)
    finally:
        svc.close()


def parts(folder: Path) -> list[Path]:
    return sorted((folder / INDEX).glob("*.part"))


def test_the_next_start_reads_the_kept_index_and_not_the_records(data_dir, monkeypatch):
    found = written(data_dir)
    assert [p.stem for p in parts(data_dir)] == sorted([h.ALEX, h.BEA])

    def no_decoding(*args: object) -> None:
        raise AssertionError("the records were decoded for the search")

    monkeypatch.setattr(Records, "sessions", no_decoding)
    svc = open_service(data_dir)
    try:
        assert everything(svc) == found
        assert not svc.records.folder.is_loaded(h.ALEX)
    finally:
        svc.close()


def test_a_save_after_the_index_was_kept_is_found_at_the_next_start(data_dir):
    written(data_dir)
    svc = open_service(data_dir)
    try:
        session = svc.records.session(h.ALEX, h.S4)
        session.notes += " Planned a phased return after leave."
        svc.records.save_notes(session)
    finally:
        svc.close()  # no search in this run: the kept part names the file before the save
    svc = open_service(data_dir)
    try:
        assert [x.session_id for x in search_records(svc.workspace, "phased return").hits] \
            == [h.S4]
        mark = file_mark(svc.records.folder, h.ALEX)
        assert mark is not None and read_part(svc.records.folder, h.ALEX, mark) is not None, \
            "the part made again is kept for the next start"
    finally:
        svc.close()


def test_making_the_index_keeps_no_history_in_memory(data_dir):
    svc = open_service(data_dir)
    try:
        h.write_history(svc.records)
        svc.records.folder.drop_handles()
        search_records(svc.workspace, "the")
        assert not any(svc.records.folder.is_loaded(sid) for sid in (h.ALEX, h.BEA))
    finally:
        svc.close()


@pytest.mark.parametrize("damage", ["garbage", "cut", "chunk"])
def test_a_damaged_kept_part_is_made_again_from_the_records(data_dir, damage):
    found = written(data_dir)
    part = data_dir / INDEX / f"{h.ALEX}.part"
    blob = part.read_bytes()
    if damage == "garbage":
        part.write_bytes(b"\x00garbage")
    elif damage == "cut":
        part.write_bytes(blob[: len(blob) // 2])
    else:  # readable, but the last compressed chunk (opened only for a hit) is damaged
        part.write_bytes(blob[:-8] + b"\xff" * 8)
    svc = open_service(data_dir)
    try:
        assert everything(svc) == found
    finally:
        svc.close()
    assert part.read_bytes() != blob[: len(blob) // 2] and part.read_bytes() != b"\x00garbage"


def test_a_part_kept_by_an_earlier_version_is_made_again_in_this_versions_form(data_dir):
    found = written(data_dir)
    svc = open_service(data_dir)
    try:
        folder = svc.records.folder
        mark = file_mark(folder, h.ALEX)
        assert mark is not None
        earlier = b"SUPERVISOR-TUI-SEARCH-PART\x01" + b"\x00" * 64  # the form before words
        write_part(folder, h.ALEX, mark, earlier)
        assert read_part(folder, h.ALEX, mark) == earlier
    finally:
        svc.close()
    svc = open_service(data_dir)
    try:
        assert everything(svc) == found
        kept = read_part(svc.records.folder, h.ALEX, mark)
        assert kept is not None and kept.startswith(b"SUPERVISOR-TUI-SEARCH-PART\x02")
    finally:
        svc.close()


def test_a_part_is_used_only_for_the_file_it_was_made_from(data_dir):
    written(data_dir)
    alex, bea = data_dir / INDEX / f"{h.ALEX}.part", data_dir / INDEX / f"{h.BEA}.part"
    alex.write_bytes(bea.read_bytes())  # someone else's part under this name
    svc = open_service(data_dir)
    try:
        mark = file_mark(svc.records.folder, h.ALEX)
        assert mark is not None and read_part(svc.records.folder, h.ALEX, mark) is None
        hits = search_records(svc.workspace, "complaint").hits
        assert {x.supervisee_id for x in hits} == {h.BEA}
    finally:
        svc.close()


def test_an_encrypted_folders_index_is_encrypted_and_unread_under_another_key(data_dir):
    found = written(data_dir, passphrase=PASS, encrypt=TEST_KDF)
    for part in parts(data_dir):
        blob = part.read_bytes()
        assert blob.startswith(b"SVTUI-ENC")
        assert b"complaint" not in blob.lower() and b"Rivera" not in blob
    svc = open_service(data_dir, passphrase=PASS)
    try:
        assert everything(svc) == found
        change_passphrase(svc.records.folder, "another passphrase", TEST_KDF)
        assert not (data_dir / INDEX).exists(), "no part outlives its key"
        assert everything(svc) == found
    finally:
        svc.close()


def test_encrypting_a_plain_folder_removes_its_plain_index_first(data_dir):
    found = written(data_dir)
    assert parts(data_dir)
    svc = open_service(data_dir)
    try:
        change_passphrase(svc.records.folder, PASS, TEST_KDF)
        assert not (data_dir / INDEX).exists()
        assert everything(svc) == found
        assert parts(data_dir) and all(p.read_bytes().startswith(b"SVTUI-ENC")
                                       for p in parts(data_dir))
    finally:
        svc.close()


def test_a_restore_removes_the_index_and_the_search_finds_what_was_restored(data_dir, tmp_path):
    svc = open_service(data_dir)
    try:
        back_up(svc.workspace, tmp_path / "empty.backup")
        h.write_history(svc.records)
        assert search_records(svc.workspace, "complaint").hits
        assert parts(data_dir)
        doc, _ = read_backup_file(tmp_path / "empty.backup", svc.workspace, lambda: PASS)
        restore_from(svc.workspace, doc, force=True)
        assert not parts(data_dir)
        assert search_records(svc.workspace, "complaint").hits == []
    finally:
        svc.close()


def test_a_folder_opened_for_reading_keeps_no_index(data_dir):
    from supervisor_tui.services.service import Service as AppService
    from supervisor_tui.services.workspace import open_workspace

    svc = open_service(data_dir)  # the app, still running
    h.write_history(svc.records)
    reader = AppService(open_workspace(data_dir, h.fixed_clock, read_only=True))
    try:
        assert reader.read_only
        assert search_records(reader.workspace, "complaint").hits
        assert not parts(data_dir)
    finally:
        reader.close()
        svc.close()
