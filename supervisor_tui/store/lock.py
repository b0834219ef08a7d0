"""One running instance per data folder, held by a lock on a separate file.

Locking a data file itself would not survive `os.replace` (the lock stays on the old inode).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from supervisor_tui.store.errors import StoreLockedError

LOCK_NAME = ".supervisor-tui.lock"


class FolderLock:
    """An OS lock (another process) plus a registry of folders held by this process, since
    POSIX record locks do not exclude a second open from the same process."""

    _held_here: set[Path] = set()

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._key = folder.resolve()
        # not thread-local: the app opens a folder on a worker thread and closes it on another
        self._lock = FileLock(str(folder / LOCK_NAME), timeout=0, mode=0o600,
                              is_singleton=False, thread_local=False)

    def acquire(self) -> None:
        if self._key in FolderLock._held_here:
            raise StoreLockedError(self.folder)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise StoreLockedError(self.folder) from None
        FolderLock._held_here.add(self._key)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
            FolderLock._held_here.discard(self._key)

    @property
    def held(self) -> bool:
        return self._lock.is_locked
