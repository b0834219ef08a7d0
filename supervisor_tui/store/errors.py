"""Errors the store raises; each message is safe to show (no record text in it)."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of every storage error; `str()` is a one-line message for the user."""


class StoreCorruptError(StoreError):
    """A data file could not be read; it is left untouched."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Data file {self.path} is damaged ({reason}); it was left untouched.")


class StoreLockedError(StoreError):
    """Another running instance holds the data folder."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        super().__init__(
            f"Another supervisor-tui is already using {self.folder}. "
            "Close it first (only one may write to a data folder at a time)."
        )


class StoreReadOnlyError(StoreError):
    """A write was asked of a folder opened for reading only."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path.name} was opened for reading only; nothing was changed.")


class StoreNotWritableError(StoreError):
    """The folder's permissions or its file system do not let this user write it."""

    def __init__(self, folder: Path | str, reason: str) -> None:
        self.folder = Path(folder)
        self.reason = reason
        super().__init__(f"{self.folder} cannot be written ({reason}).")


class StoreRekeyingError(StoreError):
    """A passphrase change or a restore is under way (or was interrupted) in the folder."""

    def __init__(self, folder: Path | str, what: str = "passphrase change") -> None:
        self.folder = Path(folder)
        super().__init__(
            f"A {what} in {self.folder} is under way or was interrupted. "
            "Wait for it to end (or open the app once to finish it), then try again."
        )


class StoreWriteError(StoreError):
    """A save failed; the previous file is intact and the caller still holds the data."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Could not save {self.path.name}: {reason}")


class SchemaError(StoreError):
    """The data folder was written by a newer or unknown version."""


class NotFoundError(StoreError):
    """No record with that id."""
