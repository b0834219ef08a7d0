"""Each save fault (disk full, permission denied, fsync or replace failing), plain and encrypted:
the save fails with a clear reason, the file on disk is the last good one, and once the fault
clears the next save puts the whole text on disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.live import save_notes, save_session
from supervisor_tui.services.people import save_supervisee
from supervisor_tui.store import atomic
from supervisor_tui.store.errors import StoreWriteError
from tests.support import STAMP

FULL_TEXT = (
    "Opening: felt stretched this week.\n"
    "RTL: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627, combining: e\u0301 a\u0308, "
    "emoji: \U0001f9d1\u200d\u2695\ufe0f \U0001f44d\U0001f3fd, control: \x01\x07\t end.\n"
) + "A long paste line. " * 4000

FAULTS = {
    "disk-full": ("write", errno.ENOSPC, "the disk is full"),
    "permission-denied": ("open", errno.EACCES, "permission denied"),
    "fsync-fails": ("fsync", errno.EIO, "Input/output error"),
    "replace-fails": ("replace", errno.EIO, "Input/output error"),
}


@contextmanager
def fault(folder: Path, kind: str, monkeypatch) -> Iterator[list[int]]:
    """Make one OS call fail for files inside `folder` only; yields the count of failures."""
    op, code, _ = FAULTS[kind]
    hits: list[int] = []
    ours: set[int] = set()
    real = {name: getattr(os, name) for name in ("open", "write", "fsync", "replace")}
    inside = folder.resolve()

    def is_ours(path) -> bool:
        return Path(path).resolve().is_relative_to(inside)

    def fail() -> None:
        hits.append(1)
        raise OSError(code, os.strerror(code))

    def fake_open(path, flags, mode=0o777, *a, **k):
        if op == "open" and is_ours(path) and flags & os.O_CREAT:
            fail()
        fd = real["open"](path, flags, mode, *a, **k)
        if is_ours(path):
            ours.add(fd)
        return fd

    def fake_write(fd, data):
        if op == "write" and fd in ours:
            fail()
        return real["write"](fd, data)

    def fake_fsync(fd):
        if op == "fsync" and fd in ours:
            fail()
        return real["fsync"](fd)

    def fake_replace(src, dst, *a, **k):
        if op == "replace" and is_ours(dst):
            fail()
        return real["replace"](src, dst, *a, **k)

    with monkeypatch.context() as m:
        m.setattr(atomic.os, "open", fake_open)
        m.setattr(atomic.os, "write", fake_write)
        m.setattr(atomic.os, "fsync", fake_fsync)
        m.setattr(atomic.os, "replace", fake_replace)
        yield hits


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_a_save_fault_loses_nothing_once_it_clears(tmp_path, open_store, monkeypatch, kind):
    folder = tmp_path / "data"
    svc = open_store(folder)
    person = svc.records.save_supervisee(Supervisee("Robin Ashe", "Nurse", created_at=STAMP))
    session = Session([person.id], created_at=STAMP)
    session.start(STAMP)
    session.notes = "First line."
    svc.records.save_session(session)
    path = svc.workspace.folder.supervisee_path(person.id)
    before = path.read_bytes()

    session.notes = FULL_TEXT
    with fault(folder, kind, monkeypatch) as hits:
        for _attempt in range(3):  # the app retries while the fault lasts
            with pytest.raises(StoreWriteError) as info:
                svc.records.save_notes(session)
            assert info.value.reason == FAULTS[kind][2]
            assert path.name in str(info.value)
            assert path.read_bytes() == before  # the last good file, untouched
        assert hits
        # a read during the fault still comes from disk: the last good text
        assert svc.records.session(person.id, session.id).notes == "First line."

    assert session.notes == FULL_TEXT  # the caller still holds every word
    svc.records.save_notes(session)
    svc.close()

    again = open_store(folder)
    try:
        assert again.records.session(person.id, session.id).notes == FULL_TEXT
    finally:
        again.close()
    leftovers = [p.name for p in folder.rglob(".*.tmp")]
    assert leftovers == []
    if again.workspace.folder.encrypted:
        for p in folder.rglob("*"):
            if p.is_file():
                assert b"A long paste line" not in p.read_bytes()
                assert b"Robin" not in p.read_bytes()


@pytest.mark.parametrize("kind", ["disk-full", "permission-denied"])
async def test_a_fault_through_the_writer_keeps_the_app_going(tmp_path, open_store, monkeypatch,
                                                              kind):
    folder = tmp_path / "data"
    svc = open_store(folder)
    try:
        person = await svc.run(save_supervisee, Supervisee("Robin Ashe", created_at=STAMP))
        session = Session([person.id], created_at=STAMP)
        await svc.run(save_session, session)
        session.notes = FULL_TEXT
        with fault(folder, kind, monkeypatch), pytest.raises(StoreWriteError):
            await svc.run(save_notes, session)
        await svc.run(save_notes, session)  # the writer thread survived the failure
        stored = await svc.run(lambda ws: ws.records.session(person.id, session.id))
        assert stored.notes == FULL_TEXT
    finally:
        svc.close()
