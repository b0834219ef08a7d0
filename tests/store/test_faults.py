"""A save that fails at any step leaves the previous file intact, says why, and can be retried."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from supervisor_tui.domain.enums import EntryKind
from supervisor_tui.domain.people import FirstTryKept, Supervisee
from supervisor_tui.domain.session import RecordEntry, Session
from supervisor_tui.services.history import add_record_entry
from supervisor_tui.services.service import Service
from supervisor_tui.store.atomic import read_file
from supervisor_tui.store.errors import StoreWriteError
from tests import history_data as h
from tests.conftest import reopen
from tests.support import STAMP, at_time

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EIO: os.strerror(errno.EIO),
}


def _error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _is_dir(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


class Faults:
    """Wraps os functions so the chosen step of a save raises while armed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.step: str | None = None
        self.code = errno.EIO
        self.hits = 0
        real_open, real_write, real_fsync, real_replace = os.open, os.write, os.fsync, os.replace

        def fake_open(path, flags, *args, **kwargs):
            if self.step == "open" and flags & os.O_CREAT:
                return self._fail()
            return real_open(path, flags, *args, **kwargs)

        def fake_write(fd, data):
            if self.step == "write":
                return self._fail()
            if self.step == "partial-write":  # half the bytes land, then the disk fills up
                if self.hits:
                    return self._fail()
                self.hits += 1
                return real_write(fd, bytes(data)[: max(1, len(data) // 2)])
            return real_write(fd, data)

        def fake_fsync(fd):
            if self.step == "fsync-file" and not _is_dir(fd):
                return self._fail()
            if self.step == "fsync-dir" and _is_dir(fd):
                return self._fail()
            return real_fsync(fd)

        def fake_replace(src, dst, *args, **kwargs):
            backup = ".bak" in os.fspath(dst)
            if (self.step == "replace" and not backup) or (self.step == "rotate" and backup):
                return self._fail()
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)

    def _fail(self):
        raise _error(self.code)

    def arm(self, step: str, code: int) -> None:
        self.step, self.code, self.hits = step, code, 0

    def clear(self) -> None:
        self.step = None


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    return Faults(monkeypatch)


def _setup(service: Service) -> tuple[Session, Path]:
    person = service.records.save_supervisee(Supervisee("Ada", "Nurse", id="s-00000000abcd",
                                                        created_at=STAMP))
    session = Session([person.id], id="x-1", created_at=STAMP)
    session.start(STAMP)
    session.notes = "First paragraph.\n"
    service.records.save_session(session)
    return session, service.workspace.folder.supervisee_path(person.id)


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


BEFORE_REPLACE = ["open", "write", "partial-write", "fsync-file", "replace"]


@pytest.mark.parametrize("code", sorted(REASONS))
@pytest.mark.parametrize("step", BEFORE_REPLACE)
def test_failed_save_leaves_previous_file_intact(service, data_dir, faults, step, code):
    session, path = _setup(service)
    before = path.read_bytes()
    session.notes += "Second paragraph, typed during the fault.\n" * 50

    faults.arm(step, code)
    with pytest.raises(StoreWriteError) as caught:
        service.records.save_notes(session)
    faults.clear()

    message = str(caught.value)
    assert path.name in message and REASONS[code] in message
    assert path.read_bytes() == before
    read_file(path, service.workspace.folder.fmt)  # still parses
    assert _temp_files(data_dir) == []
    # What the store reports now is what is on disk, not the failed change.
    assert service.records.session(session.supervisee_ids[0], "x-1").notes == "First paragraph.\n"

    service.records.save_notes(session)  # the fault has cleared: the retry saves everything
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(session.supervisee_ids[0], "x-1") == session
    finally:
        again.close()


@pytest.mark.parametrize("code", sorted(REASONS))
def test_failed_folder_fsync_reports_and_leaves_a_readable_file(service, data_dir, faults, code):
    """After `os.replace` the new file is in place but not yet durable: the save is reported as
    failed (so it is retried) and the file on disk is one complete version or the other."""
    session, path = _setup(service)
    before = path.read_bytes()
    session.notes += "More.\n"

    faults.arm("fsync-dir", code)
    with pytest.raises(StoreWriteError, match=REASONS[code]):
        service.records.save_notes(session)
    faults.clear()

    on_disk = read_file(path, service.workspace.folder.fmt)
    assert path.read_bytes() == before or on_disk["sessions"]["1"]["notes"] == session.notes
    service.records.save_notes(session)
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(session.supervisee_ids[0], "x-1") == session
    finally:
        again.close()


@pytest.mark.parametrize("step", ["write", "fsync-dir"])
def test_a_record_entry_saved_again_after_a_failure_is_added_once(service, data_dir, faults,
                                                                   step):
    """An amendment whose save failed may be on disk all the same (the folder's fsync failed
    after the file was replaced): saving it again, as the form's ctrl+s does with the same
    entry, leaves it in the record once."""
    h.write_history(service.records)
    ws = at_time(service, h.NOW)
    entry = RecordEntry("The deadline was 14 Sept, not 4 Sept.", "Typing error", "Jo",
                        EntryKind.AMENDMENT, at=h.at(11, 23), id="e-000000000009")
    faults.arm(step, errno.EIO)
    with pytest.raises(StoreWriteError):
        add_record_entry(ws, h.ALEX, h.S2, entry)
    faults.clear()
    assert [e.id for e in add_record_entry(ws, h.ALEX, h.S2, entry).entries] == [entry.id]
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(h.ALEX, h.S2).entries == [entry]
    finally:
        again.close()


def test_a_record_entry_retried_in_other_words_keeps_the_first_try_and_says_so(
        service, data_dir, faults):
    """The first try reached the file (the folder's fsync failed after it); the form's words
    were edited before ctrl+s again. The record keeps what it holds, once, and the retry is
    refused saying so; the new words are then added as a further entry, under a new id."""
    h.write_history(service.records)
    ws = at_time(service, h.NOW)
    entry = RecordEntry("The deadline was 14 Sept, not 4 Sept.", "Typing error", "Jo",
                        EntryKind.AMENDMENT, at=h.at(11, 23), id="e-000000000009")
    faults.arm("fsync-dir", errno.EIO)
    with pytest.raises(StoreWriteError):
        add_record_entry(ws, h.ALEX, h.S2, entry)
    faults.clear()
    edited = RecordEntry("The deadline was 14 Sept 2026, not 4 Sept.", "Typing error", "Jo",
                         EntryKind.AMENDMENT, at=h.at(11, 24), id=entry.id)
    with pytest.raises(FirstTryKept, match="reached the record after all"):
        add_record_entry(ws, h.ALEX, h.S2, edited)
    further = RecordEntry(edited.text, edited.reason, "Jo", EntryKind.AMENDMENT,
                          at=h.at(11, 25))
    add_record_entry(ws, h.ALEX, h.S2, further)
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(h.ALEX, h.S2).entries == [entry, further]
    finally:
        again.close()


def test_failed_backup_rotation_leaves_file_and_backups_intact(data_dir, faults):
    first = reopen(data_dir)
    session, path = _setup(first)
    first.close()
    second = reopen(data_dir)  # a new run rotates backups before its first save
    second.records.save_notes(session)
    second.close()
    before = path.read_bytes()
    backups = {p.name: p.read_bytes() for p in path.parent.glob("*.bak*")}
    assert backups

    third = reopen(data_dir)
    try:
        session.notes += "Typed while the backup could not be made.\n"
        faults.arm("rotate", errno.ENOSPC)
        with pytest.raises(StoreWriteError, match="the disk is full"):
            third.records.save_notes(session)
        faults.clear()
        assert path.read_bytes() == before
        for name, data in backups.items():
            assert (path.parent / name).read_bytes() == data
        third.records.save_notes(session)
    finally:
        third.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(session.supervisee_ids[0], "x-1") == session
    finally:
        again.close()
