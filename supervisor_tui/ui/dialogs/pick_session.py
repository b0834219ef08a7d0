"""Choose one of a supervisee's sessions (for an export)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.format import fmt_datetime


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
