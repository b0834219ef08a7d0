"""Drafts: half-written form entries in their own small sealed file per supervisee."""

from __future__ import annotations

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.store.errors import StoreReadOnlyError
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records
from supervisor_tui.store.rekey import change_passphrase
from tests.support import STAMP, fixed_clock, open_service, reopen

SID = "s-0d0d0d0d0d0d"
PASS = "correct horse battery"
TYPED = {"text": "Refer to MASH", "rationale": "Bruising seen at school"}


def person(svc) -> None:  # type: ignore[no-untyped-def]
    svc.records.save_supervisee(Supervisee("Draft Person", id=SID, created_at=STAMP))


def test_a_draft_is_kept_apart_from_the_history_and_taken_back_once(data_dir):
    svc = open_service(data_dir)
    person(svc)
    history = data_dir / "supervisees" / f"{SID}.json"
    before = history.read_bytes() if history.exists() else None
    svc.records.keep_draft(SID, "decision", TYPED)
    svc.records.keep_draft(SID, "action", {"text": "Call the GP"})
    assert (history.read_bytes() if history.exists() else None) == before
    svc.close()
    again = reopen(data_dir)
    try:
        assert again.records.draft(SID, "decision") == TYPED  # left in place
        assert again.records.take_draft(SID, "decision") == TYPED
        assert again.records.take_draft(SID, "decision") is None
        assert again.records.take_draft(SID, "action") == {"text": "Call the GP"}
        assert not (data_dir / "drafts" / f"{SID}.json").exists(), "nothing kept, no file"
    finally:
        again.close()


def test_an_encrypted_folders_drafts_are_encrypted_and_follow_a_passphrase_change(data_dir):
    svc = open_service(data_dir)
    person(svc)
    svc.records.keep_draft(SID, "decision", TYPED)
    change_passphrase(svc.records.folder, PASS, TEST_KDF)  # a plain folder encrypted
    blob = (data_dir / "drafts" / f"{SID}.json").read_bytes()
    assert blob.startswith(b"SVTUI-ENC") and b"Bruising" not in blob
    change_passphrase(svc.records.folder, "another one", TEST_KDF)
    svc.close()
    again = open_service(data_dir, passphrase="another one")
    try:
        assert again.records.take_draft(SID, "decision") == TYPED
    finally:
        again.close()


def test_a_draft_an_earlier_version_kept_in_the_history_is_handed_back(data_dir):
    svc = open_service(data_dir)
    person(svc)
    svc.records.save_supervisee(Supervisee("Draft Person", id=SID, created_at=STAMP))
    svc.records.folder.supervisee_db(SID).table("drafts").insert(
        {"kind": "decision", "doc": TYPED})
    assert svc.records.draft(SID, "decision") == TYPED
    assert svc.records.take_draft(SID, "decision") == TYPED
    assert svc.records.folder.supervisee_db(SID).table("drafts").all() == []
    assert svc.records.take_draft(SID, "decision") is None
    svc.close()


def test_a_damaged_drafts_file_reads_as_none_and_the_next_draft_replaces_it(data_dir):
    svc = open_service(data_dir)
    person(svc)
    svc.records.keep_draft(SID, "decision", TYPED)
    (data_dir / "drafts" / f"{SID}.json").write_bytes(b"\x00{not json")
    assert svc.records.draft(SID, "decision") is None
    svc.records.keep_draft(SID, "action", {"text": "Call"})
    assert svc.records.take_draft(SID, "action") == {"text": "Call"}
    svc.close()


def test_a_folder_opened_for_reading_keeps_no_draft(data_dir):
    svc = open_service(data_dir)
    person(svc)
    svc.close()
    with DataFolder.open_to_read(data_dir, fixed_clock) as folder, \
            pytest.raises(StoreReadOnlyError):
        Records(folder).keep_draft(SID, "decision", TYPED)
    assert not (data_dir / "drafts").exists()
