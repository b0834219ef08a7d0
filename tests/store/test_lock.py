"""The folder lock: one holder at a time, in this process or another; released on close or exit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from supervisor_tui.store.errors import StoreLockedError
from supervisor_tui.store.lock import LOCK_NAME, FolderLock


def test_one_holder_at_a_time_in_this_process(tmp_path: Path) -> None:
    first, second = FolderLock(tmp_path), FolderLock(tmp_path)
    first.acquire()
    assert first.held
    with pytest.raises(StoreLockedError):
        second.acquire()
    assert not second.held
    first.release()
    second.acquire()
    assert second.held and not first.held
    second.release()


def test_the_lock_file_is_private_and_release_is_idempotent(tmp_path: Path) -> None:
    lock = FolderLock(tmp_path)
    lock.acquire()
    assert oct((tmp_path / LOCK_NAME).stat().st_mode & 0o777) == "0o600"
    lock.release()
    lock.release()
    assert not lock.held


@pytest.mark.parametrize("lock_file_deleted", [False, True])
def test_held_by_another_process_until_it_exits(tmp_path: Path, lock_file_deleted: bool) -> None:
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from supervisor_tui.store.lock import FolderLock
        FolderLock(Path({str(tmp_path)!r})).acquire()
        print("ready", flush=True)
        sys.stdin.read()
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        if lock_file_deleted:  # the folder itself is locked too
            (tmp_path / LOCK_NAME).unlink()
        with pytest.raises(StoreLockedError):
            FolderLock(tmp_path).acquire()
    finally:
        holder.kill()  # never released: the OS drops the lock with the process
        holder.wait()
    lock = FolderLock(tmp_path)
    lock.acquire()
    lock.release()


def test_a_folder_that_cannot_hold_a_lock_file_raises_and_holds_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "not-there"
    lock = FolderLock(missing)
    with pytest.raises(FileNotFoundError):
        lock.acquire()
    assert not lock.held
    missing.mkdir()
    lock.acquire()
    lock.release()
