"""Search over the records: an index kept on the writer thread, built once per supervisee file
and kept current.

Each supervisee's part of the index remembers which version of their file it was built from (the
storage's write count); a query first rebuilds the parts whose file was written since, so a search
always sees every save, and a warm query touches no disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.search import DEFAULT_LIMIT, SearchFilters, SearchIndex, SearchResult
from supervisor_tui.domain.session import Session
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.records import Records


@dataclass
class _Cache:
    index: SearchIndex = field(default_factory=SearchIndex)
    built_from: dict[str, tuple[object, int]] = field(default_factory=dict)


_CACHES: WeakKeyDictionary[Records, _Cache] = WeakKeyDictionary()


def _cache(records: Records) -> _Cache:
    cache = _CACHES.get(records)
    if cache is None:
        cache = _CACHES[records] = _Cache()
    return cache


def _all_ids(records: Records) -> list[str]:
    return [p.id for p in records.supervisees(include_archived=True)]


def _load(records: Records, supervisee_id: str,
          ) -> tuple[list[Session], list[Decision], list[Action]]:
    return (records.sessions(supervisee_id), records.decisions(supervisee_id),
            records.actions(supervisee_id))


def refresh_index(records: Records, supervisee_ids: Iterable[str] | None = None) -> SearchIndex:
    """Bring the index up to date for these supervisees (None: everyone, archived included)."""
    cache = _cache(records)
    everyone = supervisee_ids is None
    ids = _all_ids(records) if supervisee_ids is None else list(supervisee_ids)
    for sid in ids:
        version = records.file_version(sid)
        built = cache.built_from.get(sid)
        if built is None or built[0] is not version[0] or built[1] != version[1]:
            cache.index.put(sid, *_load(records, sid))
            cache.built_from[sid] = version
    if everyone:
        for gone in set(cache.index.supervisee_ids) - set(ids):
            cache.index.drop(gone)
            cache.built_from.pop(gone, None)
    return cache.index


def search_records(ws: Workspace, query: str, filters: SearchFilters | None = None,
                   supervisee_id: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Search one supervisee's history, or everyone's when `supervisee_id` is None."""
    index = refresh_index(ws.records, None if supervisee_id is None else [supervisee_id])
    return index.search(query, filters, supervisee_id, limit)
