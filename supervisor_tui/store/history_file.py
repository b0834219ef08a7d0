"""A supervisee's history file, kept so that a save costs the same at any length of history.

Decisions are only ever appended, so all but the newest of a person's decisions log are put
in files of `CHUNK` rows under `supervisees/decisions/`, written once, and the rest of the
history stays in `supervisees/<id>.json`. TinyDB and everything above it see one file: `read`
joins the parts, `write` writes what changed (usually only `<id>.json`).

A part is written before the rows it takes over leave `<id>.json`, so a save cut off between
the two leaves those rows in both; they are the same rows under the same keys and are read
once. A row of a written part counts as unchanged while it is the very object last read or
written (TinyDB rebuilds its tables around the same row objects); a change to the older
decisions (a re-seal) is made on copies, and then rewrites the parts it touches.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from supervisor_tui.store.atomic import (
    AtomicStorage,
    FileFormat,
    atomic_write,
    make_private_dir,
    read_file,
)
from supervisor_tui.store.errors import StoreCorruptError

PARTS = "decisions"
"""The folder, beside the supervisee files, of the written-once parts of decisions logs."""
TABLE = "decisions"
CHUNK = 500
"""Decisions in one part (about 350 KB)."""
KEEP = 500
"""The newest decisions always stay in `<id>.json`: a save undone (only ever the newest
decision) never touches a part."""
_PART = re.compile(r"^(?P<id>[A-Za-z0-9_-]{1,40})\.(?P<n>[0-9]{4,9})\.json$")


@dataclass(frozen=True)
class Part:
    """One part file of a history: its path, its row keys and its rows."""

    path: Path
    keys: list[str]
    rows: list[Any]


def parts_folder(supervisee_file: Path) -> Path:
    return supervisee_file.parent / PARTS


def part_paths(supervisee_file: Path) -> list[Path]:
    """The parts of one supervisee's decisions log, oldest first."""
    where = parts_folder(supervisee_file)
    if not where.is_dir():
        return []
    found = []
    for path in where.glob(f"{supervisee_file.stem}.*.json"):
        match = _PART.match(path.name)
        if match and match["id"] == supervisee_file.stem:
            found.append((int(match["n"]), path))
    return [path for _, path in sorted(found)]


def all_part_paths(supervisees: Path) -> list[Path]:
    """Every part of every decisions log in a folder's `supervisees/` (for whole-folder work:
    a passphrase change, a restore, a copy before a migration)."""
    where = supervisees / PARTS
    if not where.is_dir():
        return []
    return sorted(p for p in where.glob("*.json") if _PART.match(p.name))


class HistoryStorage(AtomicStorage):
    """TinyDB storage of one supervisee's history: `<id>.json` and its decisions log's parts."""

    def __init__(self, path: Path | str, fmt: FileFormat | None = None, backup: bool = True,
                 read_only: bool = False):
        super().__init__(path, fmt, backup, read_only)
        self._parts: list[Part] = []
        self._held: tuple[list[str], list[Any]] = ([], [])
        """The keys and rows of every part, in order (compared at each write)."""
        self._written: tuple[object, int] = (None, 0)
        """The log's rows as last written (the object, and how many). TinyDB replaces a
        table's rows with a new object at every change it makes to the table; the same object
        again, no shorter, has only been appended to (see `decision_log._append`)."""

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            loaded = self._load()
            if loaded is None:
                return None
            self._data = loaded[0]
            self._keep(loaded[1])
        return self._data

    def _keep(self, parts: list[Part]) -> None:
        if parts is self._parts:
            return
        self._parts = parts
        self._held = ([k for p in parts for k in p.keys], [r for p in parts for r in p.rows])

    def _load(self) -> tuple[dict[str, Any], list[Part]] | None:
        # The person's file first, then the parts: a reader beside the writer that sees the
        # file after rows left it also finds the part they went to (written before it).
        exists = self.path.exists()
        data = read_file(self.path, self.fmt) if exists else {}
        paths = part_paths(self.path)
        if not paths and not exists:
            return None
        parts: list[Part] = []
        joined: dict[str, Any] = {}
        for path in paths:
            doc = read_file(path, self.fmt)
            if set(doc) - {TABLE}:
                raise StoreCorruptError(path, "a part of a decisions log holds other records")
            rows = doc.get(TABLE) or {}
            parts.append(Part(path, list(rows), list(rows.values())))
            joined.update(rows)
        if parts:
            # Rows a cut-off save left in both places are read once, where the part has them.
            joined.update((k, v) for k, v in (data.get(TABLE) or {}).items() if k not in joined)
            data[TABLE] = joined
        return data, parts

    def write(self, data: dict[str, Any]) -> None:
        if self._data is None and not self.read_only:
            self.read()  # never overwrite what was not read whole; and learn its parts
        if self.read_only:
            super().write(data)  # refused
            return
        rows = data.get(TABLE) or {}
        try:
            parts, rest = self._write_parts(rows)
            main = {**data, TABLE: rest} if TABLE in data else data
            super().write(main)
        except BaseException:
            self._drop()
            raise
        self._data = data
        self._keep(parts)
        self._written = (rows, len(rows))

    def _drop(self) -> None:
        super()._drop()
        self._keep([])
        self._written = (None, 0)

    def _write_parts(self, rows: dict[str, Any]) -> tuple[list[Part], dict[str, Any]]:
        """Write the parts that changed and any new one; the parts now, and the rows that stay
        in `<id>.json`."""
        parts = self._parts
        held = len(self._held[0])
        appended = rows is self._written[0] and len(rows) >= self._written[1]
        if not appended and not self._unchanged(rows, held):
            parts, held = self._rewrite_changed(rows), -1
        if held < 0:  # some were rewritten: what stays is what no part holds
            kept = {k for p in parts for k in p.keys}
            rest = {k: v for k, v in rows.items() if k not in kept}
        else:
            rest = dict(islice(rows.items(), held, None))
        while len(rest) >= CHUNK + KEEP:
            taken = dict(islice(rest.items(), CHUNK))
            parts = [*parts, self._put(self._next_path(parts), taken)]
            rest = dict(islice(rest.items(), CHUNK, None))
        return parts, rest

    def _unchanged(self, rows: dict[str, Any], held: int) -> bool:
        """Whether the first rows are those of the parts, in order, as the same objects."""
        if not held:
            return True
        keys, objects = self._held
        if list(islice(rows, held)) != keys:
            return False
        return all(map(operator.is_, islice(rows.values(), held), objects))

    def _rewrite_changed(self, rows: dict[str, Any]) -> list[Part]:
        """Each part keeps the keys it was written with (less any removed): rewrite those
        whose rows are no longer the ones written."""
        parts = []
        for part in self._parts:
            now = {k: rows[k] for k in part.keys if k in rows}
            if list(now) == part.keys and all(map(operator.is_, now.values(), part.rows)):
                parts.append(part)
            else:
                parts.append(self._put(part.path, now))
        return parts

    def _next_path(self, parts: list[Part]) -> Path:
        numbers = [int(m["n"]) for p in parts if (m := _PART.match(p.path.name))]
        n = max(numbers, default=0) + 1
        return parts_folder(self.path) / f"{self.path.stem}.{n:04d}.json"

    def _put(self, path: Path, rows: dict[str, Any]) -> Part:
        make_private_dir(path.parent)
        atomic_write(path, self.fmt.seal(orjson.dumps({TABLE: rows})))
        return Part(path, list(rows), list(rows.values()))
