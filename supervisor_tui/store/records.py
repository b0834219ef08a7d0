"""The record service: every read and write of supervision records, as domain objects.

Synchronous and not thread-safe by design: the CLI calls it directly, the app through the
single writer (see `service.py`). Nothing here knows about Textual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from tinydb import Query
from tinydb.table import Table

from supervisor_tui.domain.codec import DecodeError, from_dict, to_dict
from supervisor_tui.domain.decisions import Action, CaseCopy, Decision
from supervisor_tui.domain.hashchain import ChainHead, seal_decision
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.summary import SuperviseeSummary, summarise
from supervisor_tui.store.errors import NotFoundError, StoreCorruptError, StoreError
from supervisor_tui.store.folder import ROSTER, DataFolder, valid_supervisee_id
from supervisor_tui.store.sealing import Sealer

T = TypeVar("T")
Q = Query()


def _decode(cls: type[T], rows: Iterable[dict[str, Any]], table: Table, where: str) -> list[T]:
    try:
        return [from_dict(cls, dict(row)) for row in rows]
    except DecodeError as exc:
        raise StoreCorruptError(where, f"table {table.name}: {exc}") from None


def _upsert(table: Table, doc: dict[str, Any]) -> None:
    table.upsert(doc, Q.id == doc["id"])


#: The tables of each kind of file and the domain class of their rows.
ROSTER_TABLES: dict[str, type] = {
    "supervisees": Supervisee, "agreements": Agreement, "summaries": SuperviseeSummary,
    "chain_heads": ChainHead,
}
HISTORY_TABLES: dict[str, type] = {
    "sessions": Session, "decisions": Decision, "actions": Action, "cases": Case,
    "case_copies": CaseCopy,
}


class Records:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.seals = Sealer(folder)
        self._chains_settled: set[str] = set()
        self._checked: set[str] = set()
        """Files whose every row decoded; only those are written (a damaged file is left as is)."""

    # -- integrity ---------------------------------------------------------------------------
    def _check(self, key: str, tables: dict[str, Table], classes: dict[str, type],
               where: str) -> None:
        if key in self._checked:
            return
        for name, cls in classes.items():
            _decode(cls, tables[name].all(), tables[name], where)
        self._checked.add(key)

    def check_roster(self) -> None:
        """Decode every row of roster.json; raise StoreCorruptError naming it if one is bad."""
        tables = {name: self._roster(name) for name in ROSTER_TABLES}
        self._check(ROSTER, tables, ROSTER_TABLES, self._roster_path)

    def check_history(self, supervisee_id: str) -> None:
        """Decode every row of one supervisee's file (once per run, before its first write)."""
        tables = {name: self._table(supervisee_id, name) for name in HISTORY_TABLES}
        where = str(self.folder.supervisee_path(supervisee_id))
        self._check(supervisee_id, tables, HISTORY_TABLES, where)

    @property
    def _roster_path(self) -> str:
        return str(self.folder.path / ROSTER)

    def _roster_for_write(self, name: str) -> Table:
        self.check_roster()
        return self._roster(name)

    def _table_for_write(self, supervisee_id: str, name: str) -> Table:
        self.check_history(supervisee_id)
        return self._table(supervisee_id, name)

    # -- roster ------------------------------------------------------------------------------
    def _roster(self, name: str) -> Table:
        return self.folder.roster.table(name)

    def supervisees(self, include_archived: bool = False) -> list[Supervisee]:
        table = self._roster("supervisees")
        people = _decode(Supervisee, table.all(), table, self._roster_path)
        if not all(valid_supervisee_id(p.id) for p in people):
            raise StoreCorruptError(self._roster_path, "table supervisees: an id is not valid")
        people.sort(key=lambda s: s.name.casefold())
        return [s for s in people if include_archived or not s.archived]

    def supervisee(self, supervisee_id: str) -> Supervisee:
        table = self._roster("supervisees")
        row = table.get(Q.id == supervisee_id)
        if row is None:
            raise NotFoundError(f"No supervisee with id {supervisee_id}.")
        return _decode(Supervisee, [row], table, self._roster_path)[0]

    def save_supervisee(self, supervisee: Supervisee) -> Supervisee:
        supervisee.validate()
        _upsert(self._roster_for_write("supervisees"), to_dict(supervisee))
        self.seals.note_people({supervisee.id: supervisee.name})
        return supervisee

    def agreements(self, supervisee_id: str) -> list[Agreement]:
        """Every agreement of this supervisee, oldest first; the last is in force."""
        table = self._roster("agreements")
        rows = table.search(Q.supervisee_id == supervisee_id)
        found = _decode(Agreement, rows, table, self._roster_path)
        return sorted(found, key=lambda a: a.created_at)

    def agreement(self, supervisee_id: str) -> Agreement | None:
        found = self.agreements(supervisee_id)
        return found[-1] if found else None

    def save_agreement(self, agreement: Agreement) -> Agreement:
        """Store a new version (a changed agreement is a new row; earlier ones are history)."""
        agreement.validate()
        _upsert(self._roster_for_write("agreements"), to_dict(agreement))
        return agreement

    def setting(self, key: str, default: Any = None) -> Any:
        row = self._roster("settings").get(Q.key == key)
        return default if row is None else row.get("value", default)

    def set_setting(self, key: str, value: Any) -> None:
        self._roster_for_write("settings").upsert({"key": key, "value": value}, Q.key == key)

    # -- summaries (home screen) -------------------------------------------------------------
    def summaries(self) -> dict[str, SuperviseeSummary]:
        table = self._roster("summaries")
        found = _decode(SuperviseeSummary, table.all(), table, self._roster_path)
        return {s.supervisee_id: s for s in found}

    def refresh_summary(self, supervisee_id: str) -> SuperviseeSummary:
        """Work out and keep this supervisee's summary (facts that hold on any day)."""
        summary = summarise(
            supervisee_id, self.sessions(supervisee_id), self.actions(supervisee_id),
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
    def file_version(self, supervisee_id: str) -> tuple[object, int]:
        """Which copy of this supervisee's file is held and how often it was written since
        it was read: caches built from the file compare it to know they are stale."""
        storage = self.folder.supervisee_db(supervisee_id).storage
        return storage, getattr(storage, "generation", 0)

    def _table(self, supervisee_id: str, name: str) -> Table:
        return self.folder.supervisee_db(supervisee_id).table(name)

    def _rows(self, cls: type[T], supervisee_id: str, name: str) -> list[T]:
        table = self._table(supervisee_id, name)
        where = str(self.folder.supervisee_path(supervisee_id))
        return _decode(cls, table.all(), table, where)

    def sessions(self, supervisee_id: str) -> list[Session]:
        """Every session in this supervisee's history, oldest first."""
        found = self._rows(Session, supervisee_id, "sessions")
        return sorted(found, key=lambda s: s.when)

    def sessions_from(self, supervisee_id: str, day: date) -> list[Session]:
        """Sessions planned, held or moved from `day` on, oldest first. Older rows are skipped
        before decoding (dates compared by their ISO day, so pass a day or two of margin)."""
        cutoff = day.isoformat()
        table = self._table(supervisee_id, "sessions")
        rows = [row for row in table.all()
                if any(isinstance(row.get(k), str) and row[k][:10] >= cutoff
                       for k in ("started_at", "planned_start", "rescheduled_from"))]
        found = _decode(Session, rows, table, str(self.folder.supervisee_path(supervisee_id)))
        return sorted(found, key=lambda s: s.when)

    def session(self, supervisee_id: str, session_id: str) -> Session:
        table = self._table(supervisee_id, "sessions")
        row = table.get(Q.id == session_id)
        if row is None:
            raise NotFoundError(f"No session with id {session_id}.")
        return _decode(Session, [row], table, str(self.folder.supervisee_path(supervisee_id)))[0]

    def save_session(self, session: Session) -> Session:
        """Write the whole session into every attendee's history and refresh their summaries."""
        self._write_everywhere(session)
        for sid in session.supervisee_ids:
            self.refresh_summary(sid)
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
                _upsert(table, doc)
                written.append((table, before))
                if head is not None:
                    heads.append(head)
        except StoreError:
            for table, before in reversed(written):
                with contextlib.suppress(StoreError):  # what stays is completed at open
                    if before is None:
                        table.remove(Q.id == session.id)
                    else:
                        _upsert(table, before)
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

    def decisions(self, supervisee_id: str) -> list[Decision]:
        """The running decisions log, in the order it was written (the hash chain's order)."""
        return self._rows(Decision, supervisee_id, "decisions")

    def add_decision(self, decision: Decision) -> Decision:
        """Append a decision, chained to the one before it. Decisions are never updated."""
        decision.validate()
        table = self._table_for_write(decision.supervisee_id, "decisions")
        if decision.supervisee_id not in self._chains_settled:
            # A save cut off before this run is finished before this one counts from it.
            self.complete_chain_head(decision.supervisee_id)
            self._chains_settled.add(decision.supervisee_id)
        previous = table.all()
        stored = next((row for row in previous if row.get("id") == decision.id), None)
        inserted = stored is None
        if stored is None:
            prev_hash = previous[-1].get("hash", "") if previous else ""
            seal_decision(decision, prev_hash)
            doc = to_dict(decision)
            self.seals.seal_decision(decision.supervisee_id, doc)
            table.insert(doc)
            count, last = len(previous) + 1, decision.hash
        else:  # saved before, its chain head not: finish that save, never log it twice
            decision = _decode(Decision, [stored], table, "decisions")[0]
            count, last = len(previous), previous[-1].get("hash", "")
        try:
            self._move_head(decision.supervisee_id, count, last)
        except StoreError:
            # Reported as not saved, so it leaves no trace (if taking it out fails too, a
            # retry with the same id finishes the save instead of adding a second).
            if inserted:
                with contextlib.suppress(StoreError):
                    table.remove(Q.id == decision.id)
            raise
        return decision

    def complete_chain_head(self, supervisee_id: str) -> bool:
        """Finish a decision save cut off between its two files (the decision written, its
        chain head not): when the log holds exactly one decision more than the head records,
        chained to the recorded last one, the head is moved on to it. True if it was."""
        head = self.chain_head(supervisee_id)
        decisions = self._table(supervisee_id, "decisions").all()
        count, last_hash = head if head is not None else (0, "")
        if len(decisions) != count + 1:
            return False
        newest = decisions[-1]
        if newest.get("prev_hash", "") != last_hash:
            return False
        if count and decisions[-2].get("hash", "") != last_hash:
            return False
        self._move_head(supervisee_id, count + 1, newest.get("hash", ""))
        return True

    def _move_head(self, supervisee_id: str, count: int, last_hash: str) -> None:
        self.check_roster()
        head = self.seals.head(supervisee_id)
        head.count, head.last_hash = count, last_hash
        self.seals.write_head(head)

    def chain_head(self, supervisee_id: str) -> tuple[int, str] | None:
        """(count, last hash) of this supervisee's decisions log as last written, kept in the
        roster so that deleting the newest decision is detected too."""
        table = self._roster("chain_heads")
        row = table.get(Q.supervisee_id == supervisee_id)
        if row is None:
            return None
        head = _decode(ChainHead, [row], table, "chain_heads")[0]
        return head.count, head.last_hash

    def actions(self, supervisee_id: str) -> list[Action]:
        return self._rows(Action, supervisee_id, "actions")

    def save_action(self, action: Action) -> Action:
        action.validate()
        self._write_sealed(action.supervisee_id, "actions", to_dict(action), Q.id == action.id)
        self.refresh_summary(action.supervisee_id)
        return action

    def case_copies(self, supervisee_id: str) -> list[CaseCopy]:
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

    def _write_sealed(self, supervisee_id: str, name: str, doc: dict[str, Any],
                      where: Any) -> None:
        """Upsert one action or case row with its seal, then its owner's head."""
        table = self._table_for_write(supervisee_id, name)
        before = table.get(where)
        head = self.seals.seal_row(supervisee_id, name, doc,
                                   dict(before) if before is not None else None)
        table.upsert(doc, where)
        if head is not None:
            self.check_roster()
            self.seals.write_head(head)

    # -- drafts: half-written form entries, kept in the supervisee's own file ----------------
    def keep_draft(self, supervisee_id: str, kind: str, doc: dict[str, Any]) -> None:
        """Keep one draft per kind of form ("decision", "action", ...) for this supervisee."""
        self._table_for_write(supervisee_id, "drafts").upsert(
            {"kind": kind, "doc": doc}, Q.kind == kind)

    def draft(self, supervisee_id: str, kind: str) -> dict[str, Any] | None:
        """The kept draft of this kind, left in place."""
        row = self._table(supervisee_id, "drafts").get(Q.kind == kind)
        doc = row.get("doc") if row is not None else None
        return dict(doc) if isinstance(doc, dict) else None

    def take_draft(self, supervisee_id: str, kind: str) -> dict[str, Any] | None:
        """The kept draft of this kind, removed from the store as it is handed back."""
        table = self._table(supervisee_id, "drafts")
        row = table.get(Q.kind == kind)
        if row is None:
            return None
        doc = row.get("doc")
        self._table_for_write(supervisee_id, "drafts").remove(Q.kind == kind)
        return dict(doc) if isinstance(doc, dict) else None
