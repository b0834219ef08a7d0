"""One running instance per data folder, held by an OS lock on a separate file.

Locking a data file itself would not survive `os.replace` (the lock stays on the old inode).
The lock is `flock` on `.supervisor-tui.lock`: it belongs to the open file, so the OS drops it
when the process ends, however it ends. (The filelock package did the same on POSIX, but took
about 9 ms to import, on the path to the first frame.)
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from supervisor_tui.store.errors import StoreLockedError

LOCK_NAME = ".supervisor-tui.lock"


class FolderLock:
    """An OS lock (another process) plus a registry of folders held by this process, so a second
    open from the same process is refused the same way."""

    _held_here: set[Path] = set()

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._key = folder.resolve()
        # A descriptor, not a thread-bound lock: the app opens a folder on a worker thread and
        # closes it on another.
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._key in FolderLock._held_here or self._fd is not None:
            raise StoreLockedError(self.folder)
        fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(self.folder) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        FolderLock._held_here.add(self._key)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        FolderLock._held_here.discard(self._key)
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
