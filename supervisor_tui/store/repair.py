"""Restoring a damaged data file from its last good backup.

The damaged file is kept aside, byte for byte, as `<name>.damaged-<stamp>`; the newest backup
that loads cleanly is copied into place with an atomic write. Nothing is deleted.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FILE_MODE, FileFormat, atomic_write, backups_of, read_file
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.lock import FolderLock

if TYPE_CHECKING:
    from supervisor_tui.store.records import Records


@dataclass(frozen=True)
class Restored:
    path: Path
    backup: Path
    damaged_copy: Path | None


def _loads(path: Path, fmt: FileFormat) -> bool:
    if path.name.startswith(crypto.KEY_CHECK):
        return crypto.key_check_is_sound(path)
    try:
        read_file(path, fmt)
    except StoreError:
        return False
    return True


def good_backup(path: Path, fmt: FileFormat) -> Path | None:
    """The newest backup of `path` that loads cleanly, if any."""
    for candidate in backups_of(path):
        if _loads(candidate, fmt):
            return candidate
    return None


def damaged_name(path: Path, when: datetime) -> Path:
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    return path.with_name(f"{path.name}.damaged-{stamp}")


def restore_file(path: Path, fmt: FileFormat, at: datetime) -> Restored:
    """Put the last good backup of `path` in place, keeping the damaged file aside.

    The caller holds the folder (its lock) and has dropped any in-memory copy of the file.
    """
    path = Path(path)
    backup = good_backup(path, fmt)
    if backup is None:
        raise StoreError(f"There is no good backup of {path.name} to restore.")
    data = backup.read_bytes()
    aside = None
    if path.exists():
        aside = damaged_name(path, at)
        try:
            shutil.copy2(path, aside)
            os.chmod(aside, FILE_MODE)
        except OSError as exc:
            raise StoreError(f"Could not keep a copy of {path.name}: {exc.strerror}") from None
    atomic_write(path, data)
    return Restored(path, backup, aside)


def restore_in_folder(folder_path: Path, path: Path, at: datetime,
                      fmt: FileFormat | None = None,
                      passphrase: str | None = None, only_if_damaged: bool = False) -> Restored:
    """Restore one file of a folder that is not open, holding its lock while doing so.

    An encrypted folder needs the passphrase to check the backups (unless the file is the
    key-check file itself, whose backups are checked by their checksum). `only_if_damaged`
    refuses a file that reads cleanly: its backup would silently roll back later changes.
    """
    folder_path = Path(folder_path)
    path = _inside(folder_path, Path(path))
    lock = FolderLock(folder_path)
    lock.acquire()
    try:
        if fmt is None:
            fmt = _format_for(folder_path, path, passphrase)
        if only_if_damaged and _reads_cleanly(path, fmt):
            raise StoreError(f"{path} reads cleanly: putting a backup in its place would undo "
                             "every change made since. Use --force to do it anyway.")
        return restore_file(path, fmt, at)
    finally:
        lock.release()


def _reads_cleanly(path: Path, fmt: FileFormat) -> bool:
    if path.name.startswith(crypto.KEY_CHECK):
        return crypto.key_check_is_sound(path)
    try:
        read_file(path, fmt)
    except (OSError, StoreError):
        return False
    return True


def _format_for(folder_path: Path, path: Path, passphrase: str | None) -> FileFormat:
    from supervisor_tui.store.atomic import PlainFormat

    if path.name.startswith(crypto.KEY_CHECK) or not crypto.is_encrypted(folder_path):
        return PlainFormat()
    if passphrase is None:
        raise crypto.PassphraseRequiredError(folder_path)
    return crypto.unlock(folder_path, passphrase)


def _inside(folder_path: Path, path: Path) -> Path:
    """`path` as a file of the folder (relative paths are taken from the folder)."""
    full = path if path.is_absolute() else folder_path / path
    if not path.is_absolute() and not full.exists() and path.exists():
        full = path.resolve()
    try:
        full.resolve().relative_to(folder_path.resolve())
    except ValueError:
        raise StoreError(f"{path} is not a file of the data folder {folder_path}.") from None
    if full.name.endswith(".lock") or ".bak" in full.name or ".damaged-" in full.name:
        raise StoreError(f"{full.name} is not a data file.")
    return full


def damaged_file_of(exc: BaseException) -> Path | None:
    """The file a store error is about, when it is a damaged file that a backup could replace."""
    if isinstance(exc, StoreCorruptError) and backups_of(exc.path):
        return exc.path
    return None


def restore_open(records: Records, path: Path) -> Restored:
    """Restore a file of the folder `records` has open (run it on the writer thread)."""
    folder = records.folder
    path = _inside(folder.path, Path(path))
    folder.drop_handles()
    return restore_file(path, folder.fmt, folder.clock())
