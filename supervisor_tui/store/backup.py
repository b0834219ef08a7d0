"""Backup and restore of a whole data folder as one schema-versioned JSON file.

The backup holds every data file's TinyDB content exactly as stored. Its bytes go through a
FileFormat, so an encrypted folder's backup can be sealed the same way as its files. Restore reads
and validates everything before it writes anything, copies any data it replaces into `backups/`
first, and replaces every file as one step sealed with the folder's own format (and so its own
encryption).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from supervisor_tui.domain.codec import DecodeError, from_dict
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.store import crypto, switch
from supervisor_tui.store.atomic import (
    FileFormat,
    PlainFormat,
    atomic_write,
    atomic_write_parts,
)
from supervisor_tui.store.bundle import Progress, passing_read
from supervisor_tui.store.derived import remove_index
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.folder import ROSTER, SUPERVISEES, DataFolder, valid_supervisee_id
from supervisor_tui.store.history_file import all_part_paths
from supervisor_tui.store.records import ROSTER_TABLES, Records, history_tables
from supervisor_tui.store.schema import SCHEMA_VERSION, backup_folder, migrate

MAGIC = "supervisor-tui-backup"
BACKUP_VERSION = 1
_SUPERVISEE_FILE = re.compile(rf"^{SUPERVISEES}/(?P<id>[A-Za-z0-9_-]{{1,40}})\.json$")


class BackupError(StoreError):
    """A backup file that cannot be restored; nothing was written."""


class ExistingDataError(StoreError):
    """Restore would replace data already in the folder."""


def create_backup(records: Records, target: Path, created_at: datetime,
                  fmt: FileFormat | None = None, progress: Progress | None = None,
                  skipped: list[Path] | None = None) -> int:
    """Write every data file of the folder into `target`; returns the number of files.

    A damaged supervisee file stops the backup (StoreCorruptError naming it), unless
    `skipped` is given: then it is left out and listed there."""
    folder = records.folder
    people = records.supervisees(include_archived=True)
    paths = sorted((folder.path / SUPERVISEES).glob("*.json"))
    head = orjson.dumps({"format": MAGIC, "backup_version": BACKUP_VERSION,
                         "schema_version": folder.schema_version(),
                         "created_at": created_at.isoformat(), "supervisees": len(people)})
    count = 0

    def stored(sid: str) -> bytes:
        return orjson.dumps(folder.supervisee_db(sid).storage.read() or {})

    def parts() -> Iterator[bytes]:
        """The backup's JSON, one file at a time, each read, serialized and let go. Key order
        is kept: a table's row order is its log order (the decision hash chain)."""
        nonlocal count
        yield head[:-1] + b',"files":{' + orjson.dumps(ROSTER) + b":"
        yield orjson.dumps(folder.roster.storage.read() or {})
        count = 1
        for n, path in enumerate(paths, start=1):
            try:
                blob = passing_read(records, path.stem, partial(stored, path.stem))
            except StoreCorruptError:
                if skipped is None:
                    raise
                skipped.append(path)
            else:
                yield b"," + orjson.dumps(f"{SUPERVISEES}/{path.name}") + b":"
                yield blob
                count += 1
            if progress is not None:
                progress(n, len(paths))
        yield b"}}"

    target = Path(target)
    if fmt is None or isinstance(fmt, PlainFormat):  # written as made: one file held at a time
        atomic_write_parts(target, parts())
    else:  # sealed whole (one authenticated encryption of the whole backup)
        atomic_write(target, fmt.seal(b"".join(parts())))
    return count


def read_backup(path: Path, fmt: FileFormat | None = None) -> dict[str, Any]:
    """Read and validate a backup file completely; raises BackupError naming the problem."""
    path = Path(path)
    blob = _read_bytes(path)
    try:
        plain = (fmt or PlainFormat()).unseal(blob, path)
    except StoreCorruptError as exc:
        raise BackupError(f"{path} cannot be opened: {exc.reason}.") from None
    return _parse(path, plain)


def open_backup(path: Path, folder_fmt: FileFormat | None,
                passphrase: Callable[[], str]) -> tuple[dict[str, Any], FileFormat]:
    """Read and validate a backup, plain or encrypted, wherever it is restored.

    An encrypted backup carries its own salt and key-derivation cost (its header): it opens with
    the passphrase that was in force when it was made, asked for by `passphrase()` unless the
    folder's key is that very key. Returns the backup and the format it was sealed in (a new
    folder is created under that same key)."""
    path = Path(path)
    blob = _read_bytes(path)
    if not blob.startswith(crypto.MAGIC):
        return _parse(path, blob), PlainFormat()
    try:
        header, _ = crypto.Header.parse(blob, path)
    except StoreCorruptError as exc:
        raise BackupError(f"{path} cannot be opened: {exc.reason}.") from None
    if isinstance(folder_fmt, crypto.EncryptedFormat) and folder_fmt.header == header:
        fmt = folder_fmt
    else:
        fmt = crypto.EncryptedFormat(crypto.derive_key(passphrase(), header), header)
    try:
        plain = fmt.unseal(blob, path)
    except StoreCorruptError:
        raise BackupError(f"That passphrase does not open {path}: it opens with the passphrase "
                          "that was in force when the backup was made (or the file is "
                          "damaged).") from None
    return _parse(path, plain), fmt


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror or exc}") from None


def _parse(path: Path, plain: bytes) -> dict[str, Any]:
    try:
        doc = orjson.loads(plain)
    except orjson.JSONDecodeError:
        raise BackupError(f"{path} is not a supervisor-tui backup (not valid JSON; it may be "
                          "truncated).") from None
    if not isinstance(doc, dict) or doc.get("format") != MAGIC:
        raise BackupError(f"{path} is not a supervisor-tui backup.")
    if doc.get("backup_version") != BACKUP_VERSION:
        raise BackupError(f"{path} has backup format {doc.get('backup_version')!r}; this "
                          f"version reads format {BACKUP_VERSION}.")
    schema = doc.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise BackupError(f"{path} has no valid schema version.")
    if schema > SCHEMA_VERSION:
        raise BackupError(f"{path} was written by a newer supervisor-tui (schema {schema}; "
                          f"this version reads up to {SCHEMA_VERSION}).")
    files = doc.get("files")
    if not isinstance(files, dict) or ROSTER not in files:
        raise BackupError(f"{path} holds no roster.")
    for name, content in files.items():
        _check_file(path, name, content)
    _check_people(path, files)
    return doc


def _check_people(path: Path, files: dict[str, Any]) -> None:
    """The backup as a whole follows the app's rules: each person has a valid, unique id (each
    row's own fields were checked by `_check_file`), and every history file belongs to someone
    on the roster."""
    rows = (files[ROSTER].get("supervisees") or {}).values()
    ids: set[str] = set()
    for row in rows:
        sid = row.get("id")
        if not isinstance(sid, str) or not valid_supervisee_id(sid):
            raise BackupError(f"{path}: a supervisee's id {str(sid)[:40]!r} is not valid.")
        if sid in ids:
            raise BackupError(f"{path}: two supervisees share the id {sid}.")
        ids.add(sid)
    for name in files:
        found = _SUPERVISEE_FILE.match(name)
        if found is not None and found["id"] not in ids:
            raise BackupError(f"{path}: {name} belongs to nobody on the roster.")


def _check_file(path: Path, name: str, content: Any) -> None:
    if name == ROSTER:
        tables: Mapping[str, type] = ROSTER_TABLES
    elif _SUPERVISEE_FILE.match(name):
        tables = history_tables()
    else:
        raise BackupError(f"{path}: unexpected entry {name!r}.")
    if not isinstance(content, dict) or not all(isinstance(t, dict) for t in content.values()):
        raise BackupError(f"{path}: {name} is not a data file.")
    for table, rows in content.items():
        if not all(isinstance(row, dict) for row in rows.values()):
            raise BackupError(f"{path}: {name}, table {table} has a damaged row.")
        cls = tables.get(table)
        if cls is None:
            continue
        for row in rows.values():
            try:
                _follows_the_rules(from_dict(cls, row))
            except (DecodeError, ValidationError) as exc:
                raise BackupError(f"{path}: {name}, table {table}: {exc}") from None


def _follows_the_rules(value: object) -> None:
    """The checks the app's forms make (`validate`: no control character in a one-line field,
    lengths, ranges), on a row and on every record nested in it."""
    check = getattr(value, "validate", None)
    if callable(check):
        check()
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            inner = getattr(value, f.name)
            for item in inner if isinstance(inner, list) else [inner]:
                if dataclasses.is_dataclass(item):
                    _follows_the_rules(item)


def folder_has_data(folder: DataFolder) -> bool:
    roster = folder.roster.storage.read() or {}
    people = roster.get("supervisees") or {}
    return bool(people) or any((folder.path / SUPERVISEES).glob("*.json"))


def restore_backup(folder: DataFolder, doc: dict[str, Any], force: bool = False,
                   progress: Progress | None = None) -> Path | None:
    """Replace the folder's data with a backup read by `read_backup`, as one step.

    Refuses a folder that holds data unless `force`; then the old data is first copied into
    `backups/pre-restore-<stamp>/` (returned). Every file is staged before any is replaced (see
    `switch`): a restore that fails or is killed while staging changes nothing, one cut off
    after is finished at the next open. Files the backup lacks are removed.
    """
    saved: Path | None = None
    if folder_has_data(folder):
        if not force:
            raise ExistingDataError(
                f"{folder.path} already holds records; restore with --force to replace them "
                "(they are copied into its backups folder first).")
        saved = backup_folder(folder.path, "pre-restore", folder.clock())
    files: dict[str, Any] = doc["files"]
    names = sorted(name for name in files if name != ROSTER)
    stale = [old for old in sorted((folder.path / SUPERVISEES).glob("*.json"))
             if f"{SUPERVISEES}/{old.name}" not in files]
    stale += all_part_paths(folder.path / SUPERVISEES)  # a backup holds each log whole
    remove_index(folder.path)
    folder.drop_handles()
    staged: list[Path] = []
    try:
        for n, name in enumerate(names, start=1):
            target = folder.supervisee_path(Path(name).stem)
            switch.stage(target, folder.fmt.seal(orjson.dumps(files[name])))
            staged.append(target)
            if progress is not None:
                progress(n, len(names))
        switch.stage(folder.path / ROSTER, folder.fmt.seal(orjson.dumps(files[ROSTER])))
        staged.append(folder.path / ROSTER)
        switch.commit(folder.path, switch.RESTORE, staged, stale)
    except BaseException as exc:
        switch.discard_staged(folder.path)
        if saved is not None:
            shutil.rmtree(saved, ignore_errors=True)
        if isinstance(exc, StoreError | OSError):
            raise StoreError(f"The restore failed ({getattr(exc, 'strerror', None) or exc}); "
                             f"nothing in {folder.path} was changed.") from exc
        raise
    try:
        switch.finish(folder.path)
    except (OSError, StoreError) as exc:
        raise StoreError(
            f"The restore is made, but some files could not be put in place yet "
            f"({getattr(exc, 'strerror', None) or exc}). Open the folder again to finish it."
        ) from exc
    migrate(folder)
    return saved
