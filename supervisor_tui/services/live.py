"""The live session: starting or resuming it, and every save made while it runs.

The rule for resuming: `s` on a person resumes any session they attend that is in progress,
one-to-one or group; with more than one in progress, the most recently started is resumed and
the others are reported so the screen can say so. Choosing a group's attendees (`g`) resumes
the session in progress with exactly that set of attendees, in whatever order they were picked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from supervisor_tui.domain.agenda import prefill_agenda, wellbeing_item
from supervisor_tui.domain.balance import (
    DEFAULT_WELLBEING,
    WellbeingRule,
    opening_scores,
    wellbeing_concern,
)
from supervisor_tui.domain.coverage import cases_due
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import CancelledBy, SessionStatus, SessionType
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.errors import NotFoundError
from supervisor_tui.store.records import Records


@dataclass
class LiveSession:
    session: Session
    names: dict[str, str]
    """Attendee id -> name, in the session's order."""
    resumed: bool
    others: list[Session] = field(default_factory=list)
    """Other sessions in progress for the same person or attendees, left as they are."""


def session_length(records: Records, supervisee_id: str, default_minutes: int) -> int:
    agreement = records.agreement(supervisee_id)
    return agreement.duration_minutes if agreement is not None else default_minutes


def _started(session: Session) -> datetime:
    return session.started_at or session.created_at


def _current_copy(records: Records, found: Session, read_from: str) -> Session:
    """The copy of `found` in its first attendee's file.

    A session is saved into its attendees' files in their order, so if a save stopped part
    way the first attendee's copy is the newest; `s` on any attendee and `g` then resume the
    same record.
    """
    first = found.supervisee_ids[0]
    if first == read_from:
        return found
    try:
        return records.session(first, found.id)
    except NotFoundError:
        return found


def sessions_in_progress(records: Records, supervisee_ids: list[str],
                         history: list[Session]) -> list[Session]:
    """Sessions in progress for these attendees, most recently started first; `history` is
    the first attendee's.

    One id: every session that person attends (one-to-one or group). Several ids: sessions
    with exactly that set of attendees.
    """
    read_from = supervisee_ids[0]
    wanted = set(supervisee_ids)
    found = []
    for s in history:
        if s.status is not SessionStatus.IN_PROGRESS:
            continue
        if len(wanted) > 1 and set(s.supervisee_ids) != wanted:
            continue
        current = _current_copy(records, s, read_from)
        if current.status is SessionStatus.IN_PROGRESS:
            found.append(current)
    return sorted(found, key=_started, reverse=True)


def attendee_names(records: Records, supervisee_ids: list[str]) -> dict[str, str]:
    return {sid: records.supervisee(sid).name for sid in supervisee_ids}


def open_live_session(ws: Workspace, supervisee_ids: list[str], default_minutes: int,
                      wellbeing: WellbeingRule = DEFAULT_WELLBEING) -> LiveSession:
    """Resume the session in progress for these attendees, else start one now and save it.

    A session planned for today is started rather than a new one created; a new one-to-one's
    agenda is pre-filled with a restorative item when the person's check-ins call for it
    (see `wellbeing`), then earlier open actions and cases due for discussion.
    """
    records, at = ws.records, ws.clock()
    first = supervisee_ids[0]
    history = records.sessions(first)
    in_progress = sessions_in_progress(records, supervisee_ids, history)
    if in_progress:
        latest, *others = in_progress
        return LiveSession(latest, attendee_names(records, latest.supervisee_ids),
                           resumed=True, others=others)
    today = at.date()
    planned = [
        s for s in history
        if s.status is SessionStatus.PLANNED and set(s.supervisee_ids) == set(supervisee_ids)
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
    if not session.agenda and len(supervisee_ids) == 1:
        # A group's agenda starts empty: one person's actions and cases are theirs, not the
        # group's, and the screen may be shared.
        concern = wellbeing_concern(opening_scores(first, history), wellbeing)
        if concern is not None:
            session.agenda.append(wellbeing_item(concern))
        for sid in supervisee_ids:
            cases = records.cases(sid)
            sessions = history if sid == first else records.sessions(sid)
            due = cases_due(cases, sessions, records.decisions(sid))
            session.agenda += prefill_agenda(records.actions(sid), due, session.id, today, cases,
                                             records.follow_ups(sid))
    session.start(at)
    records.save_session(session, before={first: history})
    return LiveSession(session, attendee_names(records, session.supervisee_ids), resumed=False)


# -- saves while the session runs; the screens send a copy of what they hold ------------------
def save_session(ws: Workspace, session: Session) -> Session:
    """The whole session (structure and notes) into every attendee's history."""
    return ws.records.save_session(session)


def save_notes(ws: Workspace, session: Session) -> None:
    """The autosave path: the session without recomputing the attendees' summaries."""
    ws.records.save_notes(session)


def add_decision(ws: Workspace, decision: Decision) -> Decision:
    return ws.records.add_decision(decision)


def save_action(ws: Workspace, action: Action) -> Action:
    return ws.records.save_action(action)


def own_open_actions(ws: Workspace, supervisee_id: str) -> list[Action]:
    """One attendee's open actions, for the private step of a group session: earliest due
    first (undated last)."""
    open_now = [a for a in ws.records.actions(supervisee_id) if a.is_open]
    return sorted(open_now, key=lambda a: (a.due is None, a.due or a.created_at.date()))


def close_own_actions(ws: Workspace, supervisee_id: str, action_ids: list[str],
                      session_id: str) -> int:
    """Mark these of one attendee's actions done in this (group) session, in their own log
    only; how many were closed."""
    closed = 0
    for action in ws.records.actions(supervisee_id):
        if action.id in action_ids and action.is_open:
            action.close(session_id=session_id, at=ws.clock())
            ws.records.save_action(action)
            closed += 1
    return closed


@dataclass
class Logs:
    """The attendees' names and their running logs, one log after another (each in the order
    it was written); for a group session, only what was decided and agreed in it."""

    names: dict[str, str]
    decisions: list[Decision]
    actions: list[Action]


def load_logs(ws: Workspace, supervisee_ids: list[str], session_id: str | None = None) -> Logs:
    """With several attendees and a `session_id` (a group session, on a screen the group may
    see), each person's one-to-one decisions and actions are left out: only this session's."""
    records = ws.records
    logs = Logs({}, [], [])
    group_only = session_id is not None and len(supervisee_ids) > 1
    for sid in supervisee_ids:
        try:
            logs.names[sid] = records.supervisee(sid).name
        except NotFoundError:
            logs.names[sid] = ""
        decisions, actions = records.decisions(sid), records.actions(sid)
        if group_only:
            decisions = [d for d in decisions if d.session_id == session_id]
            # Agreed in this group, or agreed in an earlier group and closed in this one; one
            # person's own actions closed in its private step stay theirs.
            closed_here = {a.session_id for a in actions if a.closed_in_session == session_id
                           and a.session_id != session_id}
            groups = {x.id for x in records.sessions(sid) if x.is_group and x.id in closed_here} \
                if closed_here else set()  # read only when something was closed here
            actions = [a for a in actions if a.session_id == session_id
                       or (a.closed_in_session == session_id and a.session_id in groups)]
        logs.decisions += decisions
        logs.actions += actions
    return logs


def keep_draft(ws: Workspace, supervisee_id: str, kind: str, doc: dict[str, Any]) -> None:
    """Keep what was typed in a form (one draft per kind of form and supervisee)."""
    ws.records.keep_draft(supervisee_id, kind, doc)


def read_draft(ws: Workspace, supervisee_id: str, kind: str) -> dict[str, Any] | None:
    """The kept draft of this kind, left in the store (a form opened later hands it back)."""
    return ws.records.draft(supervisee_id, kind)


def take_draft(ws: Workspace, supervisee_id: str, kind: str) -> dict[str, Any] | None:
    """The kept draft of this kind, removed from the store as it is handed back."""
    return ws.records.take_draft(supervisee_id, kind)


# -- putting a mistake right, in the open ------------------------------------------------------
def discardable(ws: Workspace, session: Session) -> bool:
    """Whether the session can be discarded: started by accident, nothing recorded in it (no
    notes, check-ins, agenda work, decisions or actions)."""
    if session.status is not SessionStatus.IN_PROGRESS or session.has_record():
        return False
    return not any(d.session_id == session.id
                   for sid in session.supervisee_ids for d in ws.records.decisions(sid)) and \
        not any(a.session_id == session.id or a.closed_in_session == session.id
                for sid in session.supervisee_ids for a in ws.records.actions(sid))


def discard_session(ws: Workspace, session: Session) -> Session:
    """Undo a start made by accident: it then counts as neither held nor cancelled (a planned
    date goes back to planned). Refused once anything is recorded: cancel it instead."""
    if not discardable(ws, session):
        raise ValidationError("Something is recorded in this session; cancel it with a reason "
                              "instead.")
    session.discard(ws.clock())
    return ws.records.save_session(session)


def cancel_session(ws: Workspace, session: Session, reason: str, by: CancelledBy,
                   rebook: datetime | None = None) -> Session:
    """Call off a session that began but could not go on: what was recorded is kept, and it
    counts as cancelled, not held; with `rebook`, a session is planned then in its place."""
    from supervisor_tui.services.schedule import rebook_cancelled

    session.cancel(reason, by, ws.clock())
    saved = ws.records.save_session(session)
    return rebook_cancelled(ws, saved, rebook) if rebook is not None else saved
