"""`verify` finds an edited, a deleted (middle or last), a reordered or a moved decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store.verify import verify_all
from tests.conftest import reopen
from tests.store.tamper import tamper_decisions
from tests.support import STAMP, open_service

SID = "s-0a0a0a"


def _write(path: Path, count: int = 4) -> None:
    svc = open_service(path)
    try:
        svc.records.save_supervisee(Supervisee("Alex Rivera", id=SID, created_at=STAMP))
        svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-0b0b0b", created_at=STAMP))
        for n in range(count):
            svc.records.add_decision(Decision(SID, "x-1", f"Decision {n}", f"Because {n}",
                                              decided_at=STAMP))
        svc.records.add_decision(Decision("s-0b0b0b", "x-2", "Other", "Reason", decided_at=STAMP))
    finally:
        svc.close()


def _problems(path: Path) -> dict[str, list[str]]:
    svc = reopen(path)
    try:
        return {r.supervisee_id: r.problems for r in verify_all(svc.records)}
    finally:
        svc.close()


def test_intact_logs_verify_and_the_head_tracks_the_last_decision(data_dir):
    _write(data_dir)
    assert _problems(data_dir) == {SID: [], "s-0b0b0b": []}
    svc = reopen(data_dir)
    try:
        last = svc.records.decisions(SID)[-1]
        assert svc.records.chain_head(SID) == (4, last.hash)
    finally:
        svc.close()


def _edit(rows):
    rows[1]["rationale"] = "A better-sounding reason"
    return rows


@pytest.mark.parametrize(("change", "expected"), [
    (_edit, "decision 2 (d-"),
    (lambda rows: rows[:1] + rows[2:], "out of order, or one before it was deleted"),
    (lambda rows: rows[:-1], "1 decision(s) missing"),
    (lambda rows: [rows[0], rows[2], rows[1], rows[3]], "out of order"),
    (lambda rows: [], "4 decision(s) missing"),
])
def test_tampering_is_reported(data_dir, change, expected):
    _write(data_dir)
    tamper_decisions(data_dir, SID, change)
    problems = _problems(data_dir)
    assert problems["s-0b0b0b"] == []
    assert problems[SID], "tampering went unnoticed"
    assert any(expected in p for p in problems[SID]), problems[SID]


def test_edit_says_edited(data_dir):
    _write(data_dir)
    tamper_decisions(data_dir, SID, _edit)
    assert _problems(data_dir)[SID] == ["decision 2 (" + _ids(data_dir)[1] +
                                        "): edited after it was recorded"]


def _ids(path: Path) -> list[str]:
    svc = reopen(path)
    try:
        return [d.id for d in svc.records.decisions(SID)]
    finally:
        svc.close()


def test_last_decision_replaced_by_a_resealed_one_is_caught_by_the_head(data_dir):
    """Someone who recomputes the hash of an edited last decision still misses the head."""
    from supervisor_tui.domain.codec import from_dict, to_dict
    from supervisor_tui.domain.hashchain import seal_decision

    _write(data_dir)

    def reseal(rows):
        d = from_dict(Decision, rows[-1])
        d.text = "Something else"
        seal_decision(d, d.prev_hash)
        return [*rows[:-1], to_dict(d)]

    tamper_decisions(data_dir, SID, reseal)
    last = _ids(data_dir)[-1]
    assert _problems(data_dir)[SID] == [
        f"decision 4 ({last}): was added outside the app (it carries no seal)",
        "the newest decision is not the one last recorded"]


def test_decision_moved_from_another_supervisee_is_reported(data_dir):
    _write(data_dir, count=0)
    path = data_dir / "supervisees" / "s-0b0b0b.json"
    other = path.read_bytes()
    (data_dir / "supervisees" / f"{SID}.json").write_bytes(other)
    problems = _problems(data_dir)[SID]
    assert any("belongs to another supervisee" in p for p in problems)
    assert any("its seal does not check" in p for p in problems)  # sealed as another's
