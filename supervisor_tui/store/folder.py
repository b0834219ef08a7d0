"""A data folder: `roster.json`, one file per supervisee, a lock, backups; modes 0700/0600."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from supervisor_tui.store.atomic import (
    DIR_MODE,
    AtomicStorage,
    FileFormat,
    PlainFormat,
    read_file,
)
from supervisor_tui.store.errors import SchemaError, StoreCorruptError
from supervisor_tui.store.lock import FolderLock

ROSTER = "roster.json"
SUPERVISEES = "supervisees"
_ID = re.compile(r"^[a-z]-[0-9a-f]{6,32}$|^[A-Za-z0-9_-]{1,40}$")


def _make_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)


class DataFolder:
    """Owns the lock and the TinyDB handles of one data folder. Not thread-safe: use one writer."""

    def __init__(self, path: Path, fmt: FileFormat | None = None) -> None:
        self.path = Path(path)
        self.fmt: FileFormat = fmt or PlainFormat()
        self._lock = FolderLock(self.path)
        self._roster: TinyDB | None = None
        self._supervisees: dict[str, TinyDB] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, fmt: FileFormat | None = None,
             migrate_schema: bool = True) -> DataFolder:
        """Lock the folder (creating it if needed), load and check the roster, migrate."""
        from supervisor_tui.store.schema import SCHEMA_VERSION, migrate

        folder = cls(Path(path).expanduser(), fmt)
        _make_dir(folder.path)
        folder._lock.acquire()
        try:
            _make_dir(folder.path / SUPERVISEES)
            folder._remove_stale_temp_files()
            roster = folder.roster  # loads and validates roster.json
            if not roster.tables():  # a new folder; a roster without a version is refused
                roster.table("meta").insert({"schema_version": SCHEMA_VERSION})
            if migrate_schema:
                migrate(folder)
        except BaseException:
            folder.close()
            raise
        return folder

    def close(self) -> None:
        for db in [self._roster, *self._supervisees.values()]:
            if db is not None:
                db.close()
        self._roster = None
        self._supervisees.clear()
        self._lock.release()

    def __enter__(self) -> DataFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_stale_temp_files(self) -> None:
        """A killed save can leave `.name.pid.tmp` behind; the lock proves nobody is using it."""
        for folder in (self.path, self.path / SUPERVISEES):
            for tmp in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()

    # -- files -------------------------------------------------------------------------------
    def _db(self, path: Path) -> TinyDB:
        db = TinyDB(path, storage=AtomicStorage, fmt=self.fmt)
        db.storage.read()  # fail now, with the file's name, if it is damaged
        return db

    @property
    def roster(self) -> TinyDB:
        if self._roster is None:
            self._roster = self._db(self.path / ROSTER)
        return self._roster

    def supervisee_path(self, supervisee_id: str) -> Path:
        if not _ID.match(supervisee_id):
            raise ValueError("not a supervisee id")
        return self.path / SUPERVISEES / f"{supervisee_id}.json"

    def supervisee_db(self, supervisee_id: str) -> TinyDB:
        db = self._supervisees.get(supervisee_id)
        if db is None:
            db = self._db(self.supervisee_path(supervisee_id))
            self._supervisees[supervisee_id] = db
        return db

    def forget(self, supervisee_id: str) -> None:
        """Drop a supervisee's in-memory copy (it is read from disk again when next needed)."""
        db = self._supervisees.pop(supervisee_id, None)
        if db is not None:
            db.close()

    def is_loaded(self, supervisee_id: str) -> bool:
        """Whether this supervisee's file is held in memory now."""
        return supervisee_id in self._supervisees

    def forget_roster(self) -> None:
        """Drop the roster's in-memory copy (it is read from disk again when next needed)."""
        if self._roster is not None:
            self._roster.close()
            self._roster = None

    def data_files(self) -> list[Path]:
        return [self.path / ROSTER, *sorted((self.path / SUPERVISEES).glob("*.json"))]

    def check_file(self, path: Path) -> dict[str, Any]:
        """Read and validate one data file without keeping it."""
        return read_file(path, self.fmt)

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        meta = self.roster.table("meta").all()
        version = meta[0].get("schema_version") if meta else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SchemaError(f"{self.path / ROSTER} has no valid schema version.")
        return version

    def set_schema_version(self, version: int) -> None:
        meta = self.roster.table("meta")
        if meta.all():
            meta.update({"schema_version": version})
        else:
            meta.insert({"schema_version": version})


__all__ = ["DataFolder", "StoreCorruptError"]
