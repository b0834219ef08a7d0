"""The record service: every read and write of supervision records, as domain objects.

Synchronous and not thread-safe by design: the CLI calls it directly, the app through the
single writer (see `service.py`). Nothing here knows about Textual. The classes of a history's
rows are imported where a history is read (see `history_tables`): home's first frame reads none.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb.table import Table

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.hashchain import ChainHead
from supervisor_tui.domain.people import Agreement, Case, Supervisee, SupportNote
from supervisor_tui.domain.summary import SuperviseeSummary
from supervisor_tui.store.decision_log import DecisionLog
from supervisor_tui.store.drafts import DraftFiles
from supervisor_tui.store.errors import NotFoundError, StoreCorruptError, StoreError
from supervisor_tui.store.folder import valid_supervisee_id
from supervisor_tui.store.record_files import (
    ROSTER_TABLES,
    Q,
    decode_rows,
    history_tables,
    upsert_by_id,
)

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Action, CaseCopy
    from supervisor_tui.domain.development import FollowUp
    from supervisor_tui.domain.session import Session

__all__ = ["ROSTER_TABLES", "Records", "history_tables"]


class Records(DecisionLog, DraftFiles):
    """Every read and write of the supervision records (the decisions log in its own module,
    the files and their checks beneath it)."""

    # -- roster ------------------------------------------------------------------------------
    def supervisees(self, include_archived: bool = False) -> list[Supervisee]:
        people: list[Supervisee] = self.roster_rows("supervisees")
        if not all(valid_supervisee_id(p.id) for p in people):
            raise StoreCorruptError(self._roster_path, "table supervisees: an id is not valid")
        people.sort(key=lambda s: s.name.casefold())
        return [s for s in people if include_archived or not s.archived]

    def supervisee(self, supervisee_id: str) -> Supervisee:
        table = self._roster("supervisees")
        row = table.get(Q.id == supervisee_id)
        if row is None:
            raise NotFoundError(f"No supervisee with id {supervisee_id}.")
        return decode_rows(Supervisee, [row], table, self._roster_path)[0]

    def save_supervisee(self, supervisee: Supervisee) -> Supervisee:
        supervisee.validate()
        upsert_by_id(self._roster_for_write("supervisees"), to_dict(supervisee))
        self.seals.note_people({supervisee.id: supervisee.name})
        return supervisee

    def agreements(self, supervisee_id: str) -> list[Agreement]:
        """Every agreement of this supervisee, oldest first; the last is in force."""
        table = self._roster("agreements")
        rows = table.search(Q.supervisee_id == supervisee_id)
        found = decode_rows(Agreement, rows, table, self._roster_path)
        return sorted(found, key=lambda a: a.created_at)

    def agreements_by_person(self) -> dict[str, list[Agreement]]:
        """`agreements` of everyone, in one pass over the table (home's rows need them all)."""
        found: dict[str, list[Agreement]] = {}
        agreement: Agreement
        for agreement in self.roster_rows("agreements"):
            found.setdefault(agreement.supervisee_id, []).append(agreement)
        for versions in found.values():
            versions.sort(key=lambda a: a.created_at)
        return found

    def agreement(self, supervisee_id: str) -> Agreement | None:
        found = self.agreements(supervisee_id)
        return found[-1] if found else None

    def save_agreement(self, agreement: Agreement) -> Agreement:
        """Store a new version (a changed agreement is a new row; earlier ones are history)."""
        agreement.validate()
        upsert_by_id(self._roster_for_write("agreements"), to_dict(agreement))
        return agreement

    def setting(self, key: str, default: Any = None) -> Any:
        row = self._roster("settings").get(Q.key == key)
        return default if row is None else row.get("value", default)

    def set_setting(self, key: str, value: Any) -> None:
        self._roster_for_write("settings").upsert({"key": key, "value": value}, Q.key == key)

    # -- summaries (home screen) -------------------------------------------------------------
    def summaries(self) -> dict[str, SuperviseeSummary]:
        found: list[SuperviseeSummary] = self.roster_rows("summaries")
        return {s.supervisee_id: s for s in found}

    def refresh_summary(self, supervisee_id: str,
                        sessions: list[Session] | None = None) -> SuperviseeSummary:
        """Work out and keep this supervisee's summary (facts that hold on any day), from
        `sessions` if the caller holds them as they are on disk now."""
        from supervisor_tui.domain.summary import summarise

        summary = summarise(
            supervisee_id, self.sessions(supervisee_id) if sessions is None else sessions,
            self.actions(supervisee_id),
            self.cases(supervisee_id), self.decisions(supervisee_id),
        )
        if self.folder.read_only:  # worked out for this reading only
            return summary
        doc = to_dict(summary)
        table = self._roster_for_write("summaries")
        current = table.get(Q.supervisee_id == supervisee_id)
        if current is None or dict(current) != doc:
            table.upsert(doc, Q.supervisee_id == supervisee_id)
        return summary

    # -- per supervisee ----------------------------------------------------------------------
    def sessions(self, supervisee_id: str) -> list[Session]:
        """Every session in this supervisee's history, oldest first."""
        from supervisor_tui.domain.session import Session

        found = self._rows(Session, supervisee_id, "sessions")
        return sorted(found, key=lambda s: s.when)

    def sessions_from(self, supervisee_id: str, day: date) -> list[Session]:
        """Sessions planned, held or moved from `day` on, oldest first. Older rows are skipped
        before decoding (dates compared by their ISO day, so pass a day or two of margin)."""
        from supervisor_tui.domain.session import Session

        cutoff = day.isoformat()
        table = self._table(supervisee_id, "sessions")
        rows = [row for row in table.all()
                if any(isinstance(row.get(k), str) and row[k][:10] >= cutoff
                       for k in ("started_at", "planned_start", "rescheduled_from"))]
        found = decode_rows(Session, rows, table, str(self.folder.supervisee_path(supervisee_id)))
        return sorted(found, key=lambda s: s.when)

    def session(self, supervisee_id: str, session_id: str) -> Session:
        from supervisor_tui.domain.session import Session

        table = self._table(supervisee_id, "sessions")
        row = table.get(Q.id == session_id)
        if row is None:
            raise NotFoundError(f"No session with id {session_id}.")
        where = str(self.folder.supervisee_path(supervisee_id))
        return decode_rows(Session, [row], table, where)[0]

    def save_session(self, session: Session,
                     before: dict[str, list[Session]] | None = None) -> Session:
        """Write the whole session into every attendee's history and refresh their summaries.
        `before`: sessions by supervisee id, as read just before (not read again)."""
        self._write_everywhere(session)
        for sid in session.supervisee_ids:
            known = None
            if before is not None and sid in before:
                known = [session if s.id == session.id else s for s in before[sid]]
                if not any(s.id == session.id for s in before[sid]):
                    known.append(session)  # a new row goes last, as a fresh read has it
                known.sort(key=lambda s: s.when)
            self.refresh_summary(sid, known)
        return session

    def save_notes(self, session: Session) -> None:
        """The autosave path: write the session without recomputing summaries."""
        self._write_everywhere(session)

    def _write_everywhere(self, session: Session) -> None:
        """Write the session into each attendee's file, first attendee first; all or nothing.

        If one file cannot be written, the files already written get their earlier copy
        back before the error is raised, so a save reported failed leaves no trace. A crash
        part way leaves the first attendee's copy the newest: `complete_group_copies` copies
        it to the others at the next open.
        """
        written: list[tuple[Table, dict[str, Any] | None]] = []
        heads: list[ChainHead] = []
        try:
            for sid in session.supervisee_ids:
                table = self._table_for_write(sid, "sessions")
                stored = table.get(Q.id == session.id)
                before = dict(stored) if stored is not None else None
                doc = to_dict(session)
                head = self.seals.seal_row(sid, "sessions", doc, before)
                upsert_by_id(table, doc)
                written.append((table, before))
                if head is not None:
                    heads.append(head)
        except StoreError:
            for table, before in reversed(written):
                with contextlib.suppress(StoreError):  # what stays is completed at open
                    if before is None:
                        table.remove(Q.id == session.id)
                    else:
                        upsert_by_id(table, before)
            raise
        for head in heads:  # a crash before these leaves files one save ahead: see open
            self.seals.write_head(head)

    def complete_group_copies(self, supervisee_id: str) -> int:
        """Make every attendee's copy of the group sessions this person leads (is first
        attendee of) the same as theirs: finishes a save a crash cut off. How many copies
        were written."""
        if not valid_supervisee_id(supervisee_id):
            return 0
        fixed = 0
        on_roster: set[str] | None = None  # read once, and only if a file is missing
        for row in self._table(supervisee_id, "sessions").all():
            attendees = row.get("supervisee_ids")
            if not isinstance(attendees, list) or len(attendees) < 2 \
                    or attendees[0] != supervisee_id:
                continue
            doc = {k: v for k, v in row.items() if k != "seal"}
            for other in attendees[1:]:
                if not (isinstance(other, str) and valid_supervisee_id(other)):
                    continue
                if not self.folder.supervisee_path(other).exists():
                    if on_roster is None:
                        on_roster = {p.id for p in self.supervisees(include_archived=True)}
                    if other not in on_roster:
                        continue  # nobody of that id: nothing to complete
                try:
                    theirs = self._table(other, "sessions").get(Q.id == doc["id"])
                    if theirs is None or {**theirs, "seal": None} != {**doc, "seal": None}:
                        self._write_sealed(other, "sessions", dict(doc), Q.id == doc["id"])
                        self.refresh_summary(other)
                        fixed += 1
                except StoreError:  # their file is damaged or cannot be written: left as is
                    continue
        return fixed

    def actions(self, supervisee_id: str) -> list[Action]:
        from supervisor_tui.domain.decisions import Action

        return self._rows(Action, supervisee_id, "actions")

    def save_action(self, action: Action) -> Action:
        action.validate()
        self._write_sealed(action.supervisee_id, "actions", to_dict(action), Q.id == action.id)
        self.refresh_summary(action.supervisee_id)
        return action

    def case_copies(self, supervisee_id: str) -> list[CaseCopy]:
        from supervisor_tui.domain.decisions import CaseCopy

        return self._rows(CaseCopy, supervisee_id, "case_copies")

    def mark_copied(self, supervisee_id: str, copy: CaseCopy) -> CaseCopy:
        """Keep that a decision was copied into its case record: the first copy is what is
        kept (and returned, `copy` itself only if it is the first)."""
        earlier = next((c for c in self.case_copies(supervisee_id) if c.id == copy.id), None)
        if earlier is not None:
            return earlier
        self._write_sealed(supervisee_id, "case_copies", to_dict(copy), Q.id == copy.id)
        return copy

    def cases(self, supervisee_id: str) -> list[Case]:
        found = self._rows(Case, supervisee_id, "cases")
        return sorted(found, key=lambda c: c.ref.casefold())

    def save_case(self, supervisee_id: str, case: Case) -> Case:
        case.validate()
        self._write_sealed(supervisee_id, "cases", to_dict(case), Q.ref == case.ref)
        self.refresh_summary(supervisee_id)
        return case

    def follow_ups(self, supervisee_id: str) -> list[FollowUp]:
        """Learning goals and escalations, in the order they were raised."""
        from supervisor_tui.domain.development import FollowUp

        found = self._rows(FollowUp, supervisee_id, "follow_ups")
        return sorted(found, key=lambda f: f.raised_at)

    def save_follow_up(self, item: FollowUp) -> FollowUp:
        item.validate()
        self._write_sealed(item.supervisee_id, "follow_ups", to_dict(item), Q.id == item.id)
        return item

    def support_note(self, supervisee_id: str) -> SupportNote | None:
        found = self._rows(SupportNote, supervisee_id, "support")
        return found[0] if found else None

    def save_support_note(self, note: SupportNote) -> SupportNote:
        note.validate()
        self._write_sealed(note.supervisee_id, "support", to_dict(note), Q.id == note.id)
        return note
