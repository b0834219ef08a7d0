"""A supervisee's private support note: what helps them, and what to watch for (stress
triggers). Shown only on request (w on home, ctrl+r in a one-to-one session) and never exported
with the record; ctrl+s keeps it, dated."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static, TextArea

from supervisor_tui.domain.people import SupportNote
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.format import fmt_date


class SupportNoteScreen(FormScreen[tuple[str, str]]):
    """Returns (what helps, what to watch) to keep, or None when left unchanged."""

    DEFAULT_CSS = """
    SupportNoteScreen TextArea {
        height: 4;
    }
    """

    def __init__(self, name: str, note: SupportNote | None) -> None:
        super().__init__()
        self.person, self.note = name, note
        self.start = (note.helps, note.watch) if note else ("", "")

    def compose(self) -> ComposeResult:
        with Vertical(classes="form support") as form:
            form.border_title = f"Support note: {self.person} (private)"
            when = (f"Last changed {fmt_date(self.note.updated_at)}. " if self.note else "")
            yield Static(f"{when}Kept for supervision only: never in an export or the audit.",
                         classes="note", markup=False)
            yield Label("What helps", classes="section-label")
            yield TextArea(self.start[0], id="helps", compact=True)
            yield Label("What to watch for (stress triggers)", classes="section-label")
            yield TextArea(self.start[1], id="watch", compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Close (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        focus_now(self.query_one("#helps", TextArea))

    def _texts(self) -> tuple[str, str]:
        return (clean_lines(self.query_one("#helps", TextArea).text).strip(),
                clean_lines(self.query_one("#watch", TextArea).text).strip())

    def has_input(self) -> bool:
        return self._texts() != self.start

    def draft_doc(self) -> dict[str, Any]:
        helps, watch = self._texts()
        return {"helps": helps, "watch": watch}

    def save_now(self) -> None:
        helps, watch = self._texts()
        for text, what in ((helps, "What helps"), (watch, "What to watch")):
            if len(text) > 2000:
                self.show_error(f"{what} is too long (2000 characters at most).")
                return
        self.finish(None if (helps, watch) == self.start else (helps, watch))
