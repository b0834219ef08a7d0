"""Ask for one reason, said in the open and kept in the record (why a cancelled session will
not be rebooked); enter saves it, escape leaves with nothing changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from supervisor_tui.domain.people import ValidationError, check_line
from supervisor_tui.ui.dialogs.dialog import DialogScreen


class ReasonPrompt(DialogScreen[str]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="reason.cancel")]

    def __init__(self, title: str, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Label(self.question, classes="question")
            yield Input(id="reason", max_length=300, placeholder=self.placeholder)
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save_now(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.show_error("Give the reason: it is kept in the record.", "#reason")
            return
        try:
            check_line(reason, "The reason", 300)
        except ValidationError as exc:
            self.show_error(str(exc), "#reason")
            return
        self.dismiss(reason)
