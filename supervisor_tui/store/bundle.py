"""Loading a supervisee's whole record (or everyone's) for exports, the audit and backups."""

from __future__ import annotations

from collections.abc import Callable

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.session import Session
from supervisor_tui.store.errors import NotFoundError
from supervisor_tui.store.records import Records

#: Called after each supervisee is loaded with (done, total).
Progress = Callable[[int, int], None]


def load_bundle(records: Records, supervisee_id: str) -> SuperviseeRecords:
    return SuperviseeRecords(
        supervisee=records.supervisee(supervisee_id),
        agreements=records.agreements(supervisee_id),
        cases=records.cases(supervisee_id),
        sessions=records.sessions(supervisee_id),
        decisions=records.decisions(supervisee_id),
        actions=records.actions(supervisee_id),
    )


def load_bundles(records: Records, progress: Progress | None = None,
                 include_archived: bool = True) -> list[SuperviseeRecords]:
    """Every supervisee's records, by name; each file is read once and then let go."""
    people = records.supervisees(include_archived=include_archived)
    found = []
    for n, person in enumerate(people, start=1):
        found.append(load_bundle(records, person.id))
        records.folder.forget(person.id)
        if progress is not None:
            progress(n, len(people))
    return found


def find_session(records: Records, session_id: str, progress: Progress | None = None
                 ) -> tuple[Session, list[SuperviseeRecords]]:
    """The session and the records of every attendee (a group session is in each file)."""
    people = records.supervisees(include_archived=True)
    for n, person in enumerate(people, start=1):
        for session in records.sessions(person.id):
            if session.id == session_id:
                known = {p.id for p in people}
                return session, [load_bundle(records, sid) for sid in session.supervisee_ids
                                 if sid in known]
        records.folder.forget(person.id)
        if progress is not None:
            progress(n, len(people))
    raise NotFoundError(f"No session with id {session_id}.")
