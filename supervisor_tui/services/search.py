"""Search over the records: an index kept on the writer thread, kept on disk between runs and
kept current.

Each supervisee's part of the index is kept per copy of their history file (see `kept`): a
query first brings every part it needs up to date, so a start-up reads the index, not the
records, a search always sees every save, and a warm query touches no disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from supervisor_tui.domain.search import (
    DEFAULT_LIMIT,
    Part,
    PartError,
    SearchFilters,
    SearchIndex,
    SearchResult,
)
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.kept import up_to_date
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.derived import SEARCH, drop_part
from supervisor_tui.store.records import Records


@dataclass
class _Cache:
    index: SearchIndex = field(default_factory=SearchIndex)
    built_from: dict[str, str | None] = field(default_factory=dict)


_CACHES: WeakKeyDictionary[Records, _Cache] = WeakKeyDictionary()


def _cache(records: Records) -> _Cache:
    cache = _CACHES.get(records)
    if cache is None:
        cache = _CACHES[records] = _Cache()
    return cache


def _all_ids(records: Records) -> list[str]:
    return [p.id for p in records.supervisees(include_archived=True)]


def _read(blob: bytes) -> Part | None:
    try:
        return Part.from_bytes(blob)
    except PartError:
        return None  # damaged: made again


def _bring_up_to_date(records: Records, cache: _Cache, supervisee_id: str) -> None:
    index = cache.index
    held = (cache.built_from.get(supervisee_id), index.part(supervisee_id)) \
        if supervisee_id in index else None
    mark, part = up_to_date(records, supervisee_id, SEARCH, held, _read, lambda: index.part_of(
        records.sessions(supervisee_id), records.decisions(supervisee_id),
        records.actions(supervisee_id)), Part.to_bytes)
    index.set_part(supervisee_id, part)
    cache.built_from[supervisee_id] = mark


def refresh_index(records: Records, supervisee_ids: Iterable[str] | None = None) -> SearchIndex:
    """Bring the index up to date for these supervisees (None: everyone, archived included)."""
    cache = _cache(records)
    everyone = supervisee_ids is None
    ids = _all_ids(records) if supervisee_ids is None else list(supervisee_ids)
    for sid in ids:
        _bring_up_to_date(records, cache, sid)
    if everyone:
        for gone in set(cache.index.supervisee_ids) - set(ids):
            cache.index.drop(gone)
            cache.built_from.pop(gone, None)
            drop_part(records.folder, gone)
    return cache.index


def search_records(ws: Workspace, query: str, filters: SearchFilters | None = None,
                   supervisee_id: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Search one supervisee's history, or everyone's when `supervisee_id` is None.

    A stored part found damaged while a hit is shown is made again from the records."""
    ids = None if supervisee_id is None else [supervisee_id]
    made_again: set[str] = set()
    while True:
        try:
            return refresh_index(ws.records, ids).search(query, filters, supervisee_id, limit)
        except PartError as exc:
            damaged = str(exc.args[0]) if exc.args else ""
            if damaged in made_again:  # made from the records just now: not the disk's fault
                raise StoreError(f"Search could not read back what it found ({exc}).") from exc
            made_again.add(damaged)
            drop_part(ws.records.folder, damaged)
            _cache(ws.records).built_from.pop(damaged, None)
