"""Cancel a planned session: the reason and who cancelled are both required."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static

from supervisor_tui.domain.enums import CancelledBy
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.widgets.toggles import Choice


@dataclass
class Cancellation:
    reason: str
    by: CancelledBy


class CancelPrompt(DialogScreen[Cancellation]):
    BINDINGS = [Binding("escape", "cancel", "Back", id="cancel-session.back")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Cancel a session"
            yield Static(self.what, classes="question")
            yield Label("Reason")
            yield Input(id="reason", max_length=300, compact=True,
                        placeholder="e.g. court hearing, sickness")
            yield Label("Cancelled by")
            with RadioSet(id="by", compact=True):
                for who in CancelledBy:
                    yield Choice(who.value.capitalize(), id=f"by-{who.value}", compact=True)
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel session (enter)", id="save", variant="error")
                yield Button("Keep it (esc)", id="keep")

    def on_mount(self) -> None:
        focus_now(self.query_one("#reason", Input))

    def on_input_submitted(self) -> None:
        has_reason = bool(self.query_one("#reason", Input).value.strip())
        if has_reason and self.chosen() is None:
            self.show_error("", focus="#by")
        else:
            self.save()

    def chosen(self) -> CancelledBy | None:
        pressed = self.query_one("#by", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return None
        return CancelledBy(pressed.id.removeprefix("by-"))

    def save_now(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        by = self.chosen()
        if not reason:
            self.show_error("Give a reason for the cancellation.", focus="#reason")
        elif by is None:
            self.show_error("Choose who cancelled: supervisor, supervisee or organisation.",
                            focus="#by")
        else:
            self.dismiss(Cancellation(reason, by))
