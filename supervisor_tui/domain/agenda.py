"""Pre-filling a new session's agenda: open actions to review, open escalations and learning
goals coming due, then cases due for discussion.

Items about higher-risk cases come first within each part; the review of earlier actions leads,
as a good record starts with what was agreed last time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from supervisor_tui.domain.coverage import CaseCoverage
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.development import FollowUp, FollowUpKind, describe, for_the_agenda
from supervisor_tui.domain.enums import Function, RiskLevel
from supervisor_tui.domain.people import Case, ValidationError
from supervisor_tui.domain.session import AgendaItem, Session

ACTION_TIMEBOX = 5
FOLLOW_UP_TIMEBOX = 5
CASE_TIMEBOX = {"high": 15, "medium": 10, "low": 10}
MAX_TITLE = 120


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def action_title(action: Action, today: date) -> str:
    due = ""
    if action.due is not None:
        due = f" (overdue since {action.due:%d %b})" if action.is_overdue(today) else (
            f" (due {action.due:%d %b})"
        )
    return _short(f"Review action: {_short(action.text, 70)}{due}", MAX_TITLE)


def case_title(coverage: CaseCoverage) -> str:
    case = coverage.case
    if coverage.last_discussed is None:
        lately = "not discussed yet"
    elif coverage.sessions_since == 1:
        lately = "not discussed last session"
    else:
        lately = f"not discussed for {coverage.sessions_since} sessions"
    return f"Case {case.ref}: {case.risk.value} risk, {lately}"


def wellbeing_item(concern: str) -> AgendaItem:
    """First on the agenda when check-ins call for it: time for the person, not the cases."""
    return AgendaItem(
        title=_short(f"Wellbeing ({concern}): how are you, and what would help?", MAX_TITLE),
        function=Function.RESTORATIVE,
        timebox_minutes=10,
        source="wellbeing",
    )


def follow_up_item(item: FollowUp, today: date) -> AgendaItem:
    escalation = item.kind is FollowUpKind.ESCALATION
    return AgendaItem(title=_short(describe(item, today), MAX_TITLE),
                      function=Function.MEDIATION if escalation else Function.FORMATIVE,
                      timebox_minutes=FOLLOW_UP_TIMEBOX,
                      source="escalation" if escalation else "goal")


def prefill_agenda(
    actions: list[Action],
    due_cases: list[CaseCoverage],
    session_id: str,
    today: date,
    cases: Iterable[Case] = (),
    follow_ups: list[FollowUp] | None = None,
) -> list[AgendaItem]:
    """Agenda items for a new session: high-risk cases due (their risk calls for discussion
    every session, and the last one did not reach them), open actions from earlier sessions,
    open escalations and learning goals coming due (`development.for_the_agenda`), then the
    other cases due.

    Actions are ordered by the risk of the case they belong to (looked up in `cases`, highest
    first), then overdue first and by due date; cases keep the coverage order (higher risk,
    then longest unseen).
    """
    risk = {c.ref.casefold(): c.risk.rank for c in cases}
    risk.update({c.case.ref.casefold(): c.case.risk.rank for c in due_cases})
    open_earlier = [a for a in actions if a.is_open and a.session_id != session_id]
    open_earlier.sort(key=lambda a: (
        -risk.get((a.case_ref or "").casefold(), -1),
        not a.is_overdue(today),
        a.due or date.max,
        a.created_at,
    ))
    def case_item(c: CaseCoverage) -> AgendaItem:
        return AgendaItem(title=case_title(c), function=Function.NORMATIVE, case_ref=c.case.ref,
                          timebox_minutes=CASE_TIMEBOX[c.case.risk.value], source="case")

    first = [case_item(c) for c in due_cases if c.case.risk is RiskLevel.HIGH]
    items = first + [
        AgendaItem(
            title=action_title(a, today),
            function=Function.NORMATIVE,
            case_ref=a.case_ref,
            timebox_minutes=ACTION_TIMEBOX,
            source="action",
        )
        for a in open_earlier
    ]
    items += [follow_up_item(f, today) for f in for_the_agenda(follow_ups or [], today)]
    items += [case_item(c) for c in due_cases if c.case.risk is not RiskLevel.HIGH]
    return items


# -- editing the agenda of a live session; every rule refuses a finalised record ---------------
def add_item(session: Session, item: AgendaItem) -> None:
    session.ensure_editable()
    item.validate()
    session.agenda.append(item)


def replace_item(session: Session, item: AgendaItem) -> None:
    """Put an edited copy of an item in place of the one with the same id."""
    session.ensure_editable()
    item.validate()
    for n, old in enumerate(session.agenda):
        if old.id == item.id:
            session.agenda[n] = item
            return
    raise ValidationError("That agenda item is no longer on the agenda.")


def _index(session: Session, item_id: str) -> int:
    for n, item in enumerate(session.agenda):
        if item.id == item_id:
            return n
    raise ValidationError("That agenda item is no longer on the agenda.")


def move_item(session: Session, item_id: str, delta: int) -> int:
    """Move an item up (negative) or down; returns its new position (unchanged at the ends)."""
    session.ensure_editable()
    n = _index(session, item_id)
    target = min(max(n + delta, 0), len(session.agenda) - 1)
    if target != n:
        session.agenda.insert(target, session.agenda.pop(n))
    return target


def remove_item(session: Session, item_id: str) -> AgendaItem:
    session.ensure_editable()
    item = session.agenda.pop(_index(session, item_id))
    if session.current_item_id == item_id:
        session.current_item_id = None
        session.current_item_started_at = None
    return item


def toggle_done(session: Session, item_id: str) -> bool:
    """Mark an item done (or not done again); finishing the current item clears it."""
    session.ensure_editable()
    item = session.agenda[_index(session, item_id)]
    item.done = not item.done
    if item.done and session.current_item_id == item_id:
        session.current_item_id = None
        session.current_item_started_at = None
    return item.done


def set_current(session: Session, item_id: str, at: datetime) -> None:
    """Take up an item now: its time box starts; a done item is reopened."""
    session.ensure_editable()
    item = session.agenda[_index(session, item_id)]
    item.done = False
    if item.taken_up_at is None:
        item.taken_up_at = at
    if session.current_item_id != item_id:
        session.current_item_id = item_id
        session.current_item_started_at = at


def timebox_left(session: Session, at: datetime) -> float | None:
    """Seconds left in the current item's time box (negative when over), or None."""
    item = session.current_item
    if item is None or item.timebox_minutes is None or session.current_item_started_at is None:
        return None
    return item.timebox_minutes * 60 - (at - session.current_item_started_at).total_seconds()


def session_left(session: Session, at: datetime) -> tuple[float, float]:
    """(elapsed, remaining) seconds of the agreed length; remaining is negative when over."""
    if session.started_at is None:
        return 0.0, session.duration_minutes * 60.0
    end = session.ended_at or at
    elapsed = max((end - session.started_at).total_seconds(), 0.0)
    return elapsed, session.duration_minutes * 60 - elapsed
