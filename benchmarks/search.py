"""Search: a warm full-text query over the whole corpus.

Ours: `search_records` (the history screen's search) on the writer's `Records`, after one query has
built the index; a warm query reads no disk.
Reference: a regex scan with TinyDB `Query().search()` over the same texts (session notes, agenda
titles, record sections and entries, decisions and their rationale, actions) in the single-file
database, kept in memory by `CachingMiddleware` so it is warm too; TinyDB's query cache is cleared
before each run so every run scans.
"""

from __future__ import annotations

import re
import time

from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from benchmarks.common import Figure, Settings, alternate, repeats_for
from benchmarks.corpus import TODAY
from supervisor_tui.domain.search import HitKind
from supervisor_tui.services.search import search_records
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records


def _scan(db: TinyDB, word: str) -> dict[str, int]:
    """Every text holding `word`, found by regex scans, counted per table."""
    rx = re.escape(word)
    q = Query()
    found = {}
    sessions = db.table("sessions")
    sessions.clear_cache()
    found["sessions"] = len(sessions.search(
        q.notes.search(rx, flags=re.IGNORECASE)
        | q.agenda.any(Query().title.search(rx, flags=re.IGNORECASE))
        | q.entries.any(Query().text.search(rx, flags=re.IGNORECASE))
        | q.sections.test(lambda s: any(re.search(rx, v, re.IGNORECASE) for v in s.values()))
    ))
    decisions = db.table("decisions")
    decisions.clear_cache()
    found["decisions"] = len(decisions.search(
        q.text.search(rx, flags=re.IGNORECASE) | q.rationale.search(rx, flags=re.IGNORECASE)
    ))
    actions = db.table("actions")
    actions.clear_cache()
    found["actions"] = len(actions.search(q.text.search(rx, flags=re.IGNORECASE)))
    return found


def measure(settings: Settings) -> Figure:
    corpus = settings.corpus
    word = corpus.manifest["search_word"]
    figure = Figure("search", "s")
    folder = DataFolder.open(corpus.data, lambda: TODAY)
    db = TinyDB(str(corpus.reference), storage=CachingMiddleware(JSONStorage), access_mode="r")
    try:
        records = Workspace(Records(folder), lambda: TODAY)
        started = time.perf_counter()
        first = search_records(records, word, limit=10**9)  # builds the index: the cold query
        cold = time.perf_counter() - started
        scanned = _scan(db, word)  # loads the file into the cache
        notes = {h.session_id for h in first.hits if h.kind is HitKind.NOTES}
        expected = len(db.table("sessions").search(
            Query().notes.search(re.escape(word), flags=re.IGNORECASE)))
        if len(notes) != expected or not first.hits:
            raise RuntimeError(
                f"search disagrees: index {len(notes)} notes, scan {expected} notes")

        def ours() -> float:
            started = time.perf_counter()
            search_records(records, word)
            return time.perf_counter() - started

        def scan() -> float:
            started = time.perf_counter()
            _scan(db, word)
            return time.perf_counter() - started

        runs = alternate({"ours": ours, "reference": scan},
                         repeats_for(settings, "search"), settings.log)
    finally:
        db.close()
        folder.close()
    figure.ours, figure.reference = runs["ours"], runs["reference"]
    figure.note = (f"'{word}': {len(first.hits)} texts found; scan matched {scanned}; "
                   f"first (cold) query building the index {cold:.2f} s")
    return figure
