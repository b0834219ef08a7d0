"""Loading a supervisee's whole record (or everyone's) for exports, the audit and backups."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.session import Session
from supervisor_tui.store.errors import NotFoundError
from supervisor_tui.store.records import Records

T = TypeVar("T")

#: Called after each supervisee is loaded with (done, total).
Progress = Callable[[int, int], None]


def passing_read(records: Records, supervisee_id: str, fn: Callable[[], T]) -> T:
    """Run `fn`, then let the supervisee's file go again unless it was already in use: a pass
    over every history should not keep them all in memory (nor drop one a screen is using)."""
    was_loaded = records.folder.is_loaded(supervisee_id)
    try:
        return fn()
    finally:
        if not was_loaded:
            records.folder.forget(supervisee_id)


def load_bundle(records: Records, supervisee_id: str) -> SuperviseeRecords:
    return SuperviseeRecords(
        supervisee=records.supervisee(supervisee_id),
        agreements=records.agreements(supervisee_id),
        cases=records.cases(supervisee_id),
        sessions=records.sessions(supervisee_id),
        decisions=records.decisions(supervisee_id),
        actions=records.actions(supervisee_id),
        case_copies=records.case_copies(supervisee_id),
        follow_ups=records.follow_ups(supervisee_id),
    )


def load_bundles(records: Records, progress: Progress | None = None,
                 include_archived: bool = True) -> list[SuperviseeRecords]:
    """Every supervisee's records, by name; each file is read once and then let go."""
    people = records.supervisees(include_archived=include_archived)
    found = []
    for n, person in enumerate(people, start=1):
        found.append(passing_read(records, person.id, partial(load_bundle, records, person.id)))
        if progress is not None:
            progress(n, len(people))
    return found


def find_session(records: Records, session_id: str, progress: Progress | None = None
                 ) -> tuple[Session, list[SuperviseeRecords]]:
    """The session and the records of every attendee (a group session is in each file)."""
    people = records.supervisees(include_archived=True)
    known = {p.id for p in people}
    for n, person in enumerate(people, start=1):
        sessions = passing_read(records, person.id, partial(records.sessions, person.id))
        for session in sessions:
            if session.id == session_id:
                return session, [load_bundle(records, sid) for sid in session.supervisee_ids
                                 if sid in known]
        if progress is not None:
            progress(n, len(people))
    raise NotFoundError(f"No session with id {session_id}.")
