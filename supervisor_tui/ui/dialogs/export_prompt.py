"""Where to write the diary as an .ics file, for whom, and how far ahead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.dialogs.export_path import check_target
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.widgets.toggles import TickBox


@dataclass
class ExportChoice:
    path: Path
    everyone: bool
    months: int


class ExportPrompt(DialogScreen[ExportChoice]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-ics.cancel")]

    def __init__(self, name: str, default_path: Path) -> None:
        super().__init__()
        self.person_name = name
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export the diary (.ics)"
            yield Static("Only the name and times go into the calendar file; never notes, "
                         "cases or reasons.", classes="question")
            yield Label("File")
            yield Input(str(self.default_path), id="path", max_length=500, compact=True)
            yield TickBox(f"Every supervisee (not only {self.person_name})", id="everyone",
                           compact=True)
            yield Label("Months ahead")
            yield Input("6", id="months", type="integer", max_length=2, compact=True)
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Export (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        focus_now(self.query_one("#path", Input))

    def on_input_submitted(self) -> None:
        self.save()

    def save_now(self) -> None:
        months = self.query_one("#months", Input).value.strip()
        try:
            path = check_target(self.query_one("#path", Input).value)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if not months.isdigit() or not 1 <= int(months) <= 36:
            self.show_error("Months ahead is between 1 and 36.")
            return
        everyone = self.query_one("#everyone", Checkbox).value
        self.dismiss(ExportChoice(path, everyone, int(months)))
