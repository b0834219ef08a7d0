"""History and review between sessions: one supervisee's history, amendments and late entries to
finalised records, closing and re-dating actions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from supervisor_tui.domain.balance import (
    Balance,
    WellbeingPoint,
    function_balance,
    wellbeing_series,
)
from supervisor_tui.domain.coverage import CaseCoverage, case_coverage
from supervisor_tui.domain.decisions import Action, CaseCopy, Decision, threaded
from supervisor_tui.domain.enums import ActionStatus
from supervisor_tui.domain.people import Case, Supervisee, ValidationError
from supervisor_tui.domain.session import RecordEntry, Session, SignOff
from supervisor_tui.reports.case_extract import decision_for_case_record
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.errors import NotFoundError
from supervisor_tui.store.records import Records

HISTORY = "history"


@dataclass
class History:
    supervisee: Supervisee
    names: dict[str, str]
    """Every supervisee's name by id (group sessions name all attendees)."""
    sessions: list[Session]
    """Newest first."""
    decisions: list[Decision]
    log: list[tuple[Decision, int]]
    """The decisions as the running log lists them (see `threaded`)."""
    actions: list[Action]
    cases: list[Case]
    copied: dict[str, CaseCopy]
    """When each decision was copied into its case record, by decision id."""
    coverage: list[CaseCoverage]
    balance: Balance
    group_balance: Balance
    """The balance of the group sessions this person attended."""
    wellbeing: list[WellbeingPoint]
    decision_counts: dict[str, int]
    """How many decisions each session recorded, by session id."""


def load_history(ws: Workspace, supervisee_id: str) -> History:
    """One supervisee's history. What comes from their file is kept for the last one loaded,
    and used again while the file has been neither written nor read again since; names and
    the person themselves are read from the roster each time."""
    records = ws.records
    people = records.supervisees(include_archived=True)
    supervisee = records.supervisee(supervisee_id)
    names = {p.id: p.name for p in people}
    kept = ws.kept.get(HISTORY)
    if kept is None or kept[0] != (supervisee_id, ws.folder.held_version(supervisee_id)):
        history = _work_out(ws, supervisee_id, supervisee, names)
    else:
        history = cast(History, kept[1])
        if history.supervisee != supervisee or history.names != names:
            history = replace(history, supervisee=supervisee, names=names)
    ws.kept[HISTORY] = ((supervisee_id, ws.folder.held_version(supervisee_id)), history)
    return history


def _work_out(ws: Workspace, supervisee_id: str, supervisee: Supervisee,
              names: dict[str, str]) -> History:
    records = ws.records
    sessions = records.sessions(supervisee_id)
    sessions.reverse()
    decisions = records.decisions(supervisee_id)
    cases = records.cases(supervisee_id)
    # What the review tabs show is worked out here, on the writer, not on the UI thread.
    return History(
        supervisee=supervisee,
        names=names,
        sessions=sessions,
        decisions=decisions,
        log=threaded(decisions),
        actions=records.actions(supervisee_id),
        cases=cases,
        copied={c.id: c for c in records.case_copies(supervisee_id)},
        coverage=case_coverage(cases, sessions, decisions),
        balance=function_balance(supervisee_id, sessions),
        group_balance=function_balance(supervisee_id, sessions, group=True),
        wellbeing=wellbeing_series(supervisee_id, sessions),
        decision_counts=dict(Counter(d.session_id for d in decisions)),
    )


def warm_history(ws: Workspace, supervisee_id: str) -> None:
    """Load this supervisee's history ahead, for the person the home cursor rests on (their
    history is usually next): `load_history` then hands it out at once."""
    load_history(ws, supervisee_id)


def add_record_entry(ws: Workspace, supervisee_id: str, session_id: str,
                     entry: RecordEntry) -> Session:
    """Append an amendment or late entry to a finalised record; the rest stays as it was."""
    session = ws.records.session(supervisee_id, session_id)
    session.add_entry(entry)
    return ws.records.save_session(session)


def _action(records: Records, supervisee_id: str, action_id: str) -> Action:
    for action in records.actions(supervisee_id):
        if action.id == action_id:
            return action
    raise NotFoundError(f"No action with id {action_id}.")


def close_action(ws: Workspace, supervisee_id: str, action_id: str,
                 status: ActionStatus) -> Action:
    """Close an open action now (done or dropped) from the history screen."""
    action = _action(ws.records, supervisee_id, action_id)
    action.close(status, at=ws.clock())
    return ws.records.save_action(action)


def redate_action(ws: Workspace, supervisee_id: str, action_id: str,
                  due: date | None) -> Action:
    action = _action(ws.records, supervisee_id, action_id)
    action.redate(due)
    return ws.records.save_action(action)


def sign_off_later(ws: Workspace, supervisee_id: str, session_id: str, initials: str) -> Session:
    """The supervisee confirms a finalised record after the session (from history): who and
    when are kept, marked as signed later."""
    session = ws.records.session(supervisee_id, session_id)
    session.sign_off(SignOff(supervisee_id, initials, at=ws.clock(), late=True))
    return ws.records.save_session(session)


@dataclass(frozen=True)
class CaseRecordText:
    text: str
    copied: CaseCopy
    """When it was first copied (now, or earlier)."""
    before: bool
    """Copied before (this is a second copy)."""


def copy_to_case_record(ws: Workspace, supervisee_id: str, decision_id: str) -> CaseRecordText:
    """A decision as text for its case's own record, and kept as copied (the first time)."""
    records = ws.records
    decisions = {d.id: d for d in records.decisions(supervisee_id)}
    decision = decisions.get(decision_id)
    if decision is None:
        raise NotFoundError(f"No decision with id {decision_id}.")
    if not decision.case_ref:
        raise ValidationError("This decision names no case: only a decision about a case "
                              "goes into a case's record.")
    now = CaseCopy(decision_id, at=ws.clock())
    copied = records.mark_copied(supervisee_id, now)
    text = decision_for_case_record(decision, records.supervisee(supervisee_id).name,
                                    decisions.get(decision.amends or ""))
    return CaseRecordText(text, copied, before=copied is not now)
