"""Keeping a whole folder safe, as the command line asks it: backing it up, restoring it,
verifying it, changing or removing its passphrase, repairing a damaged file, and writing a
private file. Each is one call on a `Workspace` (or a folder's path), so the commands hold no
storage code of their own."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from supervisor_tui.services.integrity import everyone, put_back_on_purpose
from supervisor_tui.services.workspace import Workspace, open_workspace
from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FileFormat, atomic_write
from supervisor_tui.store.backup import create_backup, open_backup, restore_backup
from supervisor_tui.store.bundle import Progress
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.folder import ROSTER, SUPERVISEES, is_new
from supervisor_tui.store.rekey import change_passphrase
from supervisor_tui.store.repair import Restored, damaged_file_of, restore_in_folder
from supervisor_tui.store.verify import ChainReport, verify_all

__all__ = ["Restored", "back_up", "damaged_file_of", "holds_data", "is_encrypted", "is_new",
           "new_folder_kdf", "read_backup_file", "repair_file", "restore_from",
           "set_passphrase", "verify_folder", "write_private"]


def new_folder_kdf() -> crypto.KdfParams:
    """The cost of deriving a new folder's key from its passphrase."""
    return crypto.DEFAULT_KDF


def is_encrypted(path: Path) -> bool:
    return crypto.is_encrypted(path)


def holds_data(path: Path) -> bool:
    """Whether `path` is a data folder (plain or encrypted) that holds a roster."""
    return (path / ROSTER).exists()


def back_up(ws: Workspace, target: Path, progress: Progress | None = None,
            skipped: list[Path] | None = None) -> int:
    """The whole folder into `target`, sealed as the folder is; the number of files. With
    `skipped` (a list), damaged files are left out and named there instead of stopping it."""
    return create_backup(ws.records, target, ws.clock(), ws.folder.fmt, progress, skipped)


def read_backup_file(path: Path, ws: Workspace | None,
                     passphrase: Callable[[], str]) -> tuple[dict[str, Any], FileFormat]:
    """A backup read and checked whole, and the format it was sealed in; `passphrase()` is
    asked only when the folder's own key does not open it."""
    return open_backup(path, ws.folder.fmt if ws is not None else None, passphrase)


def restore_from(ws: Workspace, doc: dict[str, Any], force: bool,
                 progress: Progress | None = None) -> Path | None:
    """Replace the folder's data with the backup (see `store.backup.restore_backup`); where
    the records it replaced were copied, if any."""
    epoch_was = ws.records.seals.epoch()
    saved = restore_backup(ws.folder, doc, force, progress)
    put_back_on_purpose(ws, [], epoch_was)
    return saved


def verify_folder(ws: Workspace, progress: Progress | None = None) -> list[ChainReport]:
    return verify_all(ws.records, progress)


def set_passphrase(ws: Workspace, new: str | None) -> list[Path]:
    """A new passphrase for the open folder (None removes it); unreadable spares left alone."""
    return change_passphrase(ws.folder, new)


def repair_file(folder: Path, target: Path, at: datetime, passphrase: Callable[[], str],
                only_if_damaged: bool) -> Restored:
    """Put the last good backup of one file of a folder in place, the damaged one kept beside
    it; the passphrase is asked only for an encrypted folder's data file."""
    given = None
    if crypto.is_encrypted(folder) and not target.name.startswith(crypto.KEY_CHECK):
        given = passphrase()
    restored = restore_in_folder(folder, target, at, passphrase=given,
                                 only_if_damaged=only_if_damaged)
    if target.name.endswith(".json"):
        with contextlib.suppress(StoreError):
            ws = open_workspace(folder, lambda: at, passphrase=given)
            try:
                put_back_on_purpose(ws, [target.stem] if target.parent.name == SUPERVISEES
                                    else everyone(ws))
            finally:
                ws.close()
    return restored


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole (or not at all), readable by its owner only."""
    atomic_write(path, data)
