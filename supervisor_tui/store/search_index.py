"""The search index kept on the writer thread, built once per supervisee file and kept current.

Each supervisee's part of the index remembers which version of their file it was built from (the
storage's write count); a query first rebuilds the parts whose file was written since, so a search
always sees every save, and a warm query touches no disk. Run these through the writer:
`await service.run(search_records, "query", filters, supervisee_id)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import DecisionFlag, Function
from supervisor_tui.domain.search import DEFAULT_LIMIT, SearchFilters, SearchIndex, SearchResult
from supervisor_tui.domain.session import AgendaItem, RecordEntry, Session
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


def _version(records: Records, supervisee_id: str) -> tuple[object, int]:
    storage = records.folder.supervisee_db(supervisee_id).storage
    return storage, getattr(storage, "generation", 0)


def _all_ids(records: Records) -> list[str]:
    return [str(row["id"]) for row in records.folder.roster.table("supervisees").all()]


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _rows(records: Records, supervisee_id: str, table: str) -> list[dict[str, Any]]:
    return records.folder.supervisee_db(supervisee_id).table(table).all()


def _index_view(records: Records, supervisee_id: str,
                ) -> tuple[list[Session], list[Decision], list[Action]]:
    """Decode only the fields the index reads (several times faster than the full codec).

    The objects are partial and serve the index only; they are never saved.
    """
    sessions = []
    for row in _rows(records, supervisee_id, "sessions"):
        created = _dt(row["created_at"])
        sessions.append(Session(
            list(row["supervisee_ids"]), id=row["id"], created_at=created,  # type: ignore[arg-type]
            started_at=_dt(row.get("started_at")), planned_start=_dt(row.get("planned_start")),
            notes=row.get("notes") or "", sections=dict(row.get("sections") or {}),
            agenda=[AgendaItem(i["title"], Function(i["function"]) if i.get("function") else None,
                               i.get("case_ref"), id=i["id"]) for i in row.get("agenda") or []],
            entries=[RecordEntry(e["text"], "", "", id=e["id"], at=created)  # type: ignore[arg-type]
                     for e in row.get("entries") or []],
        ))
    decisions = [
        Decision(supervisee_id, d["session_id"], d["text"], d["rationale"], d.get("case_ref"),
                 [DecisionFlag(f) for f in d.get("flags") or []], id=d["id"],
                 decided_at=_dt(d["decided_at"]))  # type: ignore[arg-type]
        for d in _rows(records, supervisee_id, "decisions")
    ]
    actions = [
        Action(supervisee_id, a["session_id"], a["text"], "", case_ref=a.get("case_ref"),
               id=a["id"], created_at=_dt(a["created_at"]))  # type: ignore[arg-type]
        for a in _rows(records, supervisee_id, "actions")
    ]
    return sessions, decisions, actions


def _load(records: Records, supervisee_id: str,
          ) -> tuple[list[Session], list[Decision], list[Action]]:
    try:
        return _index_view(records, supervisee_id)
    except (KeyError, TypeError, ValueError, AttributeError):
        # Something unexpected in the file: the full decode names the problem.
        return (records.sessions(supervisee_id), records.decisions(supervisee_id),
                records.actions(supervisee_id))


def refresh_index(records: Records, supervisee_ids: Iterable[str] | None = None) -> SearchIndex:
    """Bring the index up to date for these supervisees (None: everyone, archived included)."""
    cache = _cache(records)
    everyone = supervisee_ids is None
    ids = _all_ids(records) if supervisee_ids is None else list(supervisee_ids)
    for sid in ids:
        version = _version(records, sid)
        built = cache.built_from.get(sid)
        if built is None or built[0] is not version[0] or built[1] != version[1]:
            cache.index.put(sid, *_load(records, sid))
            cache.built_from[sid] = version
    if everyone:
        for gone in set(cache.index.supervisee_ids) - set(ids):
            cache.index.drop(gone)
            cache.built_from.pop(gone, None)
    return cache.index


def search_records(records: Records, query: str, filters: SearchFilters | None = None,
                   supervisee_id: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Search one supervisee's history, or everyone's when `supervisee_id` is None."""
    index = refresh_index(records, None if supervisee_id is None else [supervisee_id])
    return index.search(query, filters, supervisee_id, limit)
