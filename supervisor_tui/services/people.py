"""The roster: supervisees added, edited and archived (their records are always kept), and each
one's private support note."""

from __future__ import annotations

from supervisor_tui.domain.people import Supervisee, SupportNote
from supervisor_tui.services.workspace import Workspace


def supervisees(ws: Workspace, include_archived: bool = False) -> list[Supervisee]:
    """By name."""
    return ws.records.supervisees(include_archived=include_archived)


def save_supervisee(ws: Workspace, person: Supervisee) -> Supervisee:
    return ws.records.save_supervisee(person)


def support_note(ws: Workspace, supervisee_id: str) -> SupportNote | None:
    return ws.records.support_note(supervisee_id)


def save_support_note(ws: Workspace, supervisee_id: str, helps: str, watch: str) -> SupportNote:
    """Keep what helps and what to watch, dated now (one note per supervisee, rewritten)."""
    note = SupportNote(supervisee_id, helps.strip(), watch.strip(), updated_at=ws.clock())
    return ws.records.save_support_note(note)


def fill_with_demo(ws: Workspace) -> None:
    """Write the bundled demo data set (fictional people, dated up to today) into a new folder."""
    from supervisor_tui.demo import write_demo

    write_demo(ws.records, ws.clock().date())
