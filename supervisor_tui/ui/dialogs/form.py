"""Base for the session's modal forms: ctrl+s saves, escape cancels, typed text is never
thrown away without asking first, and is kept as a draft while it is typed.

A form whose opener sets `keep` stores what was typed a moment after each pause in typing (and
at least every `DRAFT_LONGEST` seconds while typing goes on), through the writer like the notes:
however the app ends, even killed, at most a couple of seconds of a form's text is lost. The
opener hands the draft back the next time it opens that form, and drops it once the form is
closed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual import on
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Checkbox, Input, RadioSet, SelectionList, TextArea

from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.dialog import DialogScreen

T = TypeVar("T")

DRAFT_PAUSE = 0.8
"""Seconds after the last change before the draft is kept."""
DRAFT_LONGEST = 1.6
"""Seconds after the first unkept change by which the draft is kept, even mid-typing."""


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

    _pause: Timer | None = None
    _longest: Timer | None = None

    def on_mount(self) -> None:
        if self.keep is not None and self.has_input():  # reopened with text: keep it now
            self.call_after_refresh(self.keep_draft_now)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    def draft_changed(self) -> None:
        if self.keep is None or not self.is_attached:
            return
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(DRAFT_PAUSE, self.keep_draft_now, name="draft pause")
        if self._longest is None:
            self._longest = self.set_timer(DRAFT_LONGEST, self.keep_draft_now,
                                           name="draft deadline")

    async def keep_draft_now(self) -> bool:
        """Keep what is typed now (nothing when the form is untouched); False if that failed."""
        for timer in (self._pause, self._longest):
            if timer is not None:
                timer.stop()
        self._pause = self._longest = None
        if self.keep is None or not self.has_input():
            return True
        try:
            await self.keep(self.draft_doc())
        except Exception:  # the form stays open with its text; the next change tries again
            return False
        return True

    async def flush_pending(self) -> bool:
        """Called on quit: keep what was typed, since the form cannot be completed now."""
        return await self.keep_draft_now()

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
