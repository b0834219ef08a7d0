"""Crash-safe file writes and the TinyDB storage built on them.

A save writes a temp file in the same folder, flushes and fsyncs it, `os.replace`s it over the
target and fsyncs the folder, so at any instant the target is either the old or the new file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import orjson
from tinydb.storages import Storage

from supervisor_tui.store.errors import StoreCorruptError, StoreReadOnlyError, StoreWriteError

FILE_MODE = 0o600
DIR_MODE = 0o700
BACKUPS_KEPT = 3
MAX_FILE_BYTES = 512 * 1024 * 1024


class FileFormat(Protocol):
    """Turns serialized bytes into what lands on disk and back (plain or encrypted)."""

    def seal(self, plaintext: bytes) -> bytes: ...

    def unseal(self, blob: bytes, path: Path) -> bytes: ...


def copy_mark(path: Path) -> str | None:
    """Which copy of the file is on disk now (size, modification and change times, inode: a
    save's rename always changes them); None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino} {st.st_ctime_ns}"


class PlainFormat:
    def seal(self, plaintext: bytes) -> bytes:
        return plaintext

    def unseal(self, blob: bytes, path: Path) -> bytes:
        return blob


def describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or type(exc).__name__


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create a private folder if it is missing, its entry synced in the folder above so it
    is still there after a crash (StoreWriteError if it cannot be made)."""
    if path.is_dir():
        return
    try:
        path.mkdir(mode=DIR_MODE, exist_ok=True)
        fsync_dir(path.parent)
    except OSError as exc:
        raise StoreWriteError(path, describe(exc)) from exc


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Durably replace `path` with `data`; on any failure the old file is untouched.

    The one way every file is written. The temp file beside it has a name nobody can guess
    and is created anew (O_EXCL, mode 0600), so a link or file planted there is never written
    through and never lends its mode to the result. Not `durable` (a cache that can be made
    again), the file is replaced whole but not waited onto the disk."""
    atomic_write_parts(path, (data,), durable)


def atomic_write_parts(path: Path, parts: Iterable[bytes], durable: bool = True) -> None:
    """`atomic_write` of the parts, one after another, as `parts` makes them (a large file
    need not be held whole); an error making a part leaves the old file untouched too."""
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        try:
            os.fchmod(fd, FILE_MODE)
            for part in parts:
                view = memoryview(part)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        if durable:
            fsync_dir(path.parent)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise StoreWriteError(path, describe(exc)) from exc
        raise


def rotate_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Keep the current file as `<name>.bak1` (older ones shift up to `.bak<keep>`).

    A hard link costs nothing: the next `os.replace` leaves the old inode to the backup.
    """
    if not path.exists():
        return
    for n in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.bak{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.bak{n + 1}"))
    newest = path.with_name(f"{path.name}.bak1")
    tmp = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
        os.chmod(tmp, FILE_MODE)
    os.replace(tmp, newest)


def backups_of(path: Path) -> list[Path]:
    """Existing backups of `path`, newest first."""
    found = [path.with_name(f"{path.name}.bak{n}") for n in range(1, BACKUPS_KEPT + 1)]
    return [p for p in found if p.exists()]


def decode_json(raw: bytes, path: Path) -> dict[str, Any]:
    if not raw.strip():
        raise StoreCorruptError(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise StoreCorruptError(path, "not valid JSON; it may be truncated") from None
    if not isinstance(data, dict) or not all(_is_table(v) for v in data.values()):
        raise StoreCorruptError(path, "not a supervisor-tui data file")
    return data


def _is_table(table: Any) -> bool:
    """A TinyDB table: an object of records, each an object under a numeric id."""
    return isinstance(table, dict) and all(
        isinstance(doc, dict) and key.isascii() and key.isdecimal() and len(key) < 19
        for key, doc in table.items()
    )


def read_file(path: Path, fmt: FileFormat) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise StoreCorruptError(path, "it is far larger than any data file can be")
        blob = path.read_bytes()
    except OSError as exc:
        raise StoreCorruptError(path, describe(exc)) from None
    return decode_json(fmt.unseal(blob, path), path)


class AtomicStorage(Storage):
    """TinyDB storage: whole-file atomic writes, write-through in-memory copy, rotated backups.

    The in-memory copy is the single writer's view of the file; it is dropped after a failed
    write so the next read comes from disk again. A file that fails to load is never written.
    """

    def __init__(self, path: Path | str, fmt: FileFormat | None = None, backup: bool = True,
                 read_only: bool = False):
        self.path = Path(path)
        self.fmt = fmt or PlainFormat()
        self.read_only = read_only
        """Opened beside a running app (or in a folder we may not write): never written."""
        self._data: dict[str, Any] | None = None
        self._backup_pending = backup
        self.version = 0
        """Goes up at every write and whenever the copy in memory is dropped: what was worked
        out from this file at the same version still holds."""
        self.mark: str | None = None
        """`copy_mark` of the copy held in memory (None: unknown, or none is held)."""

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            if not self.path.exists():
                return None
            before = copy_mark(self.path)
            self._data = read_file(self.path, self.fmt)
            self.mark = before if copy_mark(self.path) == before else None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self.version += 1
        if self.read_only:
            self._drop()  # TinyDB changed the copy it read in place: read it again
            raise StoreReadOnlyError(self.path)
        if self._data is None and self.path.exists():
            # Never overwrite a file we have not read successfully.
            read_file(self.path, self.fmt)
        try:
            payload = self.fmt.seal(orjson.dumps(data))
            if self._backup_pending:
                try:
                    rotate_backups(self.path)
                except OSError as exc:
                    raise StoreWriteError(self.path, describe(exc)) from exc
                self._backup_pending = False
            atomic_write(self.path, payload)
        except BaseException:
            self._drop()  # the disk is the truth again, whatever reached it
            raise
        self._data = data
        self.mark = copy_mark(self.path)

    def _drop(self) -> None:
        self._data = None
        self.mark = None
        self.version += 1

    def close(self) -> None:
        self._drop()
