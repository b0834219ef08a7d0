"""Base for the small modal dialogs that ask for one answer: the "save" button saves, any other
button (or escape, bound by each dialog under its own id) leaves with None."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button, Static

from supervisor_tui.ui.focus import SubmitInPlace, focus_now

T = TypeVar("T")


class DialogScreen(ModalScreen[T | None], SubmitInPlace):
    def save(self) -> None:
        """Validate the fields; dismiss with the result, or show what is wrong and stay open."""
        raise TypeError(f"{type(self).__name__} defines no save()")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def show_error(self, message: str, focus: str | None = None) -> None:
        """Say what is wrong in the dialog's `#error` line (and put the cursor where it is)."""
        self.query_one("#error", Static).update(message)
        if focus is not None:
            focus_now(self.query_one(focus))

    def action_cancel(self) -> None:
        self.dismiss(None)
