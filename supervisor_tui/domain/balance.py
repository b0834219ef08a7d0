"""Function balance and wellbeing over a supervisee's recent sessions.

Supervision drifts toward case monitoring and away from reflection and support; the share of agenda
time given to each function makes that drift visible. Time is read from the time boxes of the
agenda items the session reached (`domain.discussion`).
An item without a time box gets an equal part of the session time the boxed items leave free, or
`DEFAULT_ITEM_MINUTES` when they leave none. Items without a function tag count as untagged and
are left out of the shares (they are reported separately).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_tui.domain.discussion import discussed_items
from supervisor_tui.domain.enums import CheckInPhase, Function, SessionStatus

if TYPE_CHECKING:
    from supervisor_tui.domain.session import AgendaItem, Session

#: How many of the latest held sessions the balance looks at.
BALANCE_SESSIONS = 6
#: Minutes an item without a time box counts when the boxed items fill the whole session.
DEFAULT_ITEM_MINUTES = 10


def held_sessions(supervisee_id: str, sessions: list[Session],
                  group: bool | None = None) -> list[Session]:
    """This supervisee's held sessions (in progress or finalised), oldest first; with `group`,
    only group sessions (True) or only one-to-ones (False)."""
    held = [s for s in sessions if s.held and supervisee_id in s.supervisee_ids
            and (group is None or s.is_group == group)]
    return sorted(held, key=lambda s: s.when)


def item_minutes(session: Session) -> list[tuple[AgendaItem, float]]:
    """The agenda items `session` reached, each with the minutes it counts for: items listed
    and not reached count for nothing."""
    reached = discussed_items(session)
    boxed = sum(i.timebox_minutes or 0 for i in reached)
    unboxed = sum(1 for i in reached if not i.timebox_minutes)
    free = max(session.duration_minutes - boxed, 0)
    share = free / unboxed if unboxed and free else float(DEFAULT_ITEM_MINUTES)
    return [(i, float(i.timebox_minutes) if i.timebox_minutes else share) for i in reached]


@dataclass
class Balance:
    """Minutes of held sessions spent on each supervision function."""

    minutes: dict[Function, float] = field(default_factory=dict)
    untagged_minutes: float = 0.0
    sessions: int = 0
    """How many held sessions were counted."""

    @property
    def tagged_minutes(self) -> float:
        return sum(self.minutes.values())

    @property
    def shares(self) -> dict[str, float]:
        """Each function's share of the tagged agenda time (0 to 1); empty when none is tagged."""
        total = self.tagged_minutes
        if not total:
            return {}
        return {f.value: self.minutes.get(f, 0.0) / total for f in Function}


def function_balance(supervisee_id: str, sessions: list[Session],
                     last: int = BALANCE_SESSIONS, group: bool = False) -> Balance:
    """Agenda time per function over the `last` held one-to-ones of this supervisee (with
    `group`, their group sessions: the two are weighed apart, a group's agenda is not theirs)."""
    recent = held_sessions(supervisee_id, sessions, group)[-last:] if last > 0 else []
    balance = Balance(minutes={f: 0.0 for f in Function}, sessions=len(recent))
    for session in recent:
        for item, minutes in item_minutes(session):
            if item.function is None:
                balance.untagged_minutes += minutes
            else:
                balance.minutes[item.function] += minutes
    return balance


@dataclass(frozen=True)
class WellbeingPoint:
    """One session's opening and closing wellbeing scores."""

    session_id: str
    when: datetime
    opening: int | None
    closing: int | None
    opening_word: str = ""
    closing_word: str = ""


def wellbeing_series(supervisee_id: str, sessions: list[Session]) -> list[WellbeingPoint]:
    """Opening and closing check-ins of each held session that has one, oldest first."""
    points = []
    for s in held_sessions(supervisee_id, sessions):
        opening = s.checkin(supervisee_id, CheckInPhase.OPENING)
        closing = s.checkin(supervisee_id, CheckInPhase.CLOSING)
        if opening is None and closing is None:
            continue
        points.append(WellbeingPoint(
            session_id=s.id,
            when=s.when,
            opening=opening.score if opening else None,
            closing=closing.score if closing else None,
            opening_word=opening.word if opening else "",
            closing_word=closing.word if closing else "",
        ))
    return points


def opening_scores(supervisee_id: str, sessions: list[Session]) -> list[int]:
    """The opening check-in scores of this person's finalised sessions, oldest first."""
    held = sorted((s for s in sessions if s.status is SessionStatus.FINALISED and s.started_at),
                  key=lambda s: s.when)
    return [c.score for s in held
            if (c := s.checkin(supervisee_id, CheckInPhase.OPENING)) is not None]


@dataclass(frozen=True)
class WellbeingRule:
    """When check-ins call for a restorative conversation: an opening score at or below `low`,
    or opening scores that fell by `fall` or more over the last three sessions."""

    low: int = 2
    fall: int = 2


DEFAULT_WELLBEING = WellbeingRule()


def wellbeing_concern(scores: list[int], rule: WellbeingRule = DEFAULT_WELLBEING) -> str | None:
    """Why the latest opening check-ins (oldest first) call for attention, or None."""
    if not scores:
        return None
    if scores[-1] <= rule.low:
        return f"last check-in {scores[-1]}/5"
    recent = scores[-3:]
    if len(recent) >= 2 and recent[0] - recent[-1] >= rule.fall:
        return "check-ins falling: " + " → ".join(str(n) for n in recent)
    return None
