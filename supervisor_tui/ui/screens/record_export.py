"""Export one session record of the selected supervisee as a Markdown file.

The supervisor picks one of their sessions (newest first); the chosen record is rendered from
every attendee's file (a group session's decisions live with each attendee) and saved where the
user says.
"""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.exports import session_record, sessions_of, write_export
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.export_path import ExportPathScreen
from supervisor_tui.ui.dialogs.pick_session import PickSessionScreen
from supervisor_tui.ui.host import service


async def export_record(screen: Widget, person: Supervisee) -> None:
    """The whole flow, run from a screen's worker: pick, render, ask where, confirm, save."""
    app = screen.app
    try:
        sessions = await service(screen).run(sessions_of, person.id)
    except StoreError as exc:
        screen.notify(str(exc), title="Could not read the records", severity="error")
        return
    if not sessions:
        screen.notify(f"{person.name} has no sessions yet.", severity="warning")
        return
    session_id = await app.push_screen_wait(PickSessionScreen(person, sessions))
    if session_id is None:
        return
    try:
        session, text = await service(screen).run(session_record, session_id)
    except StoreError as exc:
        screen.notify(str(exc), title="Could not read the records", severity="error")
        return
    day = session.when.date().isoformat()
    suggested = Path.home() / f"supervision-record-{day}-{session.id}.md"
    path = await app.push_screen_wait(ExportPathScreen("Export the record as Markdown", suggested))
    if path is None:
        return
    if path.exists() and not await app.push_screen_wait(
            ConfirmScreen(f"{path} exists. Replace it?", "Replace", "Keep")):
        return
    try:
        await service(screen).save(write_export, path, text)
    except StoreError as exc:
        screen.notify(str(exc), title="Not exported", severity="error")
        return
    screen.notify(f"Saved the record to {path}.")
