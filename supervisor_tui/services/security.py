"""Keys and repairs of an open folder: changing the passphrase, restoring a damaged file."""

from __future__ import annotations

import contextlib
from pathlib import Path

from supervisor_tui.domain.clock import Clock
from supervisor_tui.services.integrity import everyone, put_back_on_purpose
from supervisor_tui.services.workspace import Workspace, open_workspace
from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.folder import SUPERVISEES
from supervisor_tui.store.rekey import RekeyUnfinishedError as RekeyUnfinishedError
from supervisor_tui.store.rekey import change_format
from supervisor_tui.store.repair import Restored, restore_in_folder, restore_open


def change_passphrase(ws: Workspace, current: str | None, new: str) -> None:
    """Re-encrypt every file under `new` (checking `current` first when the folder is
    encrypted); on a plain folder this turns encryption on."""
    if not new:
        raise StoreError("The new passphrase may not be empty.")
    folder = ws.folder
    if current is not None:
        check = crypto.unlock(folder.path, current)
        if not isinstance(folder.fmt, crypto.EncryptedFormat) or \
                check.header != folder.fmt.header:
            raise crypto.WrongPassphraseError()
    change_format(folder, crypto.new_format(new))


def refresh_summaries(ws: Workspace, supervisee_ids: list[str] | None = None) -> None:
    """Work out the stored summaries again from the files as they now are (after a restore
    put an older copy of a file in place, the summary kept in the roster describes another
    version). A person whose file cannot be read keeps what they had: home marks them."""
    people = supervisee_ids if supervisee_ids is not None else [
        p.id for p in ws.records.supervisees(include_archived=True)]
    for sid in people:
        with contextlib.suppress(StoreError):
            ws.records.refresh_summary(sid)


def restore_damaged(ws: Workspace, path: Path) -> Restored:
    """Put the last good backup of a damaged file of the open folder in place, and the
    summary home shows for that person from it. The caller opens the folder again afterwards
    (every file is read from disk anew)."""
    restored = restore_open(ws.records, path)
    if path.parent.name == SUPERVISEES:
        refresh_summaries(ws, [path.stem])
        put_back_on_purpose(ws, [path.stem])
    else:
        refresh_summaries(ws)
        put_back_on_purpose(ws, everyone(ws))
    return restored


def restore_damaged_in_folder(folder: Path, path: Path, fmt: FileFormat,
                              clock: Clock) -> Restored:
    """The same for a folder that could not be opened (its roster was the damaged file): the
    restored roster's summaries are older than the people's files, so all are worked out
    again."""
    restored = restore_in_folder(folder, path, clock(), fmt=fmt)
    with contextlib.suppress(StoreError):
        ws = open_workspace(folder, clock, fmt)
        try:
            refresh_summaries(ws)
            put_back_on_purpose(ws, everyone(ws))
        finally:
            ws.close()
    return restored


def passphrase_opens(ws: Workspace, passphrase: str) -> bool:
    """Whether `passphrase` is the open folder's (unlocking after the idle lock)."""
    fmt = ws.folder.fmt
    if not isinstance(fmt, crypto.EncryptedFormat):
        return True
    try:
        found = crypto.unlock(ws.path, passphrase)
    except crypto.WrongPassphraseError:
        return False
    return found.header == fmt.header
