"""A decision as text for its case's own record: shown (to select by hand if the terminal does
not pass the clipboard on) and put on the clipboard; the log keeps that it was copied."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from supervisor_tui.services.history import CaseRecordText
from supervisor_tui.ui.format import fmt_datetime


class CaseRecordScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CaseRecordScreen {
        align: center middle;
    }
    CaseRecordScreen > Vertical {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    CaseRecordScreen TextArea {
        height: auto;
        max-height: 12;
        margin-top: 1;
    }
    CaseRecordScreen .buttons {
        height: auto;
        align-horizontal: right;
    }
    """
    BINDINGS = [Binding("enter,escape", "close", "Close", id="case-record.close")]

    def __init__(self, found: CaseRecordText) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        when = fmt_datetime(self.found.copied.at)
        said = (f"Copied again (first copied to the case record {when})." if self.found.before
                else f"Marked as copied to the case record {when}.")
        with Vertical() as box:
            box.border_title = "Copy to the case record"
            yield Static("On the clipboard, to paste into the case's own record. " + said,
                         markup=False)
            yield TextArea(self.found.text, read_only=True, soft_wrap=True, id="case-text")
            with Horizontal(classes="buttons"):
                yield Button("Done (enter)", id="done", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.app.copy_to_clipboard(self.found.text)
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
