"""A data folder: `roster.json`, one file per supervisee, a lock, backups; modes 0700/0600."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from supervisor_tui.domain.clock import Clock
from supervisor_tui.store import crypto, switch
from supervisor_tui.store.atomic import (
    DIR_MODE,
    AtomicStorage,
    FileFormat,
    PlainFormat,
    describe,
    read_file,
)
from supervisor_tui.store.crypto import KdfParams
from supervisor_tui.store.errors import (
    SchemaError,
    StoreCorruptError,
    StoreError,
    StoreNotWritableError,
    StoreRekeyingError,
)
from supervisor_tui.store.history_file import PARTS, HistoryStorage, read_parts
from supervisor_tui.store.lock import FolderLock

ROSTER = "roster.json"
SUPERVISEES = "supervisees"
INDEX = "index"
"""The search index kept between runs (see `derived`)."""
DRAFTS = "drafts"
"""Half-written form entries (see `drafts`)."""
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)
_ID = re.compile(r"^[a-z]-[0-9a-f]{6,32}$|^[A-Za-z0-9_-]{1,40}$")


def expand_home(path: str | Path) -> Path:
    """`~` or `~user` expanded as a shell does; `~name` of no known user is left as written
    (the same rule as `supervisor_tui.paths.expand_home`, which the store may not import)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def is_new(path: Path) -> bool:
    """No data folder here yet (neither a plain roster nor an encrypted folder's key check)."""
    return not (path / ROSTER).exists() and not crypto.is_encrypted(path)


def valid_supervisee_id(supervisee_id: str) -> bool:
    """Whether an id can name a supervisee's file (a stored one that cannot is damage)."""
    return bool(_ID.match(supervisee_id))


def _make_dir(path: Path, new: bool = True) -> None:
    """Create a private folder, or make private one that holds no data yet; a folder that
    holds data keeps the mode its owner gave it (never changed behind their back)."""
    if path.is_dir() and not new:
        return
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)  # mkdir's mode is narrowed by the umask, never widened


class DataFolder:
    """Owns the lock and the TinyDB handles of one data folder. Not thread-safe: use one writer."""

    def __init__(self, path: Path, clock: Clock, fmt: FileFormat | None = None,
                 read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.clock = clock
        """Dates the copies the folder keeps of itself (before a migration or a restore)."""
        self.fmt: FileFormat = fmt or PlainFormat()
        self._lock = FolderLock(self.path)
        self._roster: TinyDB | None = None
        self._supervisees: dict[str, TinyDB] = {}
        self.finished: str | None = None
        """A switch (passphrase change or restore) cut off earlier and finished at this open."""

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, clock: Clock, fmt: FileFormat | None = None,
             migrate_schema: bool = True, passphrase: str | None = None,
             encrypt: KdfParams | None = None) -> DataFolder:
        """Lock the folder (creating it if needed), load and check the roster, migrate.

        An encrypted folder needs `passphrase` (or an unlocked `fmt`); `encrypt` (the KDF cost)
        with a passphrase makes a new folder encrypted.
        """
        from supervisor_tui.store.schema import SCHEMA_VERSION, migrate

        folder = cls(expand_home(path), clock, fmt)
        try:
            _make_dir(folder.path, new=is_new(folder.path))
            if not os.access(folder.path, os.W_OK):
                read_only_disk = os.statvfs(folder.path).f_flag & os.ST_RDONLY
                raise OSError(errno.EROFS if read_only_disk else errno.EACCES, "not writable")
            folder._lock.acquire()
        except OSError as exc:
            if exc.errno in _NOT_WRITABLE:
                raise StoreNotWritableError(folder.path, describe(exc)) from None
            raise
        try:
            folder.finished = folder._finish_switch(fmt, passphrase)
            if folder.finished == switch.PASSPHRASE_REMOVAL:  # the folder is plain now
                fmt, passphrase = None, None
            folder.fmt = folder._choose_format(fmt, passphrase, encrypt)
            _make_dir(folder.path / SUPERVISEES, new=not (folder.path / SUPERVISEES).is_dir())
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

    @classmethod
    def open_to_read(cls, path: Path | str, clock: Clock, fmt: FileFormat | None = None,
                     passphrase: str | None = None) -> DataFolder:
        """Open an existing folder for reading only, beside a running app or in a folder we
        may not write: no lock, nothing created, moved, tidied or migrated; any write raises
        StoreReadOnlyError. Each file is replaced whole by its writer, so every file read is
        a whole, saved version of it."""
        from supervisor_tui.store.schema import SCHEMA_VERSION

        folder = cls(expand_home(path), clock, fmt, read_only=True)
        folder.finished = folder._finish_cut_off_switch(fmt, passphrase)
        if folder.finished == switch.PASSPHRASE_REMOVAL:  # the folder is plain now
            fmt, passphrase = None, None
        try:
            folder.fmt = folder._choose_format(fmt, passphrase, None)
            if not (folder.path / ROSTER).exists():
                raise StoreError(f"{folder.path} holds no supervisor-tui data (no {ROSTER}).")
            version = folder.schema_version()
            if version != SCHEMA_VERSION:
                raise SchemaError(
                    f"The data in {folder.path} is in schema {version}; this version reads "
                    f"schema {SCHEMA_VERSION}. Open it in the app once to bring it up to date."
                )
        except BaseException:
            folder.close()
            raise
        return folder

    def _finish_switch(self, fmt: FileFormat | None, passphrase: str | None) -> str | None:
        """Finish a switch whose journal is on disk, or drop a staging that never got one (see
        `switch.finish`); a passphrase removal needs the old key to decrypt what is left."""
        key = None
        if switch.under_way(self.path) == switch.PASSPHRASE_REMOVAL:
            key = self._choose_format(fmt, passphrase, None)
        return switch.finish(self.path, key)

    def _finish_cut_off_switch(self, fmt: FileFormat | None,
                               passphrase: str | None) -> str | None:
        """A passphrase change or restore whose journal is on disk while nobody holds the lock
        was cut off: finish it (briefly taking the lock) rather than read a half-switched
        folder. One under way in another process, or one this folder's permissions do not let
        us finish, is refused with a message saying what to do."""
        what = switch.under_way(self.path)
        if what is None:
            return None
        try:
            self._lock.acquire()
        except (StoreError, OSError):
            raise StoreRekeyingError(self.path, what) from None
        try:
            return self._finish_switch(fmt, passphrase)
        except (crypto.PassphraseRequiredError, crypto.WrongPassphraseError):
            raise
        except (StoreError, OSError):
            raise StoreRekeyingError(self.path, what) from None
        finally:
            self._lock.release()

    def _choose_format(self, fmt: FileFormat | None, passphrase: str | None,
                       encrypt: KdfParams | None) -> FileFormat:
        """The format for this folder, checked against its key-check file (under the lock)."""
        if crypto.is_encrypted(self.path):
            if isinstance(fmt, crypto.EncryptedFormat):
                check = crypto.key_check_path(self.path)
                if not check.exists():
                    raise StoreCorruptError(check, "the key-check file is missing")
                if not fmt.matches(check.read_bytes(), check):
                    raise crypto.WrongPassphraseError()
                return fmt
            if passphrase is None:
                raise crypto.PassphraseRequiredError(self.path)
            return crypto.unlock(self.path, passphrase)
        if encrypt is not None or isinstance(fmt, crypto.EncryptedFormat):
            if (self.path / ROSTER).exists():
                raise StoreError(
                    f"{self.path} already holds unencrypted records; "
                    "use `supervisor-tui passphrase` to encrypt them."
                )
            if not isinstance(fmt, crypto.EncryptedFormat):
                if not passphrase:
                    raise StoreError("A passphrase is needed to create an encrypted folder.")
                fmt = crypto.new_format(passphrase, encrypt)
            crypto.write_key_check(self.path, fmt)
            return fmt
        return fmt or PlainFormat()

    @property
    def encrypted(self) -> bool:
        return isinstance(self.fmt, crypto.EncryptedFormat)

    def drop_handles(self) -> None:
        """Forget every in-memory copy; files are read from disk again when next needed."""
        for db in [self._roster, *self._supervisees.values()]:
            if db is not None:
                db.close()
        self._roster = None
        self._supervisees.clear()

    def close(self) -> None:
        self.drop_handles()
        self._lock.release()

    def __enter__(self) -> DataFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_stale_temp_files(self) -> None:
        """A killed save can leave `.name.<random>.tmp` behind (in backups/ and the search
        index too, from a copy or a passphrase change); the lock proves nobody is using it."""
        found = [*self.path.glob(".*.tmp"), *(self.path / SUPERVISEES).glob(".*.tmp"),
                 *(self.path / SUPERVISEES / PARTS).glob(".*.tmp"),
                 *(self.path / INDEX).glob(".*.tmp"), *(self.path / DRAFTS).glob(".*.tmp")]
        if (self.path / "backups").is_dir():
            found += (self.path / "backups").rglob(".*.tmp")
        for tmp in found:
            with contextlib.suppress(OSError):
                tmp.unlink()

    # -- files -------------------------------------------------------------------------------
    def _db(self, path: Path, storage: type[AtomicStorage] = AtomicStorage) -> TinyDB:
        db = TinyDB(path, storage=storage, fmt=self.fmt, read_only=self.read_only)
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
            db = self._db(self.supervisee_path(supervisee_id), HistoryStorage)
            self._supervisees[supervisee_id] = db
        return db

    def held_version(self, supervisee_id: str) -> tuple[object, object]:
        """Which copy of this supervisee's file is held: the same value later means it was
        neither written nor read again in between."""
        storage = self.supervisee_db(supervisee_id).storage
        return storage, getattr(storage, "version", None)

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
        """Read and validate one data file without keeping it (a supervisee's file with the
        older parts of their decisions log: a damaged part is their file damaged)."""
        data = read_file(path, self.fmt)
        if path.parent == self.path / SUPERVISEES:
            read_parts(path, self.fmt)  # as a read of the history checks them
        return data

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
