"""The per-supervisee figures the home screen shows, computed from one supervisee's history.

They are kept beside the roster so the home screen opens without reading every history file.
A stored summary holds only facts that do not depend on the day it was written: anything that
depends on "today" (overdue actions, the next date still ahead) is worked out when it is read,
with the reader's clock, by the methods below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from supervisor_tui.domain.balance import function_balance, opening_scores
from supervisor_tui.domain.coverage import cases_due
from supervisor_tui.domain.enums import RiskLevel, SessionStatus, SessionType
from supervisor_tui.domain.people import Case

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Action, Decision
    from supervisor_tui.domain.session import Session

WELLBEING_POINTS = 12
HELD_TIMES_KEPT = 12
"""The latest held sessions' start times kept: enough to see which planned slot each took."""
SUMMARY_FORMAT = 7
"""Bumped when the stored shape changes; an older stored summary is worked out again."""


@dataclass
class CancelledNote:
    """A one-to-one that was cancelled: when it was for, why, and whether it was made up for
    (rebooked when it was cancelled, or a one-to-one held since)."""

    day: date
    reason: str
    followed_up: bool


CANCELLATIONS_KEPT = 10


def _cancellations(sessions: list[Session]) -> list[CancelledNote]:
    held = [s.started_at for s in sessions
            if s.held and s.started_at and not s.is_group]
    notes = [CancelledNote(s.when.date(), s.cancel_reason,
                           s.rebooked_to is not None or bool(s.rebook_waived)
                           or any(h > s.when for h in held))
             for s in sorted(sessions, key=lambda s: s.when)
             if s.status is SessionStatus.CANCELLED and not s.is_group]
    return notes[-CANCELLATIONS_KEPT:]


@dataclass
class SuperviseeSummary:
    """The figures the home screen shows for one person, computed from their history."""

    supervisee_id: str
    last_held: datetime | None = None
    """The last one-to-one held (a group session never stands for one)."""
    last_group_held: datetime | None = None
    sessions_held: int = 0
    in_progress_session: str | None = None
    open_actions: int = 0
    open_action_dues: list[date] = field(default_factory=list)
    """Due dates of the open actions that have one, earliest first."""
    wellbeing: list[int] = field(default_factory=list)
    """Opening check-in scores of the latest held sessions, oldest first."""
    stale_cases: int = 0
    high_risk_due: list[str] = field(default_factory=list)
    """High-risk cases the last session did not reach (first on the next agenda)."""
    balance: dict[str, float] = field(default_factory=dict)
    cancellations: int = 0
    cancelled: list[CancelledNote] = field(default_factory=list)
    """The latest one-to-ones cancelled, oldest first."""
    moved_slots: list[datetime] = field(default_factory=list)
    """Every planned date of the agreement that was cancelled or moved, oldest first."""
    planned_times: list[datetime] = field(default_factory=list)
    """Every one-to-one planned outside the rule's own dates (moved or ad hoc), oldest first."""
    group_planned: list[datetime] = field(default_factory=list)
    """Every group session planned (not yet held), oldest first."""
    held_times: list[datetime] = field(default_factory=list)
    """Start times of the latest held sessions that took a planned date, oldest first."""
    format: int = 0
    """The shape this summary was stored in (0: written before formats were recorded)."""

    @property
    def current(self) -> bool:
        return self.format == SUMMARY_FORMAT

    @property
    def earliest_due(self) -> date | None:
        return self.open_action_dues[0] if self.open_action_dues else None

    def overdue_actions(self, today: date) -> int:
        return sum(1 for due in self.open_action_dues if due < today)

    def slots_gone_from(self, moment: datetime) -> list[datetime]:
        """Cancelled or moved planned dates from `moment` on (the ones next-due can skip).
        By moment, not by day: a date's day in its own zone can be a day off the reader's."""
        return [d for d in self.moved_slots if d >= moment]

    def planned_from(self, moment: datetime) -> list[datetime]:
        return [d for d in self.planned_times if d >= moment]


def _slot_takers(sessions: list[Session]) -> list[datetime]:
    """Start times of held sessions that stand for a planned date of the agreement (the diary
    ties each to the nearest planned date; ad hoc and moved sessions keep their own)."""
    return sorted(
        s.started_at for s in sessions
        if s.held and s.started_at and s.type is not SessionType.AD_HOC
        and not s.is_group and s.rescheduled_from is None
    )


def summarise(
    supervisee_id: str, sessions: list[Session], actions: list[Action],
    cases: list[Case] | None = None, decisions: list[Decision] | None = None,
) -> SuperviseeSummary:
    held = sorted(
        (s for s in sessions if s.status is SessionStatus.FINALISED and s.started_at),
        key=lambda s: s.started_at,  # type: ignore[arg-type, return-value]
    )
    open_actions = [a for a in actions if a.is_open]
    wellbeing = opening_scores(supervisee_id, sessions)[-WELLBEING_POINTS:]
    live = next((s.id for s in sessions if s.status is SessionStatus.IN_PROGRESS), None)
    due = cases_due(cases or [], sessions, decisions or [])
    return SuperviseeSummary(
        supervisee_id=supervisee_id,
        format=SUMMARY_FORMAT,
        last_held=max((s.started_at for s in held if not s.is_group),  # type: ignore[type-var]
                      default=None),
        last_group_held=max((s.started_at for s in held if s.is_group),  # type: ignore[type-var]
                            default=None),
        sessions_held=len(held),
        in_progress_session=live,
        open_actions=len(open_actions),
        open_action_dues=sorted(a.due for a in open_actions if a.due),
        wellbeing=wellbeing,
        cancellations=sum(1 for s in sessions if s.status is SessionStatus.CANCELLED),
        cancelled=_cancellations(sessions),
        stale_cases=len(due),
        high_risk_due=[c.case.ref for c in due if c.case.risk is RiskLevel.HIGH],
        balance=function_balance(supervisee_id, sessions).shares,
        moved_slots=sorted(
            slot for s in sessions
            if (slot := s.rescheduled_from
                or (s.planned_start if s.status is SessionStatus.CANCELLED else None))
        ),
        planned_times=sorted(
            s.planned_start for s in sessions
            if s.status is SessionStatus.PLANNED and s.planned_start and not s.is_group
        ),
        group_planned=sorted(
            s.planned_start for s in sessions
            if s.status is SessionStatus.PLANNED and s.planned_start and s.is_group
        ),
        held_times=_slot_takers(sessions)[-HELD_TIMES_KEPT:],
    )
