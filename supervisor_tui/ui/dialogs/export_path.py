"""Ask where to save an export: a path, checked before the caller writes anything."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from supervisor_tui.paths import expand_home
from supervisor_tui.ui.dialogs.dialog import DialogScreen


def check_target(text: str) -> Path:
    """The path typed, expanded; ValueError with a message the user can act on."""
    if not text.strip():
        raise ValueError("Enter a file name.")
    path = expand_home(text.strip())
    if path.is_dir():
        raise ValueError(f"{path} is a folder; add a file name.")
    if not path.parent.is_dir():
        raise ValueError(f"There is no folder {path.parent}.")
    return path


class ExportPathScreen(DialogScreen[Path]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, title: str, suggested: Path) -> None:
        super().__init__()
        self.title_text = title
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Label("Save to (the file is readable by you only)")
            yield Input(str(self.suggested), id="path")
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save_now(self) -> None:
        try:
            path = check_target(self.query_one("#path", Input).value)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(path)
