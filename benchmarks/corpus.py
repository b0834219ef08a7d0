"""A deterministic synthetic data folder, and the same corpus as one TinyDB `JSONStorage` file.

The default corpus is 40 supervisees with 10 years of monthly sessions each (4,800 sessions):
notes of about 3 KB, 5 agenda items, opening and closing check-ins, 3 decisions and 4 actions per
session. Every object goes through `Records`, the app's own store service, so the files are what
the app writes. To avoid one fsync per row, `Records` runs over in-memory TinyDB handles during
the build and each file is then written once with `AtomicStorage`, the app's storage.

    python -m benchmarks.corpus [--scale N] [--quick] [--seed S] [--force]

Generated corpora are cached under `bench-data/<key>/` (ignored by git).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from dateutil.relativedelta import relativedelta
from tinydb import TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from benchmarks import text
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import (
    ActionStatus,
    CheckInPhase,
    DecisionFlag,
    Function,
    RiskLevel,
    SessionStatus,
)
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import RECORD_SECTIONS, AgendaItem, CheckIn, Session, SignOff
from supervisor_tui.domain.summary import SuperviseeSummary
from supervisor_tui.store.atomic import AtomicStorage
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.history_file import HistoryStorage
from supervisor_tui.store.records import Records

CORPUS_VERSION = 1
TODAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
"""The fixed 'now' of every corpus: the last session of each supervisee is in October 2026."""
SEARCH_WORD = "genogram"
CACHE = Path(__file__).resolve().parent.parent / "bench-data"
CHECKLIST = ["time-protected", "left-better", "positive-feedback", "development",
             "outcomes-focus", "purposeful-work"]


@dataclass(frozen=True)
class CorpusSpec:
    supervisees: int = 40
    years: int = 10
    seed: int = 1
    decisions: int = 3
    """Decisions per session."""

    @property
    def key(self) -> str:
        many = f"-d{self.decisions}" if self.decisions != 3 else ""
        return (f"v{CORPUS_VERSION}-p{self.supervisees}-y{self.years}{many}-s{self.seed}-"
                f"{code_hash()}")

    @classmethod
    def scaled(cls, scale: float, seed: int = 1) -> CorpusSpec:
        return cls(supervisees=max(1, round(40 * scale)), years=10, seed=seed)

    @classmethod
    def quick(cls, seed: int = 1) -> CorpusSpec:
        return cls(supervisees=3, years=1, seed=seed)


@dataclass(frozen=True)
class Corpus:
    spec: CorpusSpec
    root: Path
    manifest: dict[str, Any]

    @property
    def data(self) -> Path:
        """The app's data folder (roster.json + supervisees/)."""
        return self.root / "data"

    @property
    def reference(self) -> Path:
        """The same records as one TinyDB `JSONStorage` file."""
        return self.root / "reference.json"

    def working_copy(self, target: Path) -> Path:
        """A copy of the data folder that a benchmark may write to; the cache stays pristine."""
        shutil.copytree(self.data, target)
        return target


class MemoryFolder(DataFolder):
    """The open data folder's layout and paths, with every table held in memory until `commit`.

    `Records` runs over it unchanged; nothing is written until each file is written once.
    """

    def __init__(self, folder: DataFolder) -> None:
        super().__init__(folder.path, folder.fmt)
        self.memory_roster = TinyDB(storage=MemoryStorage)
        self.memory_roster.storage.write(folder.roster.storage.read() or {})
        self.dbs: dict[str, TinyDB] = {}

    @property
    def roster(self) -> TinyDB:
        return self.memory_roster

    def supervisee_db(self, supervisee_id: str) -> TinyDB:
        if supervisee_id not in self.dbs:
            self.supervisee_path(supervisee_id)  # checks the id as the real folder does
            self.dbs[supervisee_id] = TinyDB(storage=MemoryStorage)
        return self.dbs[supervisee_id]

    def commit(self) -> None:
        """Write every file once, through the app's own atomic storage."""
        roster = self.path / "roster.json"
        AtomicStorage(roster, backup=False).write(self.roster.storage.read())
        for sid, db in self.dbs.items():
            HistoryStorage(self.supervisee_path(sid), backup=False).write(db.storage.read())


class BuildRecords(Records):
    """`Records` whose summary refresh waits until every row of a supervisee is in."""

    deferred = True

    def refresh_summary(self, supervisee_id: str,
                        sessions: list[Session] | None = None) -> SuperviseeSummary:
        if self.deferred:
            return SuperviseeSummary(supervisee_id)
        return super().refresh_summary(supervisee_id, sessions)


@cache
def code_hash() -> str:
    """A digest of the code that decides what the files hold (the domain, the store, this file).

    A change to any of them makes a new cache key, so a corpus is never stale after a merge.
    """
    root = Path(__file__).resolve().parent.parent
    sources = sorted([*root.glob("supervisor_tui/domain/*.py"),
                      *root.glob("supervisor_tui/store/*.py"),
                      *root.glob("benchmarks/corpus.py"), *root.glob("benchmarks/text.py")])
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def ident(prefix: str, *parts: object) -> str:
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()
    return f"{prefix}{digest[:12]}"


def _session(rng: random.Random, seed: int, sid: str, n: int, when: datetime,
             cases: list[Case]) -> Session:
    functions = list(Function)
    agenda = [
        AgendaItem(
            title=f"{text.rng_title(rng)}",
            function=rng.choice(functions),
            case_ref=rng.choice(cases).ref if k < 3 else None,
            timebox_minutes=rng.choice([5, 10, 15, 20]),
            done=True,
            source=rng.choice(["manual", "action", "case"]),
            id=ident("i-", seed, sid, n, k),
        )
        for k in range(5)
    ]
    start = when
    end = start + timedelta(minutes=rng.randint(50, 75))
    return Session(
        supervisee_ids=[sid],
        status=SessionStatus.FINALISED,
        planned_start=start,
        started_at=start,
        ended_at=end,
        agenda=agenda,
        current_item_id=agenda[-1].id,
        notes=text.notes(rng),
        notes_saved_at=end,
        prompts_used=[ident("p-", k) for k in rng.sample(range(40), 2)],
        checkins=[
            CheckIn(sid, CheckInPhase.OPENING, rng.randint(1, 5), rng.choice(text.WORDS), at=start),
            CheckIn(sid, CheckInPhase.CLOSING, rng.randint(2, 5), rng.choice(text.WORDS), at=end),
        ],
        checklist={q: rng.random() < 0.8 for q in CHECKLIST},
        sections={key: text.paragraph(rng, 2) for key in RECORD_SECTIONS},
        next_date=start + relativedelta(months=1),
        finalised_at=end,
        signoffs=[SignOff(sid, "".join(w[0] for w in text.name(rng).split()), at=end)],
        id=ident("x-", seed, sid, n),
        created_at=start - timedelta(days=7),
    )


def _supervisee(records: BuildRecords, spec: CorpusSpec, index: int) -> int:
    rng = random.Random(f"{spec.seed}-{index}")
    months = spec.years * 12
    first = TODAY.replace(day=1 + index % 20, hour=10) - relativedelta(months=months)
    sid = ident("s-", spec.seed, index)
    records.save_supervisee(Supervisee(
        name=text.name(rng), role=rng.choice(text.ROLES), id=sid,
        created_at=first - timedelta(days=14),
    ))
    records.save_agreement(Agreement(
        supervisee_id=sid, rrule="FREQ=MONTHLY;INTERVAL=1", dtstart=first, timezone="UTC",
        confidentiality=text.paragraph(rng, 2), exceptions=text.paragraph(rng, 1),
        records="Kept in supervisor-tui; shared on request.",
        review_date=(TODAY + timedelta(days=90)).date(), id=ident("a-", spec.seed, index),
        created_at=first - timedelta(days=14),
    ))
    cases = [
        Case(ref=f"C{index:02d}-{k:03d}", risk=rng.choice(list(RiskLevel)),
             opened_at=first + relativedelta(months=k * months // 8))
        for k in range(8)
    ]
    for case in cases:
        records.save_case(sid, case)
    for n in range(months):
        when = first + relativedelta(months=n)
        session = _session(rng, spec.seed, sid, n, when, cases)
        records.save_session(session)
        for k in range(spec.decisions):
            flags = [DecisionFlag.SAFEGUARDING] if rng.random() < 0.1 else []
            records.add_decision(Decision(
                supervisee_id=sid, session_id=session.id, text=text.sentence(rng),
                rationale=text.paragraph(rng, 2), case_ref=rng.choice(cases).ref, flags=flags,
                decided_at=when + timedelta(minutes=20 + 30 * k / spec.decisions),
                id=ident("d-", spec.seed, sid, n, k),
            ))
        recent = n >= months - 2
        for k in range(4):
            action = Action(
                supervisee_id=sid, session_id=session.id, text=text.sentence(rng),
                owner=rng.choice(["supervisee", "supervisor", "team manager"]),
                due=(when + timedelta(days=21)).date(), case_ref=rng.choice(cases).ref,
                created_at=when + timedelta(minutes=45), id=ident("t-", spec.seed, sid, n, k),
            )
            if not recent:
                action.close(rng.choice([ActionStatus.DONE, ActionStatus.DONE,
                                         ActionStatus.DROPPED]),
                             session_id=session.id, at=when + relativedelta(months=1))
            records.save_action(action)
    return months


def _reference_tables(folder: MemoryFolder) -> dict[str, dict[str, Any]]:
    """Every table of the corpus in one TinyDB database, as a single-file app would keep it."""
    tables: dict[str, dict[str, Any]] = {k: v for k, v in folder.roster.storage.read().items()
                                         if k != "meta"}
    for name in ("cases", "sessions", "decisions", "actions"):
        rows: dict[str, Any] = {}
        for sid, db in folder.dbs.items():
            for doc in db.storage.read().get(name, {}).values():
                row = dict(doc, supervisee_id=sid) if name == "cases" else doc
                rows[str(len(rows) + 1)] = row
        tables[name] = rows
    return tables


def generate(spec: CorpusSpec, root: Path) -> Corpus:
    """Write the corpus into `root` (which must not exist yet) and return it."""
    started = time.perf_counter()
    root.mkdir(parents=True)
    folder = DataFolder.open(root / "data", lambda: TODAY)
    try:
        memory = MemoryFolder(folder)
        records = BuildRecords(memory)
        records.seals.begin(hashlib.sha256(f"seal:{spec.seed}".encode()).digest(),
                            ident("f-", spec.seed))
        sessions = sum(_supervisee(records, spec, i) for i in range(spec.supervisees))
        records.deferred = False
        for sid in memory.dbs:
            records.refresh_summary(sid)
        memory.commit()
        JSONStorage(str(root / "reference.json")).write(_reference_tables(memory))
    finally:
        folder.close()
    first_sid = ident("s-", spec.seed, 0)
    manifest = {
        "version": CORPUS_VERSION,
        "spec": asdict(spec),
        "sessions": sessions,
        "autosave": {"supervisee_id": first_sid,
                     "session_id": ident("x-", spec.seed, first_sid, spec.years * 12 - 1)},
        "search_word": SEARCH_WORD,
        "bytes": {"data": sum(p.stat().st_size for p in (root / "data").rglob("*.json")),
                  "reference": (root / "reference.json").stat().st_size},
        "build_seconds": round(time.perf_counter() - started, 2),
    }
    (root / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    return Corpus(spec, root, manifest)


def ensure_corpus(spec: CorpusSpec, cache: Path = CACHE, force: bool = False) -> Corpus:
    """The cached corpus for `spec`, generated first if missing or incomplete."""
    root = cache / spec.key
    manifest = root / "manifest.json"
    if manifest.exists() and not force:
        return Corpus(spec, root, orjson.loads(manifest.read_bytes()))
    if root.exists():
        shutil.rmtree(root)
    building = cache / f".{spec.key}.building"
    if building.exists():
        shutil.rmtree(building)
    generate(spec, building)
    building.rename(root)
    stem = spec.key.rsplit("-", 1)[0]
    for stale in cache.glob(f"{stem}-*"):  # the same corpus made by older code
        if stale != root:
            shutil.rmtree(stale, ignore_errors=True)
    return Corpus(spec, root, orjson.loads(manifest.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="40 x SCALE supervisees")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny corpus (3 supervisees, 1 year)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    spec = CorpusSpec.quick(args.seed) if args.quick else CorpusSpec.scaled(args.scale, args.seed)
    corpus = ensure_corpus(spec, force=args.force)
    print(corpus.root)
    print(orjson.dumps(corpus.manifest, option=orjson.OPT_INDENT_2).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
