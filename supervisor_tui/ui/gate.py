"""Opening the data folder from inside the app: which screen comes first, and the blocking open
that those screens run in a thread worker (the key derivation is slow by design)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.folder import is_new
from supervisor_tui.store.records import Records
from supervisor_tui.store.repair import good_backup
from supervisor_tui.store.service import RecordService, open_service

if TYPE_CHECKING:
    from textual.screen import Screen

    from supervisor_tui.app import SupervisorApp


@dataclass
class Opened:
    """What an attempt to open the folder came to."""

    service: RecordService | None = None
    fmt: FileFormat | None = None
    damaged: StoreCorruptError | None = None
    backup: Path | None = None
    error: str | None = None


def first_screen(app: SupervisorApp) -> Screen:
    from supervisor_tui.ui.screens.unlock import FirstRunScreen, PassphraseScreen, PlainOpenScreen

    path = app.data_dir
    assert path is not None, "an app without a service needs a data folder"
    if crypto.is_encrypted(path):
        return PassphraseScreen(path, attempt=app.scripted_passphrase)
    if is_new(path):
        return FirstRunScreen(path)
    return PlainOpenScreen(path)


def check_every_file(records: Records) -> StoreCorruptError | None:
    """Read every supervisee file once, so damage shows now and not in the middle of a session."""
    folder = records.folder
    for path in folder.data_files()[1:]:
        try:
            folder.check_file(path)
        except StoreCorruptError as exc:
            return exc
    return None


async def check_open_folder(app: SupervisorApp) -> None:
    """Check the folder the app was given open, once home shows: a damaged file is then
    reported now and not in the middle of a session, with the same choices as at opening
    (restore its last good backup, or go on without it)."""
    from supervisor_tui.ui.screens.damaged import DamagedFileScreen
    from supervisor_tui.ui.screens.unlock import PlainOpenScreen

    service = app.service
    damaged = await service.run(check_every_file)
    if damaged is None:
        return
    fmt = service.folder.fmt
    backup = await service.run(lambda records: good_backup(damaged.path, fmt))
    outcome = await app.push_screen_wait(
        DamagedFileScreen(service.path, damaged, backup, fmt, service))
    if outcome == "restored":  # the screen closed the folder: open it again and check it
        app.service = None
        opener = PlainOpenScreen(service.path)
        opener.fmt = fmt
        await app.push_screen(opener)


def open_folder(path: Path, passphrase: str | None = None, fmt: FileFormat | None = None,
                encrypt: bool = False) -> Opened:
    """Blocking: unlock (if encrypted), open and check the folder. Never raises a StoreError."""
    result = Opened(fmt=fmt)
    try:
        if encrypt:
            result.service = open_service(path, passphrase=passphrase, encrypt=crypto.DEFAULT_KDF)
            result.fmt = result.service.folder.fmt
            return result
        if result.fmt is None and crypto.is_encrypted(path):
            if passphrase is None:
                raise crypto.PassphraseRequiredError(path)
            result.fmt = crypto.unlock(path, passphrase)
        result.service = open_service(path, result.fmt)
        result.fmt = result.service.folder.fmt
        result.damaged = result.service.writer.submit(
            check_every_file, result.service.records).result()
    except StoreCorruptError as exc:
        result.damaged = exc
    except StoreError as exc:
        result.error = str(exc)
    if result.damaged is not None:
        result.backup = good_backup(result.damaged.path, result.fmt or _plain())
    return result


def _plain() -> FileFormat:
    from supervisor_tui.store.atomic import PlainFormat

    return PlainFormat()
