"""Close an open action (done or dropped) or give it a new due date typed as free text."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from supervisor_tui.domain.dates import describe_day, parse_day
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import ActionStatus
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.format import fmt_date


class CloseActionScreen(ModalScreen[ActionStatus | None]):
    BINDINGS = [
        Binding("d", "close(True)", "Done", id="close-action.done"),
        Binding("x", "close(False)", "Dropped", id="close-action.dropped"),
        Binding("escape", "dismiss(None)", "Cancel", id="close-action.cancel"),
    ]

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action_item = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Close action"
            yield Label(f"{self.action_item.text} ({self.action_item.owner}, due "
                        f"{fmt_date(self.action_item.due, 'no date')})", classes="question")
            yield Label("Was it done, or has it been dropped?")
            with Horizontal(classes="buttons"):
                yield Button("Done (d)", id="done", variant="primary")
                yield Button("Dropped (x)", id="dropped")
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self.action_close(event.button.id == "done")

    def action_close(self, done: bool) -> None:
        self.dismiss(ActionStatus.DONE if done else ActionStatus.DROPPED)


class RedateScreen(DialogScreen[date]):
    """The typed date is read strictly and shown back as it is typed; enter saves it."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="redate.cancel")]

    def __init__(self, action: Action, today: date) -> None:
        super().__init__()
        self.action_item = action
        self.today = today
        self.parsed: date | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "New due date"
            yield Label(f"{self.action_item.text} (now due "
                        f"{fmt_date(self.action_item.due, 'no date')})", classes="question")
            yield Input(id="when", placeholder='e.g. "next fri", "in 2 weeks", "14 dec"',
                        max_length=60)
            yield Label("", id="parsed")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_input_changed(self, event: Input.Changed) -> None:
        label = self.query_one("#parsed", Label)
        self.parsed = None
        label.remove_class("error")
        if not event.value.strip():
            label.update("")
            return
        try:
            self.parsed = parse_day(event.value, self.today, prefer_future=True)
        except ValidationError as exc:
            label.add_class("error")
            label.update(str(exc))
            return
        label.update(f"New due date: {describe_day(self.parsed, self.today)}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save_now(self) -> None:
        if self.parsed is None:
            if not self.query_one("#when", Input).value.strip():
                label = self.query_one("#parsed", Label)
                label.add_class("error")
                label.update("Type the new date first.")
            return
        self.dismiss(self.parsed)
