"""The open data folder as the use cases see it: its records and the one clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supervisor_tui.domain.clock import Clock
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.crypto import KdfParams
from supervisor_tui.store.errors import StoreNotWritableError
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records


@dataclass
class Workspace:
    """Not thread-safe: the CLI uses it from its one thread, the app from the writer thread."""

    records: Records
    clock: Clock
    damaged: dict[str, str] = field(default_factory=dict)
    """Supervisees whose file was found damaged, and why (kept until it reads again)."""
    changed_outside: list[str] = field(default_factory=list)
    """What the last record check found changed outside the app (see services/integrity)."""
    cannot_write: str | None = None
    """Why the folder was opened for reading only because it cannot be written (else None)."""
    kept: dict[str, Any] = field(default_factory=dict)
    """What a use case keeps from one call to the next, under its own key, with what tells
    whether it still holds (e.g. the last history loaded)."""

    @property
    def folder(self) -> DataFolder:
        return self.records.folder

    @property
    def path(self) -> Path:
        return self.folder.path

    @property
    def encrypted(self) -> bool:
        return self.folder.encrypted

    @property
    def read_only(self) -> bool:
        return self.folder.read_only

    def finished_notice(self) -> str | None:
        """What to tell the user if a passphrase change or restore that was cut off was
        finished when this opened."""
        what = self.folder.finished
        if what is None:
            return None
        return (f"A {what} that was cut off before it ended has been finished now: "
                f"{self.path} holds what it was asked to hold.")

    def close(self) -> None:
        """Release the folder and its lock."""
        self.folder.close()


def open_workspace(path: Path | str, clock: Clock, fmt: FileFormat | None = None, *,
                   passphrase: str | None = None, encrypt: KdfParams | None = None,
                   read_only: bool = False, or_read_only: bool = False) -> Workspace:
    """Open (or create) a data folder and check its roster.

    An encrypted folder needs `passphrase` (the key is derived once, here) or an unlocked `fmt`;
    `encrypt=KdfParams()` with a passphrase creates a new folder encrypted. `read_only` opens
    an existing folder beside a running app, without its lock (see `DataFolder.open_to_read`);
    `or_read_only` opens it so when its permissions or file system refuse writing (the reason
    is kept in `cannot_write`).
    """
    cannot_write: str | None = None
    if read_only:
        folder = DataFolder.open_to_read(path, clock, fmt, passphrase=passphrase)
    else:
        try:
            folder = DataFolder.open(path, clock, fmt, passphrase=passphrase, encrypt=encrypt)
        except StoreNotWritableError as exc:
            if not or_read_only:
                raise
            folder = DataFolder.open_to_read(path, clock, fmt, passphrase=passphrase)
            cannot_write = exc.reason
    try:
        records = Records(folder)
        records.check_roster()  # a damaged roster is refused before anything runs
    except BaseException:
        folder.close()
        raise
    return Workspace(records, clock, cannot_write=cannot_write)
