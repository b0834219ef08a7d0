"""Starting or resuming the live session of a supervisee (one writer job, run via `service.run`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supervisor_tui.domain.agenda import prefill_agenda
from supervisor_tui.domain.coverage import cases_due
from supervisor_tui.domain.enums import SessionStatus, SessionType
from supervisor_tui.domain.session import Session
from supervisor_tui.store.records import Records


@dataclass
class LiveSession:
    session: Session
    names: dict[str, str]
    """Attendee id -> name, in the session's order."""
    resumed: bool


def session_length(records: Records, supervisee_id: str, default_minutes: int) -> int:
    agreement = records.agreement(supervisee_id)
    return agreement.duration_minutes if agreement is not None else default_minutes


def open_live_session(records: Records, supervisee_ids: list[str], at: datetime,
                      default_minutes: int) -> LiveSession:
    """Resume the session in progress for these attendees, else start one and save it.

    A session planned for today is started rather than a new one created; a new session's
    agenda is pre-filled with earlier open actions and cases due for discussion.
    """
    first = supervisee_ids[0]
    names = {sid: records.supervisee(sid).name for sid in supervisee_ids}
    history = records.sessions(first)
    for s in reversed(history):
        if s.status is SessionStatus.IN_PROGRESS and s.supervisee_ids == supervisee_ids:
            return LiveSession(s, names, resumed=True)
    today = at.date()
    planned = [
        s for s in history
        if s.status is SessionStatus.PLANNED and s.supervisee_ids == supervisee_ids
        and s.planned_start is not None and s.planned_start.astimezone(at.tzinfo).date() == today
    ]
    if planned:
        session = planned[0]
    else:
        kind = SessionType.GROUP if len(supervisee_ids) > 1 else (
            SessionType.PLANNED if records.agreement(first) else SessionType.AD_HOC
        )
        session = Session(
            list(supervisee_ids), type=kind,
            duration_minutes=session_length(records, first, default_minutes), created_at=at,
        )
    if not session.agenda:
        for sid in supervisee_ids:
            cases = records.cases(sid)
            due = cases_due(cases, records.sessions(sid), records.decisions(sid))
            session.agenda += prefill_agenda(records.actions(sid), due, session.id, today, cases)
    session.start(at)
    records.save_session(session)
    return LiveSession(session, names, resumed=False)
