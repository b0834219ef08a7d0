"""Base for the session's modal forms: ctrl+s saves, escape cancels, typed text is never
thrown away without asking first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from supervisor_tui.ui.screens.confirm import ConfirmScreen

T = TypeVar("T")


class FormScreen(ModalScreen[T | None]):
    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    keep: Callable[[dict[str, Any]], Awaitable[Any]] | None = None
    """Set by the opener to keep a half-written entry when the app quits with the form open."""

    def draft_doc(self) -> dict[str, Any]:
        """What was typed so far, as a plain dict the opener can store and hand back."""
        return {}

    async def flush_pending(self) -> bool:
        """Called on quit: keep what was typed, since the form cannot be completed now."""
        if self.keep is None or not self.has_input():
            return True
        try:
            await self.keep(self.draft_doc())
        except Exception:  # the quit goes on; nothing more can be done for this form
            return False
        return True

    def has_input(self) -> bool:
        """True when leaving now would throw away something the user typed."""
        return False

    def save(self) -> None:
        """Validate the fields; dismiss with the result, or show what is wrong and stay open."""
        raise TypeError(f"{type(self).__name__} defines no save()")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The "save" button saves; any other (cancel, skip) leaves as escape does."""
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def show_error(self, message: str, focus: str | None = None) -> None:
        self.query_one("#error", Static).update(message)
        if focus is not None:
            self.query_one(focus).focus()

    def action_save(self) -> None:
        self.save()

    def action_cancel(self) -> None:
        if not self.has_input():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed in this form?", "Discard", "Keep editing"),
            answered,
        )
