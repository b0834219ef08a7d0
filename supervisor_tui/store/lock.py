"""One running instance per data folder, held by an OS lock on a separate file.

Locking a data file itself would not survive `os.replace` (the lock stays on the old inode).
The lock is `flock` on `.supervisor-tui.lock`: it belongs to the open file, so the OS drops it
when the process ends, however it ends. The folder itself is locked the same way too, so
deleting the lock file while the app runs does not let a second writer in. (The filelock
package did the same on POSIX, but took about 9 ms to import, on the path to the first frame.)
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
        self._dir_fd: int | None = None

    def acquire(self) -> None:
        if self._key in FolderLock._held_here or self._fd is not None:
            raise StoreLockedError(self.folder)
        held: list[int] = []
        try:
            for path, flags in ((self.folder, os.O_RDONLY),
                                (self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT)):
                fd = os.open(path, flags, 0o600)
                held.append(fd)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException as exc:
            for fd in held:
                os.close(fd)
            if isinstance(exc, BlockingIOError):
                raise StoreLockedError(self.folder) from None
            raise
        self._fd, self._dir_fd = held[1], held[0]
        FolderLock._held_here.add(self._key)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        FolderLock._held_here.discard(self._key)
        for held in (fd, self._dir_fd):
            if held is None:
                continue
            try:
                fcntl.flock(held, fcntl.LOCK_UN)
            finally:
                os.close(held)
        self._dir_fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
