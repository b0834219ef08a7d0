"""Half-written form entries kept when the app quits, so the next opening of that form
starts from them. Stored in the supervisee's own file (encrypted with it when enabled)."""

from __future__ import annotations

from typing import Any

from tinydb import Query

from supervisor_tui.store.records import Records

TABLE = "drafts"
Q = Query()


def keep_draft(records: Records, supervisee_id: str, kind: str, doc: dict[str, Any]) -> None:
    """Keep one draft per kind of form ("decision", "action") for this supervisee."""
    table = records.folder.supervisee_db(supervisee_id).table(TABLE)
    table.upsert({"kind": kind, "doc": doc}, Q.kind == kind)


def take_draft(records: Records, supervisee_id: str, kind: str) -> dict[str, Any] | None:
    """The kept draft of this kind, removed from the store as it is handed back."""
    table = records.folder.supervisee_db(supervisee_id).table(TABLE)
    row = table.get(Q.kind == kind)
    if row is None:
        return None
    table.remove(Q.kind == kind)
    return dict(row["doc"])  # type: ignore[index]
