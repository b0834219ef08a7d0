"""Opening a data folder: unlock it (if encrypted), open it, and read every file once, so a
damaged file shows at the start and not in the middle of a session. Blocking: the app runs these
in a thread worker (the key derivation is slow by design) or on the writer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from supervisor_tui.domain.clock import Clock
from supervisor_tui.services.service import Service, open_service
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FileFormat, PlainFormat
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.folder import is_new, valid_supervisee_id

__all__ = ["Opened", "check_every_file", "damaged_backup", "folder_state", "open_folder"]


@dataclass
class Opened:
    """What an attempt to open the folder came to."""

    service: Service | None = None
    fmt: FileFormat | None = None
    damaged: StoreCorruptError | None = None
    backup: Path | None = None
    error: str | None = None


def folder_state(path: Path) -> str:
    """`encrypted`, `new` or `plain`: which opening screen the folder needs."""
    if crypto.is_encrypted(path):
        return "encrypted"
    return "new" if is_new(path) else "plain"


def check_every_file(ws: Workspace) -> StoreCorruptError | None:
    """Read every supervisee file once; the first damaged one, if any (every damaged one is
    kept in `ws.damaged`, so home marks them). A decision save that a crash cut off between
    the person's file and the roster, and a group session's save cut off between its
    attendees' files, are finished here (unless the folder is open for reading only)."""
    from supervisor_tui.store.bundle import passing_read  # here: not needed to start

    folder = ws.folder
    first: StoreCorruptError | None = None
    ws.damaged.clear()
    for path in folder.data_files()[1:]:
        try:
            folder.check_file(path)
        except StoreCorruptError as exc:
            ws.damaged[path.stem] = exc.reason
            first = first or exc
            continue
        if valid_supervisee_id(path.stem) and not ws.read_only:
            passing_read(ws.records, path.stem,
                         partial(ws.records.complete_chain_head, path.stem))
            passing_read(ws.records, path.stem,
                         partial(ws.records.complete_group_copies, path.stem))
            passing_read(ws.records, path.stem,
                         partial(ws.records.seals.complete_head, path.stem))
    return first


def damaged_backup(ws: Workspace, damaged: StoreCorruptError) -> Path | None:
    """The newest backup of a damaged file that reads cleanly, if any."""
    from supervisor_tui.store.repair import good_backup  # here: only for a damaged file

    return good_backup(damaged.path, ws.folder.fmt)


def open_folder(path: Path, clock: Clock, passphrase: str | None = None,
                fmt: FileFormat | None = None, encrypt: bool = False) -> Opened:
    """Unlock (if encrypted), open and check the folder. Never raises a StoreError."""
    result = Opened(fmt=fmt)
    try:
        if encrypt:
            result.service = open_service(path, clock, passphrase=passphrase,
                                          encrypt=crypto.DEFAULT_KDF)
            result.fmt = result.service.workspace.folder.fmt
            return result
        if result.fmt is None and crypto.is_encrypted(path):
            if passphrase is None:
                raise crypto.PassphraseRequiredError(path)
            result.fmt = crypto.unlock(path, passphrase)
        result.service = open_service(path, clock, result.fmt, or_read_only=True)
        result.fmt = result.service.workspace.folder.fmt
        result.damaged = result.service.submit(check_every_file).result()
    except StoreCorruptError as exc:
        result.damaged = exc
    except StoreError as exc:
        result.error = str(exc)
    if result.damaged is not None:
        from supervisor_tui.store.repair import good_backup

        result.backup = good_backup(result.damaged.path, result.fmt or PlainFormat())
    return result
