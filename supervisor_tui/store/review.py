"""Reading and changing records between sessions: the history of one supervisee, amendments
and late entries to finalised records, closing and re-dating actions. Run through the writer:
`await service.run(load_history, supervisee_id)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import ActionStatus
from supervisor_tui.domain.people import Case, Supervisee
from supervisor_tui.domain.session import RecordEntry, Session
from supervisor_tui.store.errors import NotFoundError
from supervisor_tui.store.records import Records


@dataclass
class History:
    supervisee: Supervisee
    names: dict[str, str]
    """Every supervisee's name by id (group sessions name all attendees)."""
    sessions: list[Session]
    """Newest first."""
    decisions: list[Decision]
    actions: list[Action]
    cases: list[Case]


def load_history(records: Records, supervisee_id: str) -> History:
    people = records.supervisees(include_archived=True)
    sessions = records.sessions(supervisee_id)
    sessions.reverse()
    return History(
        supervisee=records.supervisee(supervisee_id),
        names={p.id: p.name for p in people},
        sessions=sessions,
        decisions=records.decisions(supervisee_id),
        actions=records.actions(supervisee_id),
        cases=records.cases(supervisee_id),
    )


def add_record_entry(records: Records, supervisee_id: str, session_id: str,
                     entry: RecordEntry) -> Session:
    """Append an amendment or late entry to a finalised record; the rest stays as it was."""
    session = records.session(supervisee_id, session_id)
    session.add_entry(entry)
    return records.save_session(session)


def _action(records: Records, supervisee_id: str, action_id: str) -> Action:
    for action in records.actions(supervisee_id):
        if action.id == action_id:
            return action
    raise NotFoundError(f"No action with id {action_id}.")


def close_action(records: Records, supervisee_id: str, action_id: str, status: ActionStatus,
                 at: datetime | None = None) -> Action:
    action = _action(records, supervisee_id, action_id)
    action.close(status, at=at)
    return records.save_action(action)


def redate_action(records: Records, supervisee_id: str, action_id: str,
                  due: date | None) -> Action:
    action = _action(records, supervisee_id, action_id)
    action.redate(due)
    return records.save_action(action)
