"""The record was changed outside the app: say exactly what, after the check at opening."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from supervisor_tui.domain.text_safety import for_terminal

INTRO = ("supervisor-tui seals every record it writes. These no longer match their seals, so "
         "they were changed, deleted or put back outside the app:")
ADVICE = ("Nothing has been changed or repaired. If you did not make these changes, keep the "
          "folder as it is and compare it with a backup (`supervisor-tui verify` prints this "
          "list again).")


class IntegrityWarningScreen(ModalScreen[None]):
    CSS_PATH = "gate.tcss"
    BINDINGS = [
        Binding("enter,escape", "close", "Close", id="integrity.close"),
    ]

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="gate", id="integrity") as box:
            box.border_title = "Records changed outside the app"
            yield Static(INTRO)
            with VerticalScroll(id="integrity-problems"):
                for problem in self.problems:
                    yield Static(f"• {for_terminal(problem)}", markup=False)
            yield Static(ADVICE, classes="status")
            with Horizontal(classes="buttons"):
                yield Button("Close (enter)", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
