"""Case coverage: when each case was last discussed, and which are due for discussion.

A case counts as discussed in a session when the session reached an agenda item naming it, or
a decision of that session names it (`domain.discussion`); a case listed on the agenda and not
reached was not discussed. Over several sessions every case should come up; higher-risk cases
sooner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_tui.domain.discussion import discussed_refs
from supervisor_tui.domain.people import Case

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Decision
    from supervisor_tui.domain.session import Session

#: A case not discussed in this many held sessions is due (high risk: sooner).
STALE_AFTER = {"high": 1, "medium": 2, "low": 3}


@dataclass(frozen=True)
class CaseCoverage:
    """How often and how recently a case was discussed."""

    case: Case
    last_discussed: datetime | None
    times_discussed: int
    sessions_since: int
    """Held sessions since the case was last discussed (all held sessions if never)."""

    @property
    def due(self) -> bool:
        return self.sessions_since >= STALE_AFTER[self.case.risk.value]


def case_coverage(cases: list[Case], sessions: list[Session],
                  decisions: list[Decision]) -> list[CaseCoverage]:
    """Coverage of each active case over the held sessions, most urgent first."""
    held = sorted((s for s in sessions if s.held), key=lambda s: s.when)
    by_session: dict[str, list[Decision]] = {s.id: [] for s in held}
    for d in decisions:
        if d.session_id in by_session:
            by_session[d.session_id].append(d)
    refs_by_session = {s.id: {r.casefold() for r in discussed_refs(s, by_session[s.id])}
                       for s in held}
    result = []
    for case in cases:
        if not case.active:
            continue
        ref = case.ref.casefold()
        hits = [n for n, s in enumerate(held) if ref in refs_by_session[s.id]]
        last = held[hits[-1]].when if hits else None
        since = len(held) - 1 - hits[-1] if hits else len(held)
        result.append(CaseCoverage(case, last, len(hits), since))
    result.sort(key=lambda c: (not c.due, -c.case.risk.rank, -c.sessions_since, c.case.ref))
    return result


def cases_due(cases: list[Case], sessions: list[Session],
              decisions: list[Decision]) -> list[CaseCoverage]:
    """The cases to put on the next agenda, higher risk first."""
    return [c for c in case_coverage(cases, sessions, decisions) if c.due]
