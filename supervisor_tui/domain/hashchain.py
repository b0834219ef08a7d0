"""Tamper evidence for the decisions log: each decision's hash covers its content and the
previous decision's hash, so an edit, a deletion or a reordering breaks the chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.people import ValidationError

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Decision


def decision_hash(decision: Decision, prev_hash: str) -> str:
    import hashlib  # here: OpenSSL's hashes are not needed before the first frame
    content = to_dict(decision)
    content.pop("hash", None)
    content["prev_hash"] = prev_hash
    payload = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(payload).hexdigest()


def seal_decision(decision: Decision, prev_hash: str) -> None:
    decision.prev_hash = prev_hash
    decision.hash = decision_hash(decision, prev_hash)


@dataclass
class ChainHead:
    """How long a supervisee's decisions log was when last written, and its last hash: kept
    apart from the log (in the roster), so deleting the newest decision is detected too.
    Also the head of the person's seals (see domain/seal.py): how many rows are sealed, the
    newest save number, the XOR of their MACs; and a MAC over all of it."""

    supervisee_id: str
    count: int = 0
    last_hash: str = ""
    sealed: int = 0
    seal_n: int = 0
    seal_sum: str = ""
    mac: str = ""

    def validate(self) -> None:
        if min(self.count, self.sealed, self.seal_n) < 0:
            raise ValidationError("A decisions log cannot hold fewer than no decisions.")


@dataclass(frozen=True)
class ChainProblem:
    """A break found in a decision log's chain, at a position."""

    position: int
    decision_id: str
    problem: str


def verify_chain(decisions: list[Decision]) -> list[ChainProblem]:
    """Every break in the chain, in log order; an empty list means the log is intact."""
    problems: list[ChainProblem] = []
    prev = ""
    for n, d in enumerate(decisions, start=1):
        if d.prev_hash != prev:
            problems.append(ChainProblem(n, d.id, "out of order, or one before it was deleted"))
        if d.hash != decision_hash(d, d.prev_hash):
            problems.append(ChainProblem(n, d.id, "edited after it was recorded"))
        prev = d.hash
    return problems
