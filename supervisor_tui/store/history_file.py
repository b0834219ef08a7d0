"""A supervisee's history file, kept so that a save costs the same at any length of history.

The older rows of the tables that grow with the years (the decisions log, the sessions, the
actions) are put in files of a few rows each under `supervisees/decisions/`, and the newest
rows and every other table stay in `supervisees/<id>.json`. TinyDB and everything above it see
one file: `read` joins the parts, `write` writes what changed (usually only `<id>.json`).

Decisions are only ever appended; a row of a part counts as unchanged while it is the very
object last read or written (TinyDB rebuilds its tables around the same row objects), and a
change to older decisions (a re-seal) is made on copies and rewrites the parts it touches.
Sessions and actions are changed now and then (a late sign-off, an action closed), and TinyDB
changes their rows in place: a part keeps a shallow copy of each row as written (the store never
changes a nested value in place), and a row that no longer matches it is written in `<id>.json`,
which is read over the part. So an everyday change writes one file, as any save does; a part is
written again only when a row leaves it or most of its rows changed (a re-seal of the file).

A part is written before the rows it takes over leave `<id>.json`, so a save cut off between
the two leaves those rows in both; `<id>.json` has them as they were before that save, and is
read for them. A save that fails after rewriting a part, before `<id>.json` was replaced, puts
that part back.
"""

from __future__ import annotations

import contextlib
import operator
import os
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
from supervisor_tui.store.errors import StoreCorruptError, StoreError

PARTS = "decisions"
"""The folder, beside the supervisee files, of the written-once parts (named for the first
table kept in parts)."""
TABLE = "decisions"
CHUNK = 500
"""Decisions in one part (about 350 KB)."""
KEEP = 500
"""The newest decisions always stay in `<id>.json`: a save undone (only ever the newest
decision) never touches a part."""
SESSION_CHUNK = 25
SESSION_KEEP = 25
"""Sessions in one part, and the newest always in `<id>.json` (two to four years of monthly
sessions: a late sign-off or a correction seldom reaches a part)."""
ACTION_CHUNK = 100
ACTION_KEEP = 100
IN_PLACE = ("sessions", "actions")
"""The tables TinyDB changes in place (an upsert updates the stored row's fields)."""
_PART = re.compile(r"^(?P<id>[A-Za-z0-9_-]{1,40})\.(?:(?P<table>sessions|actions)\.)?"
                   r"(?P<n>[0-9]{4,9})\.json$")


def split_sizes() -> dict[str, tuple[int, int]]:
    """(rows in one part, newest rows always in `<id>.json`) of each table kept in parts."""
    return {TABLE: (CHUNK, KEEP), "sessions": (SESSION_CHUNK, SESSION_KEEP),
            "actions": (ACTION_CHUNK, ACTION_KEEP)}


@dataclass(frozen=True)
class Part:
    """One part file of a history: its path, its table, its row keys and its rows (with, for
    a table changed in place, a shallow copy of each row as written)."""

    path: Path
    table: str
    keys: list[str]
    rows: list[Any]
    shapes: list[dict[str, Any]] | None

    def unchanged(self, rows: dict[str, Any]) -> bool:
        """Whether `rows` (the table now) still hold this part's very row objects (for the
        decisions log, whose rows are never changed in place)."""
        return all(map(operator.is_, (rows.get(k) for k in self.keys), self.rows))

    def as_written(self) -> dict[str, Any]:
        return dict(zip(self.keys, self.shapes if self.shapes is not None else self.rows,
                        strict=True))


def _part(path: Path, table: str, rows: dict[str, Any]) -> Part:
    return Part(path, table, list(rows), list(rows.values()),
                [dict(r) if isinstance(r, dict) else r for r in rows.values()]
                if table in IN_PLACE else None)


def part_table(path: Path) -> str:
    match = _PART.match(path.name)
    return (match["table"] if match else None) or TABLE


def parts_folder(supervisee_file: Path) -> Path:
    return supervisee_file.parent / PARTS


def part_paths(supervisee_file: Path) -> list[Path]:
    """The parts of one supervisee's history, table by table, oldest first."""
    where = parts_folder(supervisee_file)
    if not where.is_dir():
        return []
    order = list(split_sizes())
    found = []
    for path in where.glob(f"{supervisee_file.stem}.*.json"):
        match = _PART.match(path.name)
        if match and match["id"] == supervisee_file.stem:
            found.append((order.index(match["table"] or TABLE), int(match["n"]), path))
    return [path for *_, path in sorted(found)]


def all_part_paths(supervisees: Path) -> list[Path]:
    """Every part of every history in a folder's `supervisees/` (for whole-folder work: a
    passphrase change, a restore, a copy before a migration)."""
    where = supervisees / PARTS
    if not where.is_dir():
        return []
    return sorted(p for p in where.glob("*.json") if _PART.match(p.name))


def _read_part(path: Path, fmt: FileFormat) -> dict[str, Any]:
    """The rows of one part file, refused (StoreCorruptError) unless it holds exactly the table
    its name gives."""
    table = part_table(path)
    doc = read_file(path, fmt)
    if set(doc) - {table}:
        raise StoreCorruptError(path, f"a part of a history's {table} holds other records")
    rows = doc.get(table) or {}
    if not isinstance(rows, dict):
        raise StoreCorruptError(path, f"a part of a history's {table} is not a table")
    return rows


def read_parts(supervisee_file: Path, fmt: FileFormat) -> list[Part]:
    """Every part of one history, read and checked (StoreCorruptError for a part that holds
    another table, or rows of another part: never written so, a file edited by hand)."""
    parts: list[Part] = []
    seen: dict[str, set[str]] = {}
    for path in part_paths(supervisee_file):
        table = part_table(path)
        rows = _read_part(path, fmt)
        keys = seen.setdefault(table, set())
        if not keys.isdisjoint(rows):
            raise StoreCorruptError(path, f"a part of a history's {table} repeats rows of "
                                          "another part")
        keys.update(rows)
        parts.append(_part(path, table, rows))
    return parts


class HistoryStorage(AtomicStorage):
    """TinyDB storage of one supervisee's history: `<id>.json` and its parts."""

    def __init__(self, path: Path | str, fmt: FileFormat | None = None, backup: bool = True,
                 read_only: bool = False):
        super().__init__(path, fmt, backup, read_only)
        self._parts: dict[str, list[Part]] = {}
        self._written: tuple[object, int] = (None, 0)
        """The decisions log's rows as last written (the object, and how many). TinyDB
        replaces a table's rows with a new object at every change it makes to the table; the
        same object again, no shorter, has only been appended to (see `decision_log._append`)."""

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            loaded = self._load()
            if loaded is None:
                return None
            self._data, self._parts = loaded
        return self._data

    def _load(self) -> tuple[dict[str, Any], dict[str, list[Part]]] | None:
        # The person's file first, then the parts: a reader beside the writer that sees the
        # file after rows left it also finds the part they went to (written before it).
        exists = self.path.exists()
        data = read_file(self.path, self.fmt) if exists else {}
        found = read_parts(self.path, self.fmt)
        if not found and not exists:
            return None
        parts: dict[str, list[Part]] = {}
        joined: dict[str, dict[str, Any]] = {}
        for part in found:
            parts.setdefault(part.table, []).append(part)
            joined.setdefault(part.table, {}).update(zip(part.keys, part.rows, strict=True))
        for table, rows in joined.items():
            # Rows a cut-off save left in both places are read as the person's file has them.
            own = data.get(table) or {}
            if not isinstance(own, dict):
                raise StoreCorruptError(self.path, f"its {table} are not a table")
            rows.update(own)
            data[table] = rows
        return data, parts

    def write(self, data: dict[str, Any]) -> None:
        if self._data is None and not self.read_only:
            self.read()  # never overwrite what was not read whole; and learn its parts
        if self.read_only:
            super().write(data)  # refused
            return
        rewritten: list[Part] = []
        parts: dict[str, list[Part]] = {}
        main = dict(data)
        was = self._copy_on_disk()
        try:
            for table, (chunk, keep) in split_sizes().items():
                if table in data or self._parts.get(table):
                    parts[table], rest = self._write_parts(
                        table, data.get(table) or {}, chunk, keep, rewritten)
                    if table in data:
                        main[table] = rest
            super().write(main)
        except BaseException:
            if self._copy_on_disk() == was:  # else it was replaced (its folder not synced)
                self._put_back(rewritten)
            self._drop()
            raise
        self._data = data
        self._parts = parts
        self._written = (data.get(TABLE), len(data.get(TABLE) or {}))

    def _copy_on_disk(self) -> tuple[int, int] | None:
        """Which copy of `<id>.json` is on disk (a replace makes a new inode)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _put_back(self, rewritten: list[Part]) -> None:
        """A save that failed after rewriting parts, before `<id>.json` was replaced: each
        goes back as it was (if that fails too, the disk keeps the newer part, and a read
        gives what it holds)."""
        for old in rewritten:
            with contextlib.suppress(StoreError, OSError):
                atomic_write(old.path, self.fmt.seal(orjson.dumps({old.table: old.as_written()})))

    def _drop(self) -> None:
        super()._drop()
        self._parts = {}
        self._written = (None, 0)

    def _write_parts(self, table: str, rows: dict[str, Any], chunk: int, keep: int,
                     rewritten: list[Part]) -> tuple[list[Part], dict[str, Any]]:
        """Write the parts of `table` that changed and any new one; the parts now, and the
        rows that stay in `<id>.json`. Parts rewritten are added to `rewritten` (as they were)."""
        if table in IN_PLACE:
            return self._write_over_parts(table, rows, chunk, keep, rewritten)
        parts = self._parts.get(table, [])
        held = sum(len(p.keys) for p in parts)
        appended = (table == TABLE and rows is self._written[0]
                    and len(rows) >= self._written[1])
        if not appended and not self._unchanged(parts, rows, held):
            parts, held = self._rewrite_changed(table, parts, rows, rewritten), -1
        if held < 0:  # some were rewritten: what stays is what no part holds
            kept = {k for p in parts for k in p.keys}
            rest = {k: v for k, v in rows.items() if k not in kept}
        else:
            rest = dict(islice(rows.items(), held, None))
        return self._move_older(table, parts, rest, chunk, keep)

    def _write_over_parts(self, table: str, rows: dict[str, Any], chunk: int, keep: int,
                          rewritten: list[Part]) -> tuple[list[Part], dict[str, Any]]:
        """`_write_parts` for a table changed in place: a changed row of a part is kept in
        `<id>.json` (read over the part); the part is rewritten only when a row left it or
        more than half of its rows changed."""
        parts: list[Part] = []
        in_parts: set[str] = set()
        over: dict[str, Any] = {}
        for part in self._parts.get(table, []):
            assert part.shapes is not None
            changed = [k for k, shape in zip(part.keys, part.shapes, strict=True)
                       if k in rows and rows[k] != shape]
            if any(k not in rows for k in part.keys) or 2 * len(changed) > len(part.keys):
                rewritten.append(part)
                part = self._put(part.path, table, {k: rows[k] for k in part.keys if k in rows})
            else:
                over.update((k, rows[k]) for k in changed)
            parts.append(part)
            in_parts.update(part.keys)
        parts, rest = self._move_older(
            table, parts, {k: v for k, v in rows.items() if k not in in_parts}, chunk, keep)
        return parts, {**over, **rest}

    def _move_older(self, table: str, parts: list[Part], rest: dict[str, Any], chunk: int,
                    keep: int) -> tuple[list[Part], dict[str, Any]]:
        """Put the oldest of `rest` (the rows no part holds) into new parts of `chunk` rows
        while more than `keep` would stay; the parts now, and the rows that stay."""
        while len(rest) >= chunk + keep:
            taken = dict(islice(rest.items(), chunk))
            parts = [*parts, self._put(self._next_path(table, parts), table, taken)]
            rest = dict(islice(rest.items(), chunk, None))
        return parts, rest

    @staticmethod
    def _unchanged(parts: list[Part], rows: dict[str, Any], held: int) -> bool:
        """Whether the first rows are those of the parts, in order, as written."""
        if not held:
            return True
        if list(islice(rows, held)) != [k for p in parts for k in p.keys]:
            return False
        return all(p.unchanged(rows) for p in parts)

    def _rewrite_changed(self, table: str, parts: list[Part], rows: dict[str, Any],
                         rewritten: list[Part]) -> list[Part]:
        """Each part keeps the keys it was written with (less any removed): rewrite those
        whose rows are no longer the ones written."""
        now_parts = []
        for part in parts:
            now = {k: rows[k] for k in part.keys if k in rows}
            if list(now) == part.keys and part.unchanged(rows):
                now_parts.append(part)
            else:
                rewritten.append(part)
                now_parts.append(self._put(part.path, table, now))
        return now_parts

    def _next_path(self, table: str, parts: list[Part]) -> Path:
        numbers = [int(m["n"]) for p in parts if (m := _PART.match(p.path.name))]
        n = max(numbers, default=0) + 1
        infix = "" if table == TABLE else f"{table}."
        return parts_folder(self.path) / f"{self.path.stem}.{infix}{n:04d}.json"

    def _put(self, path: Path, table: str, rows: dict[str, Any]) -> Part:
        make_private_dir(path.parent)
        atomic_write(path, self.fmt.seal(orjson.dumps({table: rows})))
        return _part(path, table, rows)
