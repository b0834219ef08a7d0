"""Half-written form entries, one small sealed file per supervisee in the folder's `drafts/`.

A draft is kept while a form is typed and taken back when it is saved or closed, often several
times a minute: kept apart from the supervisee's history, each of those writes costs the same
for a career's history as for a month's. Drafts written by an earlier version into the history
file's `drafts` table are still handed back (and taken out of it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from supervisor_tui.store.atomic import atomic_write, fsync_dir, make_private_dir
from supervisor_tui.store.derived import file_mark
from supervisor_tui.store.errors import StoreError, StoreReadOnlyError
from supervisor_tui.store.folder import DRAFTS, DataFolder
from supervisor_tui.store.record_files import Q, RecordFiles

_KEY = "drafts"


class DraftFiles(RecordFiles):
    def __init__(self, folder: DataFolder) -> None:
        super().__init__(folder)
        self._without_earlier: dict[str, str] = {}
        """History files (by the copy on disk) found holding no draft of an earlier version."""

    def _drafts_path(self, supervisee_id: str) -> Path:
        return self.folder.path / DRAFTS / self.folder.supervisee_path(supervisee_id).name

    def _read_drafts(self, supervisee_id: str) -> dict[str, Any]:
        """The kept drafts by kind ({} when none, or when the file cannot be read: a draft
        is a convenience, and the next one kept replaces what could not be read)."""
        path = self._drafts_path(supervisee_id)
        try:
            found = orjson.loads(self.folder.fmt.unseal(path.read_bytes(), path))
        except (OSError, StoreError, orjson.JSONDecodeError):
            return {}
        rows = found.get(_KEY) if isinstance(found, dict) else None
        if not isinstance(rows, dict):
            return {}
        return {row["kind"]: row["doc"] for row in rows.values()
                if isinstance(row, dict) and isinstance(row.get("kind"), str) and "doc" in row}

    def _write_drafts(self, supervisee_id: str, drafts: dict[str, Any]) -> None:
        path = self._drafts_path(supervisee_id)
        if self.folder.read_only:
            raise StoreReadOnlyError(path)
        if not drafts:
            if path.exists():
                path.unlink()
                fsync_dir(path.parent)  # a draft that has served never comes back
            return
        make_private_dir(path.parent)
        rows = {str(n): {"kind": kind, "doc": doc}  # shaped like every data file (a table)
                for n, (kind, doc) in enumerate(drafts.items(), start=1)}
        atomic_write(path, self.folder.fmt.seal(orjson.dumps({_KEY: rows})))

    def keep_draft(self, supervisee_id: str, kind: str, doc: dict[str, Any]) -> None:
        """Keep one draft per kind of form ("decision", "action", ...) for this supervisee."""
        drafts = self._read_drafts(supervisee_id)
        drafts[kind] = doc
        self._write_drafts(supervisee_id, drafts)

    def draft(self, supervisee_id: str, kind: str) -> dict[str, Any] | None:
        """The kept draft of this kind, left in place."""
        doc = self._read_drafts(supervisee_id).get(kind)
        if doc is None:
            doc = self._earlier_draft(supervisee_id, kind)
        return dict(doc) if isinstance(doc, dict) else None

    def take_draft(self, supervisee_id: str, kind: str) -> dict[str, Any] | None:
        """The kept draft of this kind, removed from the store. One an earlier version kept in
        the history file goes too, also when a form it was handed back to kept it again here
        (else it would come back once this one has served)."""
        drafts = self._read_drafts(supervisee_id)
        kept = kind in drafts
        doc = drafts.pop(kind, None)
        if kept:
            self._write_drafts(supervisee_id, drafts)
        earlier = self._earlier_draft(supervisee_id, kind)
        if earlier is not None:
            self._table_for_write(supervisee_id, "drafts").remove(Q.kind == kind)
            doc = earlier if doc is None else doc
        return dict(doc) if isinstance(doc, dict) else None

    def _earlier_draft(self, supervisee_id: str, kind: str) -> Any:
        """A draft an earlier version kept in the history file itself. A history file found
        holding none is not read again for this until it changes (a form closed for someone
        whose history is not open then reads nothing more than before)."""
        mark = file_mark(self.folder, supervisee_id)
        if mark is None or self._without_earlier.get(supervisee_id) == mark:
            return None
        table = self._table(supervisee_id, "drafts")
        if not len(table):
            self._without_earlier[supervisee_id] = mark
            return None
        row = table.get(Q.kind == kind)
        return row.get("doc") if row is not None else None

