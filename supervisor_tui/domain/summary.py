"""The per-supervisee figures the home screen shows, computed from one supervisee's history.

They are kept beside the roster so the home screen opens without reading every history file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from supervisor_tui.domain.balance import function_balance
from supervisor_tui.domain.coverage import cases_due
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import CheckInPhase, SessionStatus
from supervisor_tui.domain.people import Case
from supervisor_tui.domain.session import Session

WELLBEING_POINTS = 12


@dataclass
class SuperviseeSummary:
    supervisee_id: str
    last_held: datetime | None = None
    sessions_held: int = 0
    in_progress_session: str | None = None
    open_actions: int = 0
    overdue_actions: int = 0
    earliest_due: date | None = None
    wellbeing: list[int] = field(default_factory=list)
    """Opening check-in scores of the latest held sessions, oldest first."""
    stale_cases: int = 0
    balance: dict[str, float] = field(default_factory=dict)
    cancellations: int = 0
    moved_slots: list[datetime] = field(default_factory=list)
    """Upcoming planned dates of the agreement that were cancelled or moved (for "next due")."""
    planned_times: list[datetime] = field(default_factory=list)
    """Upcoming sessions planned outside the rule's own dates (moved or ad hoc)."""


def summarise(
    supervisee_id: str, sessions: list[Session], actions: list[Action], today: date,
    cases: list[Case] | None = None, decisions: list[Decision] | None = None,
) -> SuperviseeSummary:
    held = sorted(
        (s for s in sessions if s.status is SessionStatus.FINALISED and s.started_at),
        key=lambda s: s.started_at,  # type: ignore[arg-type, return-value]
    )
    open_actions = [a for a in actions if a.is_open]
    dues = [a.due for a in open_actions if a.due]
    wellbeing = [
        c.score
        for s in held
        if (c := s.checkin(supervisee_id, CheckInPhase.OPENING)) is not None
    ][-WELLBEING_POINTS:]
    live = next((s.id for s in sessions if s.status is SessionStatus.IN_PROGRESS), None)
    return SuperviseeSummary(
        supervisee_id=supervisee_id,
        last_held=held[-1].started_at if held else None,
        sessions_held=len(held),
        in_progress_session=live,
        open_actions=len(open_actions),
        overdue_actions=sum(1 for a in open_actions if a.is_overdue(today)),
        earliest_due=min(dues) if dues else None,
        wellbeing=wellbeing,
        cancellations=sum(1 for s in sessions if s.status is SessionStatus.CANCELLED),
        stale_cases=len(cases_due(cases or [], sessions, decisions or [])),
        balance=function_balance(supervisee_id, sessions).shares,
        moved_slots=sorted(
            slot for s in sessions
            if (slot := s.rescheduled_from
                or (s.planned_start if s.status is SessionStatus.CANCELLED else None))
            and slot.date() >= today - timedelta(days=1)
        ),
        planned_times=sorted(
            s.planned_start for s in sessions
            if s.status is SessionStatus.PLANNED and s.planned_start
            and s.planned_start.date() >= today - timedelta(days=1)
        ),
    )
