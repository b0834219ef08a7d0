"""Base for the session's modal forms: ctrl+s saves, escape cancels, typed text is never
thrown away without asking first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.binding import Binding

from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.dialog import DialogScreen

T = TypeVar("T")


class FormScreen(DialogScreen[T]):
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
