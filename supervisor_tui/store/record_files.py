"""The files beneath the record service: the roster and each supervisee's file, their tables,
the once-per-run check that every row decodes before a file is first written, and the sealed
write of one row. Nothing here knows about Textual."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import Query
from tinydb.table import Table

from supervisor_tui.domain.codec import DecodeError, from_dict
from supervisor_tui.domain.hashchain import ChainHead
from supervisor_tui.domain.people import Agreement, Case, Supervisee, SupportNote
from supervisor_tui.domain.summary import SuperviseeSummary
from supervisor_tui.store.errors import StoreCorruptError
from supervisor_tui.store.folder import ROSTER, DataFolder

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Decision
    from supervisor_tui.store.sealing import Sealer

T = TypeVar("T")
Q = Query()


def decode_rows(cls: type[T], rows: Iterable[dict[str, Any]], table: Table, where: str) -> list[T]:
    try:
        return [from_dict(cls, row) for row in rows]  # decoding copies: no row is shared
    except DecodeError as exc:
        raise StoreCorruptError(where, f"table {table.name}: {exc}") from None


def stored_table(table: Table) -> dict[str, dict[str, Any]]:
    """A table's rows by id, in the order `Table.all()` gives them, as the storage holds them
    (not copied into documents: a history of thousands of rows is read in one pass)."""
    data = table.storage.read() or {}
    rows: dict[str, dict[str, Any]] = data.get(table.name) or {}
    return rows


def stored_rows(table: Table) -> Iterable[dict[str, Any]]:
    return stored_table(table).values()


def upsert_by_id(table: Table, doc: dict[str, Any]) -> None:
    table.upsert(doc, Q.id == doc["id"])


#: The tables of each kind of file and the domain class of their rows.
ROSTER_TABLES: dict[str, type] = {
    "supervisees": Supervisee, "agreements": Agreement, "summaries": SuperviseeSummary,
    "chain_heads": ChainHead,
}


@functools.cache
def history_tables() -> Mapping[str, type]:
    """The tables of a supervisee's file and the domain class of their rows. Imported at first
    use: home's first frame reads no history, and these classes take milliseconds to make."""
    from supervisor_tui.domain.decisions import Action, CaseCopy, Decision
    from supervisor_tui.domain.development import FollowUp
    from supervisor_tui.domain.session import Session

    return {
        "sessions": Session, "decisions": Decision, "actions": Action, "cases": Case,
        "case_copies": CaseCopy, "follow_ups": FollowUp, "support": SupportNote,
    }


class RecordFiles:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self._chains_settled: set[str] = set()
        self._decoded_logs: dict[str, tuple[tuple[object, int, object], list[Decision]]] = {}
        self._checked: set[str] = set()
        """Files whose every row decoded; only those are written (a damaged file is left as is)."""
        self._checked_roster: dict[str, tuple[tuple[object, int | None], list[Any]]] = {}
        """The roster's rows as the check decoded them, by table, with the roster's version
        then: each list is handed out once (see `roster_rows`), so home's first rows do not
        decode the roster a second time, and no caller shares objects with another."""

    @functools.cached_property
    def seals(self) -> Sealer:
        """The record seals, made at first use: home's first frame does without them."""
        from supervisor_tui.store.sealing import Sealer

        return Sealer(self.folder)

    # -- integrity ---------------------------------------------------------------------------
    def _check(self, key: str, tables: dict[str, Table], classes: Mapping[str, type],
               where: str) -> dict[str, list[Any]]:
        if key in self._checked:
            return {}
        decoded: dict[str, list[Any]] = {
            name: decode_rows(cls, stored_rows(tables[name]), tables[name], where)
            for name, cls in classes.items()}
        self._checked.add(key)
        return decoded

    def check_roster(self) -> None:
        """Decode every row of roster.json; raise StoreCorruptError naming it if one is bad."""
        tables = {name: self._roster(name) for name in ROSTER_TABLES}
        copy = self._roster_copy()
        for name, rows in self._check(ROSTER, tables, ROSTER_TABLES, self._roster_path).items():
            self._checked_roster[name] = (copy, rows)

    def roster_rows(self, name: str) -> list[Any]:
        """Every row of the roster table `name`, decoded anew (or as the check decoded them,
        if the roster has not changed since and they were not handed out yet)."""
        checked = self._checked_roster.pop(name, None)
        if checked is not None and checked[0][1] is not None and checked[0] == self._roster_copy():
            return checked[1]
        table = self._roster(name)
        return decode_rows(ROSTER_TABLES[name], stored_rows(table), table, self._roster_path)

    def _roster_copy(self) -> tuple[object, int | None]:
        """Which copy of the roster is held: the same pair later means it was neither written
        nor read again in between (None: a storage that does not say)."""
        storage = self.folder.roster.storage
        return storage, getattr(storage, "version", None)

    def roster_mark(self) -> str | None:
        """Which copy of roster.json the roster's rows come from (None: not known)."""
        storage = self.folder.roster.storage
        storage.read()
        mark: str | None = getattr(storage, "mark", None)
        return mark

    def check_history(self, supervisee_id: str) -> None:
        """Decode every row of one supervisee's file (once per run, before its first write)."""
        tables = {name: self._table(supervisee_id, name) for name in history_tables()}
        where = str(self.folder.supervisee_path(supervisee_id))
        self._check(supervisee_id, tables, history_tables(), where)

    @property
    def _roster_path(self) -> str:
        return str(self.folder.path / ROSTER)

    def _roster_for_write(self, name: str) -> Table:
        self.check_roster()
        return self._roster(name)

    def _table_for_write(self, supervisee_id: str, name: str) -> Table:
        self.check_history(supervisee_id)
        return self._table(supervisee_id, name)

    def _roster(self, name: str) -> Table:
        return self.folder.roster.table(name)

    def log_mark(self, supervisee_id: str) -> tuple[object, int, object]:
        """Which decisions log is held: the copy of the file read, how many decisions it
        holds and the newest one. A log is only ever appended to (or, a save undone, its newest
        taken off) while the file is held, so a decoded log with the same mark is current;
        other saves to the file (notes, agenda) leave it as it was."""
        table = self._table(supervisee_id, "decisions")
        rows = stored_table(table)
        newest = next(reversed(rows.values()), None)
        ident = (newest.get("id"), newest.get("hash")) if isinstance(newest, dict) else None
        return table.storage, len(rows), ident

    def _table(self, supervisee_id: str, name: str) -> Table:
        return self.folder.supervisee_db(supervisee_id).table(name)

    def _rows(self, cls: type[T], supervisee_id: str, name: str) -> list[T]:
        table = self._table(supervisee_id, name)
        where = str(self.folder.supervisee_path(supervisee_id))
        return decode_rows(cls, stored_rows(table), table, where)

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
