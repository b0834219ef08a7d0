"""The search index we keep, side by side with SQLite FTS5 kept the same way.

`python -m benchmarks.fts5 [--scale N]` on the benchmark corpus (a fresh copy): both indexes are
made from the same texts, kept as bytes as a data folder would keep them (ours: one sealed part
per supervisee in `index/`; FTS5: the database serialized, to be sealed as one blob, since an
on-disk SQLite file cannot be encrypted with the standard library), then read back as the next
start would, and queried. FTS5 uses its trigram tokenizer, the one that finds a word inside
another as ours does (`unicode61` finds whole words only).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import TODAY, CorpusSpec, ensure_corpus
from supervisor_tui.domain.search import _docs
from supervisor_tui.services.search import refresh_index
from supervisor_tui.services.service import open_service
from supervisor_tui.store.folder import INDEX

QUERIES = ["genogram", "supervision", "safeguarding plan", "rarely-seen-word"]


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def ours(data: Path) -> dict[str, float]:
    found: dict[str, float] = {}
    svc = open_service(data, lambda: TODAY)
    try:
        found["build_s"], _ = _timed(lambda: refresh_index(svc.records))
    finally:
        svc.close()
    found["kept_mb"] = sum(p.stat().st_size for p in (data / INDEX).glob("*.part")) / 1e6
    svc = open_service(data, lambda: TODAY)
    try:
        found["cold_s"], index = _timed(lambda: refresh_index(svc.records))
        found["held_mb"] = found["kept_mb"]  # a part in memory is its kept bytes, in arrays
        found["warm_ms"] = 1000 * statistics.median(
            _timed(lambda q=q: index.search(q))[0] for q in QUERIES)
    finally:
        svc.close()
    return found


def fts5(data: Path) -> dict[str, float]:
    found: dict[str, float] = {}
    svc = open_service(data, lambda: TODAY)
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table texts using fts5(person unindexed, kind unindexed, "
               "session unindexed, ref unindexed, stamp unindexed, body, tokenize='trigram')")
    started = time.perf_counter()
    try:
        records = svc.records
        for person in records.supervisees(include_archived=True):
            sid = person.id
            docs = _docs(records.sessions(sid), records.decisions(sid),
                         records.actions(sid))  # the same texts as ours
            db.executemany("insert into texts values (?, ?, ?, ?, ?, ?)", [
                (sid, d.kind.value, d.session_id, d.ref_id,
                 d.when.timestamp() if d.when else 0.0, d.text) for d in docs])
            records.folder.forget(sid)
        db.commit()
        found["build_s"] = time.perf_counter() - started
    finally:
        svc.close()
    blob = db.serialize()
    db.close()
    found["kept_mb"] = len(blob) / 1e6
    again = sqlite3.connect(":memory:")
    found["cold_s"], _ = _timed(lambda: again.deserialize(blob))
    found["held_mb"] = found["kept_mb"]  # an in-memory database is its serialized pages

    def query(q: str) -> list[tuple[str, ...]]:
        match = " ".join('"' + t.replace('"', '""') + '"' for t in q.split())
        return again.execute("select person, kind, ref from texts where texts match ? "
                             "order by stamp desc limit 200", (match,)).fetchall()

    found["warm_ms"] = 1000 * statistics.median(_timed(lambda q=q: query(q))[0]
                                               for q in QUERIES)
    again.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fts5")
    parser.add_argument("--supervisees", type=int, default=160)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=None, help="where corpora are kept")
    args = parser.parse_args()
    spec = CorpusSpec(args.supervisees, args.years)
    corpus = ensure_corpus(spec, args.cache) if args.cache else ensure_corpus(spec)
    with tempfile.TemporaryDirectory(dir=corpus.root.parent) as scratch:
        rows = {}
        for name, measure in (("ours", ours), ("fts5 trigram", fts5)):
            data = Path(scratch) / name
            shutil.copytree(corpus.root / "data", data)
            rows[name] = measure(data)
    print(f"{corpus.manifest['sessions']} sessions")
    print(f"{'':14}{'build':>9}{'kept':>10}{'start':>9}{'held':>10}{'warm query':>12}")
    for name, r in rows.items():
        print(f"{name:14}{r['build_s']:8.2f}s{r['kept_mb']:8.0f}MB{r['cold_s']:8.2f}s"
              f"{r['held_mb']:8.0f}MB{r['warm_ms']:10.1f}ms")


if __name__ == "__main__":
    main()
