"""Drafts: half-written form entries in their own small sealed file per supervisee."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
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
    svc.records.folder.supervisee_db(SID).table("drafts").insert(
        {"kind": "decision", "doc": TYPED})
    assert svc.records.draft(SID, "decision") == TYPED
    assert svc.records.take_draft(SID, "decision") == TYPED
    assert svc.records.folder.supervisee_db(SID).table("drafts").all() == []
    assert svc.records.take_draft(SID, "decision") is None
    svc.close()


def test_an_earlier_versions_draft_kept_again_by_its_form_goes_when_the_form_drops_it(
        data_dir):
    """A form is handed the draft by reading it (it stays until served) and keeps it again
    in the drafts file: dropping it then removes both copies, so it does not come back."""
    svc = open_service(data_dir)
    person(svc)
    svc.records.folder.supervisee_db(SID).table("drafts").insert(
        {"kind": "decision", "doc": TYPED})
    assert svc.records.draft(SID, "decision") == TYPED  # handed back, left in place
    svc.records.keep_draft(SID, "decision", {**TYPED, "text": "Refer to MASH today"})
    assert svc.records.take_draft(SID, "decision") == {**TYPED, "text": "Refer to MASH today"}
    assert svc.records.draft(SID, "decision") is None
    svc.close()
    again = reopen(data_dir)
    try:
        assert again.records.draft(SID, "decision") is None
    finally:
        again.close()


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


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=200) | st.builds(
    lambda rows: orjson.dumps({"drafts": rows}),
    st.dictionaries(st.text(max_size=3), st.one_of(
        st.none(), st.integers(-9, 9), st.text(max_size=5),
        st.fixed_dictionaries({"kind": st.one_of(st.text(max_size=8), st.integers(-9, 9)),
                               "doc": st.one_of(st.none(), st.text(max_size=5),
                                                st.dictionaries(st.text(max_size=3),
                                                                st.integers(-9, 9), max_size=2))})),
        max_size=3)))
def test_any_bytes_in_a_drafts_file_read_as_a_draft_or_none(data_dir, blob):
    svc = open_service(data_dir) if not (data_dir / "roster.json").exists() else reopen(data_dir)
    try:
        person(svc)
        (data_dir / "drafts").mkdir(exist_ok=True)
        (data_dir / "drafts" / f"{SID}.json").write_bytes(blob)
        for kind in ("decision", "", "x"):
            found = svc.records.draft(SID, kind)
            assert found is None or isinstance(found, dict)
            taken = svc.records.take_draft(SID, kind)
            assert taken == found
        svc.records.keep_draft(SID, "decision", TYPED)  # replaces what could not be read
        assert svc.records.take_draft(SID, "decision") == TYPED
    finally:
        svc.close()


def test_a_history_found_without_earlier_drafts_is_not_read_again_for_them(data_dir):
    svc = open_service(data_dir)
    person(svc)
    svc.records.save_session(Session([SID], id="x-1", created_at=STAMP))  # a history file
    try:
        assert svc.records.take_draft(SID, "decision") is None  # looked, found none
        svc.records.folder.forget(SID)
        assert svc.records.take_draft(SID, "action") is None
        assert not svc.records.folder.is_loaded(SID), "the history was read again"
        svc.records.folder.supervisee_db(SID).table("drafts").insert(
            {"kind": "decision", "doc": TYPED})  # the file changed: looked at again
        assert svc.records.take_draft(SID, "decision") == TYPED
    finally:
        svc.close()
