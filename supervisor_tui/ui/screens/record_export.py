"""Export one session record of the selected supervisee as a Markdown file.

The modal lists their sessions newest first; the chosen record is rendered from every attendee's
file (a group session's decisions live with each attendee) and saved where the user says.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.exports import session_record, sessions_of, write_export
from supervisor_tui.store.errors import StoreError
from supervisor_tui.ui.format import fmt_datetime
from supervisor_tui.ui.host import service
from supervisor_tui.ui.screens.confirm import ConfirmScreen
from supervisor_tui.ui.screens.export_path import ExportPathScreen


def session_label(s: Session) -> str:
    group = ", group" if s.is_group else ""
    return f"{fmt_datetime(s.when)}  {s.status.value.replace('_', ' ')}{group}"


class PickSessionScreen(ModalScreen[str | None]):
    """Choose one of a supervisee's sessions; returns its id."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick-session.cancel")]

    def __init__(self, person: Supervisee, sessions: list[Session]) -> None:
        super().__init__()
        self.person = person
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = f"Export a record: {self.person.name}"
            yield Label("Choose the session (enter), or esc to cancel.")
            yield OptionList(*(Option(session_label(s), id=s.id) for s in self.sessions),
                             id="sessions")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


async def export_record(screen: DOMNode, person: Supervisee) -> None:
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
        await service(screen).run(write_export, path, text)
    except StoreError as exc:
        screen.notify(str(exc), title="Not exported", severity="error")
        return
    screen.notify(f"Saved the record to {path}.")
