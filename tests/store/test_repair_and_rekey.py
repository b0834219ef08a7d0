"""Restoring a damaged file from its backup, and changing the passphrase without risk."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store import crypto, rekey, switch
from supervisor_tui.store.atomic import backups_of
from supervisor_tui.store.crypto import TEST_KDF, WrongPassphraseError
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.repair import damaged_file_of, restore_in_folder, restore_open
from tests.store.conftest import PASSPHRASE, opener
from tests.support import STAMP, open_service


def _two_runs(folder, open_store):
    """A folder whose files have backups: a first run writes, a second run changes them."""
    svc = open_store(folder)
    person = svc.records.save_supervisee(Supervisee("Jo Park", created_at=STAMP))
    session = Session([person.id], created_at=STAMP)
    session.notes = "version one"
    svc.records.save_session(session)
    svc.close()
    svc = open_store(folder)
    session.notes = "version two"
    svc.records.save_session(session)
    svc.records.save_supervisee(Supervisee("Kim Lee", created_at=STAMP))
    svc.close()
    return person, session


def test_restore_a_damaged_roster_keeps_it_aside(tmp_path, open_store):
    folder = tmp_path / "data"
    _two_runs(folder, open_store)
    roster = folder / "roster.json"
    roster.write_bytes(b"\x00garbage")
    with pytest.raises(StoreCorruptError) as info:
        open_store(folder)
    assert damaged_file_of(info.value) == roster
    kind = "encrypted" if crypto.is_encrypted(folder) else "plain"
    done = restore_in_folder(folder, roster, STAMP,
                             passphrase=PASSPHRASE if kind == "encrypted" else None)
    assert done.backup == roster.with_name("roster.json.bak1")
    assert done.damaged_copy is not None and done.damaged_copy.read_bytes() == b"\x00garbage"
    assert done.damaged_copy.name.startswith("roster.json.damaged-")
    svc = open_store(folder)
    try:
        assert [p.name for p in svc.records.supervisees()] == ["Jo Park"]  # the state before
    finally:
        svc.close()


def test_restore_skips_a_damaged_backup(tmp_path, open_store):
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, open_store)
    svc = open_store(folder)
    svc.records.save_supervisee(Supervisee("Third Run", created_at=STAMP))
    svc.close()
    roster = folder / "roster.json"
    assert len(backups_of(roster)) >= 2
    roster.write_bytes(b"{")
    backups_of(roster)[0].write_bytes(b"[]")
    kind_pass = PASSPHRASE if crypto.is_encrypted(folder) else None
    done = restore_in_folder(folder, roster, STAMP, passphrase=kind_pass)
    assert done.backup.name == "roster.json.bak2"


def test_restore_of_a_supervisee_file_while_the_folder_is_open(tmp_path, open_store):
    folder = tmp_path / "data"
    person, session = _two_runs(folder, open_store)
    svc = open_store(folder)
    path = svc.workspace.folder.supervisee_path(person.id)
    path.write_bytes(b'{"sessions": {"1": []}}')
    try:
        with pytest.raises(StoreCorruptError):
            svc.records.sessions(person.id)
        restore_open(svc.records, path)
        assert svc.records.sessions(person.id)[0].notes == "version one"
    finally:
        svc.close()


def test_no_backup_gives_a_clear_message(tmp_path):
    folder = tmp_path / "data"
    svc = open_service(folder)
    svc.records.save_supervisee(Supervisee("Jo", created_at=STAMP))
    svc.close()
    (folder / "roster.json").write_bytes(b"nope")
    with pytest.raises(StoreError, match="no good backup of roster.json"):
        restore_in_folder(folder, folder / "roster.json", STAMP)
    assert (folder / "roster.json").read_bytes() == b"nope"


def test_restore_refuses_files_outside_the_folder(tmp_path):
    folder = tmp_path / "data"
    open_service(folder).close()
    with pytest.raises(StoreError, match="not a file of the data folder"):
        restore_in_folder(folder, tmp_path / "elsewhere.json", STAMP)


def test_change_passphrase_reseals_everything_including_backups(tmp_path):
    folder = tmp_path / "data"
    open_enc = opener("encrypted")
    person, session = _two_runs(folder, open_enc)
    svc = open_enc(folder)
    old_files = {p: p.read_bytes() for p in folder.rglob("*.json*")}
    skipped = rekey.change_passphrase(svc.workspace.folder, "a new passphrase", TEST_KDF)
    assert skipped == []
    assert svc.records.sessions(person.id)[0].notes == "version two"
    svc.close()
    for p, blob in old_files.items():
        assert p.read_bytes() != blob, p.name
    with pytest.raises(WrongPassphraseError):
        open_service(folder, passphrase=PASSPHRASE)
    again = open_service(folder, passphrase="a new passphrase")
    try:
        assert again.records.sessions(person.id)[0].notes == "version two"
        restore_open(again.records, folder / "roster.json")  # backups still readable
    finally:
        again.close()


def test_encrypt_a_plain_folder_then_remove_encryption(tmp_path):
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, opener("plain"))
    svc = open_service(folder)
    rekey.change_passphrase(svc.workspace.folder, "pw", TEST_KDF)
    svc.close()
    for p in folder.rglob("*.json*"):
        assert b"Jo Park" not in p.read_bytes()
    svc = open_service(folder, passphrase="pw")
    rekey.change_passphrase(svc.workspace.folder, None)
    svc.close()
    assert not crypto.is_encrypted(folder)
    svc = open_service(folder)
    try:
        assert svc.records.sessions(person.id)[0].notes == "version two"
    finally:
        svc.close()


def test_a_damaged_data_file_stops_the_change_and_changes_nothing(tmp_path):
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, opener("encrypted"))
    svc = open_service(folder, passphrase=PASSPHRASE)
    path = svc.workspace.folder.supervisee_path(person.id)
    path.write_bytes(path.read_bytes()[:-5])
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(StoreCorruptError):
        rekey.change_passphrase(svc.workspace.folder, "new", TEST_KDF)
    svc.close()
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.parametrize("stop_after", [0, 1, 3])
def test_an_interrupted_change_is_finished_or_undone_at_the_next_open(tmp_path, monkeypatch,
                                                                      stop_after):
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, opener("encrypted"))
    svc = open_service(folder, passphrase=PASSPHRASE)
    calls = []
    real_replace = switch.os.replace

    def dying_replace(src, dst):
        if str(src).endswith(rekey.NEW_SUFFIX):
            calls.append(dst)
        if len(calls) > stop_after:
            raise KeyboardInterrupt  # the process stops part way through the switch
        real_replace(src, dst)

    monkeypatch.setattr(switch.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        rekey.change_passphrase(svc.workspace.folder, "new", TEST_KDF)
    monkeypatch.setattr(switch.os, "replace", real_replace)
    svc.close()
    # the journal was written before the switch began, so the next open finishes it
    assert (folder / rekey.JOURNAL).exists()
    again = open_service(folder, passphrase="new")
    try:
        assert again.records.sessions(person.id)[0].notes == "version two"
    finally:
        again.close()
    assert not (folder / rekey.JOURNAL).exists()
    assert not list(folder.rglob(f"*{rekey.NEW_SUFFIX}"))


def test_a_change_stopped_before_its_journal_leaves_the_old_passphrase(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, opener("encrypted"))
    svc = open_service(folder, passphrase=PASSPHRASE)
    writes = []
    real_write = switch.atomic_write

    def dying_write(path, data):
        writes.append(path)
        if len(writes) == 3:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(switch, "atomic_write", dying_write)
    with pytest.raises(StoreError, match="still under the old passphrase"):
        rekey.change_passphrase(svc.workspace.folder, "new", TEST_KDF)
    svc.close()
    assert not list(folder.rglob(f"*{rekey.NEW_SUFFIX}"))
    again = open_service(folder, passphrase=PASSPHRASE)
    try:
        assert again.records.sessions(person.id)[0].notes == "version two"
    finally:
        again.close()


@pytest.mark.parametrize("fail_at", [0, 1, 2, 3, 4, 5])
def test_a_rename_that_fails_never_loses_a_save_made_after_it(tmp_path, monkeypatch, fail_at):
    """A rename refused (EPERM) part way through the switch: the change is made and says it is
    unfinished; every save the app goes on to make is under the new key, and the next open
    finishes the switch without putting an older staged copy over a newer file."""
    folder = tmp_path / "data"
    person, session = _two_runs(folder, opener("encrypted"))
    svc = open_service(folder, passphrase=PASSPHRASE)
    renames = []
    real_replace = switch.os.replace

    def refused(src, dst):
        if str(src).endswith(rekey.NEW_SUFFIX):
            renames.append(dst)
            if len(renames) == fail_at + 1:
                raise PermissionError(1, "Operation not permitted")
        real_replace(src, dst)

    monkeypatch.setattr(switch.os, "replace", refused)
    with pytest.raises(rekey.RekeyUnfinishedError, match="new passphrase is in force"):
        rekey.change_passphrase(svc.workspace.folder, "new", TEST_KDF)
    monkeypatch.setattr(switch.os, "replace", real_replace)
    acknowledged = {}
    for n, who in enumerate(["Ana Ruiz", "Bo Chen"]):
        try:  # a save either lands under the new key or fails out loud
            saved = svc.records.save_supervisee(Supervisee(who, created_at=STAMP))
            acknowledged[saved.id] = who
        except StoreError:
            pass
        session.notes = f"version {3 + n}"
        try:
            svc.records.save_notes(session)
            acknowledged["notes"] = session.notes
        except StoreError:
            pass
    svc.close()
    with pytest.raises((WrongPassphraseError, StoreCorruptError)):
        open_service(folder, passphrase=PASSPHRASE).close()
    again = open_service(folder, passphrase="new")
    try:
        names = {p.id: p.name for p in again.records.supervisees()}
        notes = again.records.sessions(person.id)[0].notes
    finally:
        again.close()
    for key, value in acknowledged.items():
        assert (notes if key == "notes" else names.get(key)) == value
    assert not (folder / rekey.JOURNAL).exists()
    assert not list(folder.rglob(f"*{rekey.NEW_SUFFIX}"))


def test_temp_files_of_a_killed_staging_are_removed_at_the_next_open(tmp_path):
    """A kill while a staged copy was being written leaves its temp file (in plain text, when
    encryption is being removed), also under backups/: the next open removes it."""
    folder = tmp_path / "data"
    open_service(folder, passphrase=PASSPHRASE, encrypt=TEST_KDF).close()
    spare = folder / "backups" / "pre-restore-1" / "supervisees"
    spare.mkdir(parents=True)
    (folder / "supervisees" / "decisions").mkdir(exist_ok=True)
    left = [spare / f".s-a.json{switch.NEW_SUFFIX}.k2j4x9.tmp",
            folder / "supervisees" / f".s-a.json{switch.NEW_SUFFIX}.p0q1r2.tmp",
            folder / "supervisees" / "decisions" / f"s-a.0001.json{switch.NEW_SUFFIX}",
            spare / f"s-a.json{switch.NEW_SUFFIX}"]
    kept = [spare / "s-a.json"]  # not a switch's
    for path in left + kept:
        path.write_bytes(b'{"plain": "notes in the clear"}')
    open_service(folder, passphrase=PASSPHRASE).close()
    assert [p for p in left if p.exists()] == []
    assert [p for p in kept if p.exists()] == kept


@pytest.mark.parametrize("fail_at", range(5))  # the journal, then each of four files
def test_a_removal_that_fails_at_any_step_ends_under_one_passphrase_or_none(
        tmp_path, monkeypatch, fail_at):
    """A full disk at each write of a passphrase removal (the journal, then each file
    decrypted in place): before the journal the folder stays under its passphrase, untouched;
    after it, the removal says it is unfinished and the next open (with the old passphrase)
    finishes it. No plain byte is written while the folder stays encrypted."""
    folder = tmp_path / "data"
    person, _ = _two_runs(folder, opener("encrypted"))
    svc = open_service(folder, passphrase=PASSPHRASE)
    writes: list[Path] = []
    real_write = switch.atomic_write

    def full_disk(path, data):
        writes.append(path)
        if len(writes) == fail_at + 1:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(switch, "atomic_write", full_disk)
    with pytest.raises(StoreError) as failed:
        rekey.change_passphrase(svc.workspace.folder, None)
    monkeypatch.setattr(switch, "atomic_write", real_write)
    svc.close()
    if fail_at == 0:  # the journal: nothing was changed
        assert "still under the old passphrase" in str(failed.value)
        assert not (folder / rekey.JOURNAL).exists()
        for p in folder.rglob("*"):
            assert not p.is_file() or b"Jo Park" not in p.read_bytes()
    else:
        assert isinstance(failed.value, rekey.RekeyUnfinishedError)
        assert "with the old passphrase" in str(failed.value)
    again = open_service(folder, passphrase=PASSPHRASE)
    try:
        assert again.records.sessions(person.id)[0].notes == "version two"
        assert again.encrypted == (fail_at == 0)
    finally:
        again.close()
    assert not (folder / rekey.JOURNAL).exists()
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
