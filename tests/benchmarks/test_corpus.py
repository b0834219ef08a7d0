"""The synthetic corpus is deterministic, and it is what the app itself reads back."""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB

from benchmarks.corpus import CorpusSpec, ensure_corpus, generate
from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.hashchain import verify_chain
from tests.support import open_service

SPEC = CorpusSpec(supervisees=2, years=1, seed=7)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*.json")) if p.name != "manifest.json"}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    one = generate(SPEC, tmp_path / "one")
    two = generate(SPEC, tmp_path / "two")
    other = generate(CorpusSpec(supervisees=2, years=1, seed=8), tmp_path / "other")
    assert _files(one.root) == _files(two.root)
    assert _files(one.root) != _files(other.root)


def test_the_app_reads_the_corpus_and_the_single_file_holds_the_same(tmp_path: Path) -> None:
    corpus = generate(SPEC, tmp_path / "c")
    service = open_service(corpus.data)
    try:
        records = service.records
        people = records.supervisees()
        assert len(people) == 2
        summaries = records.summaries()
        for person in people:
            sessions = records.sessions(person.id)
            assert len(sessions) == 12
            assert all(s.status is SessionStatus.FINALISED for s in sessions)
            assert all(2500 <= len(s.notes) <= 4000 and len(s.agenda) == 5 for s in sessions)
            decisions = records.decisions(person.id)
            assert len(decisions) == 36 and verify_chain(decisions) == []
            assert len(records.actions(person.id)) == 48
            assert summaries[person.id].sessions_held == 12
    finally:
        service.close()
    single = TinyDB(corpus.reference, access_mode="r")
    try:
        assert len(single.table("sessions")) == corpus.manifest["sessions"] == 24
        assert len(single.table("decisions")) == 72
    finally:
        single.close()


def test_cached_corpus_is_reused(tmp_path: Path) -> None:
    first = ensure_corpus(SPEC, tmp_path)
    stamp = (first.root / "manifest.json").stat().st_mtime_ns
    again = ensure_corpus(SPEC, tmp_path)
    assert again.root == first.root
    assert (again.root / "manifest.json").stat().st_mtime_ns == stamp
