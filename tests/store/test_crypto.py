"""Encryption at rest: nothing readable on disk, tampering detected, clear messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import atomic_write
from supervisor_tui.store.crypto import TEST_KDF, PassphraseRequiredError, WrongPassphraseError
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from tests.store.conftest import PASSPHRASE
from tests.support import STAMP, open_service

NAME = "Zephyrine Quarrington"
NOTE = "Discussed the Okonkwo-Bellamy household visit; risk feels high"
RATIONALE = "Rationale-wibblewobble for the safeguarding referral"


def _fill(path: Path, sessions: int = 3) -> str:
    svc = open_service(path, passphrase=PASSPHRASE, encrypt=TEST_KDF)
    try:
        person = svc.records.save_supervisee(Supervisee(NAME, "Social worker", created_at=STAMP))
        for n in range(sessions):
            session = Session([person.id], created_at=STAMP)
            session.start(STAMP)
            session.notes = f"{NOTE} #{n}"
            svc.records.save_session(session)
            svc.records.save_notes(session)
        svc.records.add_decision(Decision(person.id, session.id, "Refer to duty team", RATIONALE,
                                          decided_at=STAMP))
        svc.records.save_action(Action(person.id, session.id, "Call the school nurse", "Sam",
                                       created_at=STAMP))
        return person.id
    finally:
        svc.close()


def _every_file(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()]


def _needles() -> list[bytes]:
    words = [NAME, "Zephyrine", "Quarrington", NOTE, "Okonkwo", "wibblewobble", "school nurse"]
    found = []
    for w in words:
        found += [w.encode("utf-8"), w.encode("utf-16-le"), w.lower().encode()]
    return found


def test_no_file_in_an_encrypted_folder_holds_names_or_note_text(tmp_path):
    folder = tmp_path / "data"
    _fill(folder)
    # a second run makes backups, and a fault leaves whatever it leaves
    svc = open_service(folder, passphrase=PASSPHRASE)
    sid = svc.records.supervisees()[0].id
    session = svc.records.sessions(sid)[0]
    session.notes += " and a later line"
    svc.records.save_notes(session)
    svc.close()
    files = _every_file(folder)
    assert any(p.name.endswith(".bak1") for p in files)
    for p in files:
        blob = p.read_bytes()
        for needle in _needles():
            assert needle not in blob, f"{needle!r} readable in {p.name}"


def test_data_files_start_with_the_header_and_differ_on_every_write(tmp_path):
    folder = tmp_path / "data"
    _fill(folder, sessions=1)
    roster = (folder / "roster.json").read_bytes()
    assert roster.startswith(crypto.MAGIC)
    svc = open_service(folder, passphrase=PASSPHRASE)
    svc.records.set_setting("x", 1)
    first = (folder / "roster.json").read_bytes()
    svc.records.set_setting("x", 1)  # same content, new nonce
    second = (folder / "roster.json").read_bytes()
    svc.close()
    assert first != second
    header_len = len(crypto.read_header(folder).encode())
    nonce = slice(header_len, header_len + crypto.NONCE_BYTES)
    assert first[nonce] != second[nonce]


@pytest.mark.parametrize("which", ["roster", "supervisee", "keycheck"])
def test_a_flipped_byte_anywhere_is_detected(tmp_path, which):
    folder = tmp_path / "data"
    sid = _fill(folder, sessions=1)
    target = {
        "roster": folder / "roster.json",
        "supervisee": folder / "supervisees" / f"{sid}.json",
        "keycheck": folder / crypto.KEY_CHECK,
    }[which]
    original = target.read_bytes()
    for offset in sorted({0, 5, 12, len(original) // 2, len(original) - 1}):
        damaged = bytearray(original)
        damaged[offset] ^= 0x01
        target.write_bytes(bytes(damaged))
        with pytest.raises(StoreCorruptError) as info:
            svc = open_service(folder, passphrase=PASSPHRASE)
            try:
                svc.records.sessions(sid)
            finally:
                svc.close()
        assert target.name in str(info.value)
        assert target.read_bytes() == bytes(damaged)  # left untouched
    target.write_bytes(original)


def test_wrong_passphrase_and_damaged_file_give_different_messages(tmp_path):
    folder = tmp_path / "data"
    sid = _fill(folder, sessions=1)
    with pytest.raises(WrongPassphraseError) as wrong:
        open_service(folder, passphrase="not it")
    path = folder / "supervisees" / f"{sid}.json"
    blob = bytearray(path.read_bytes())
    blob[-3] ^= 0xFF
    path.write_bytes(bytes(blob))
    svc = open_service(folder, passphrase=PASSPHRASE)
    try:
        with pytest.raises(StoreCorruptError) as damaged:
            svc.records.sessions(sid)
    finally:
        svc.close()
    assert str(wrong.value) == "That passphrase does not open this data folder."
    assert "passphrase" not in damaged.value.reason
    assert "integrity check failed" in damaged.value.reason
    assert path.name in str(damaged.value) and "damaged" in str(damaged.value)


def test_an_encrypted_folder_needs_the_passphrase(tmp_path):
    folder = tmp_path / "data"
    _fill(folder, sessions=1)
    with pytest.raises(PassphraseRequiredError):
        open_service(folder)


def test_a_plaintext_file_planted_in_an_encrypted_folder_is_refused(tmp_path):
    folder = tmp_path / "data"
    _fill(folder, sessions=1)
    atomic_write(folder / "roster.json", b'{"supervisees": {}}')
    with pytest.raises(StoreCorruptError, match="roster.json"):
        open_service(folder, passphrase=PASSPHRASE)


def test_a_file_from_another_folder_is_refused(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _fill(one, sessions=1)
    _fill(two, sessions=1)
    (one / "roster.json").write_bytes((two / "roster.json").read_bytes())
    with pytest.raises(StoreCorruptError, match="different key"):
        open_service(one, passphrase=PASSPHRASE)


def test_a_damaged_key_check_is_not_called_a_wrong_passphrase(tmp_path):
    folder = tmp_path / "data"
    _fill(folder, sessions=1)
    check = folder / crypto.KEY_CHECK
    blob = bytearray(check.read_bytes())
    blob[-40] ^= 0x10
    check.write_bytes(bytes(blob))
    with pytest.raises(StoreCorruptError, match="key-check file is damaged"):
        open_service(folder, passphrase=PASSPHRASE)


def test_no_plaintext_temp_file_even_when_the_write_fails(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    sid = _fill(folder, sessions=1)
    svc = open_service(folder, passphrase=PASSPHRASE)
    session = svc.records.sessions(sid)[0]
    seen: list[bytes] = []
    real_replace = os.replace

    def fail_replace(src, dst):
        seen.append(Path(src).read_bytes())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("supervisor_tui.store.atomic.os.replace", fail_replace)
    session.notes = NOTE + " typed during the fault"
    with pytest.raises(StoreError):
        svc.records.save_notes(session)
    monkeypatch.setattr("supervisor_tui.store.atomic.os.replace", real_replace)
    svc.close()
    assert seen and all(blob.startswith(crypto.MAGIC) for blob in seen)
    assert all(NOTE.encode() not in blob for blob in seen)


def test_the_default_kdf_cost_is_strong_and_stored_in_the_header(tmp_path):
    fmt = crypto.new_format("pw")
    assert fmt.header.params == crypto.KdfParams(iterations=3, lanes=4, memory_cost=65536)
    assert len(fmt.header.salt) == crypto.SALT_BYTES
    assert crypto.Header.parse(fmt.seal(b"{}"), tmp_path)[0] == fmt.header


def test_empty_passphrase_is_refused(tmp_path):
    with pytest.raises(StoreError, match="passphrase is needed"):
        open_service(tmp_path / "data", passphrase="", encrypt=TEST_KDF)
