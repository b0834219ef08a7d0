"""The running decisions log of each supervisee: appended, never updated, each decision chained
to the one before it, the chain's head (count and last hash) kept in the roster so that
dropping the newest decision is detected too. A save cut off between the two files is finished
at the next one."""

from __future__ import annotations

import contextlib
from itertools import islice
from typing import TYPE_CHECKING, Any

from tinydb.table import Table

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.hashchain import ChainHead, seal_decision
from supervisor_tui.domain.people import FirstTryKept
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.record_files import (
    Q,
    RecordFiles,
    decode_rows,
    history_tables,
    stored_rows,
    stored_table,
)

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Decision

DECODED_LOGS = 4
"""Supervisees whose decoded log is kept (those in the room): a session reads its attendees'
logs several times (agenda, summary, the decisions pane), and a log grows for a career."""


def _append(table: Table, doc: dict[str, Any]) -> None:
    """Put `doc` after the table's last row under the next id. `Table.insert` would rebuild
    the whole table around it, a cost that grows with the log; decisions are appended only
    here, so the table's own id counter is never set (see `Table.insert`)."""
    data = table.storage.read() or {}
    rows = data.setdefault(table.name, {})
    last = next(reversed(rows), None)
    key = str(int(last) + 1) if last is not None else "1"
    if key in rows:  # ids out of order (a file edited by hand): past the largest
        key = str(max(map(int, rows)) + 1)
    rows[key] = doc
    table.storage.write(data)  # on failure the storage drops its copy: the disk is the truth
    table.clear_cache()


class DecisionLog(RecordFiles):
    def decisions(self, supervisee_id: str) -> list[Decision]:
        """The running decisions log, in the order it was written (the hash chain's order).
        Decoded once per version of the log itself (see `log_mark`)."""
        from supervisor_tui.domain.decisions import Decision  # see `history_tables`

        mark = self.log_mark(supervisee_id)
        held = self._decoded_logs.get(supervisee_id)
        if held is None or held[0] != mark:
            held = (mark, self._rows(Decision, supervisee_id, "decisions"))
        self._keep_decoded(supervisee_id, held)
        return list(held[1])

    def check_history(self, supervisee_id: str) -> None:
        """Decode every row of one supervisee's file (once per run, before its first write);
        the decisions log through `decisions`, which keeps it decoded for what follows."""
        if supervisee_id in self._checked:
            return
        self.decisions(supervisee_id)
        others = {name: cls for name, cls in history_tables().items() if name != "decisions"}
        tables = {name: self._table(supervisee_id, name) for name in others}
        self._check(supervisee_id, tables, others,
                    str(self.folder.supervisee_path(supervisee_id)))

    def _keep_decoded(self, supervisee_id: str,
                      held: tuple[tuple[object, int, object], list[Decision]]) -> None:
        self._decoded_logs.pop(supervisee_id, None)
        self._decoded_logs[supervisee_id] = held  # newest last
        while len(self._decoded_logs) > DECODED_LOGS:
            del self._decoded_logs[next(iter(self._decoded_logs))]

    def add_decision(self, decision: Decision) -> Decision:
        """Append a decision, chained to the one before it. Decisions are never updated."""
        from supervisor_tui.domain.decisions import Decision  # see `history_tables`

        decision.validate()
        table = self._table_for_write(decision.supervisee_id, "decisions")
        if decision.supervisee_id not in self._chains_settled:
            # A save cut off before this run is finished before this one counts from it.
            self.complete_chain_head(decision.supervisee_id)
            self._chains_settled.add(decision.supervisee_id)
        written, prev_hash = self.chain_head(decision.supervisee_id) or (0, "")
        # A decision saved before under this id (a save retried, perhaps from a draft kept
        # across a restart): looked for among the rows as held, without copying them.
        row = next((row for row in stored_rows(table) if row.get("id") == decision.id), None)
        stored = None if row is None else decode_rows(Decision, [row], table, "decisions")[0]
        # Its first try, in other words: the log keeps it (once its head is moved on).
        other_words = stored is not None and stored.says() != decision.says()
        if len(table) != written:
            # The log and its head disagree (a save cut off between them, its retry): read the
            # whole log, to chain on to its newest decision.
            previous = table.all()
            written = len(previous)
            prev_hash = previous[-1].get("hash", "") if previous else ""
        elif stored is not None:  # logged whole, head and all: never logged twice
            if other_words:
                raise FirstTryKept("decision", kept=stored)
            return stored
        # Otherwise the head names the newest decision: appending costs the same at any length.
        inserted = stored is None
        before = self.log_mark(decision.supervisee_id)
        if stored is None:
            seal_decision(decision, prev_hash)
            doc = to_dict(decision)
            self.seals.seal_decision(decision.supervisee_id, doc)
            _append(table, doc)
            count, last = written + 1, decision.hash
        else:  # saved before, its chain head not: finish that save, never log it twice
            decision = stored
            count, last = written, prev_hash
        try:
            self._move_head(decision.supervisee_id, count, last)
        except StoreError:
            # Reported as not saved, so it leaves no trace (if taking it out fails too, a
            # retry with the same id finishes the save instead of adding a second).
            if inserted:
                with contextlib.suppress(StoreError):
                    table.remove(Q.id == decision.id)
            raise
        if other_words:
            raise FirstTryKept("decision", kept=decision)
        held = self._decoded_logs.get(decision.supervisee_id)
        if inserted and held is not None and held[0] == before:  # the decoded log, one longer
            added = decode_rows(Decision, [doc], table, "decisions")[0]
            self._keep_decoded(decision.supervisee_id,
                               (self.log_mark(decision.supervisee_id), [*held[1], added]))
        return decision

    def complete_chain_head(self, supervisee_id: str) -> bool:
        """Finish a decision save cut off between its two files (the decision written, its
        chain head not): when the log holds exactly one decision more than the head records,
        chained to the recorded last one, the head is moved on to it. True if it was."""
        head = self.chain_head(supervisee_id)
        table = self._table(supervisee_id, "decisions")
        count, last_hash = head if head is not None else (0, "")
        if len(table) != count + 1:
            return False
        # The newest two rows as stored (a copy of every row of a long log takes a while).
        newest, *before = [r if isinstance(r, dict) else {}
                           for r in islice(reversed(stored_table(table).values()), 2)]
        if newest.get("prev_hash", "") != last_hash:
            return False
        if count and before[0].get("hash", "") != last_hash:
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
        head = decode_rows(ChainHead, [row], table, "chain_heads")[0]
        return head.count, head.last_hash
