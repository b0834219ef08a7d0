"""Base for the small modal dialogs that ask for one answer: the "save" button saves, any other
button (or escape, bound by each dialog under its own id) leaves with None.

A letter typed while a checkbox, a choice or a button has the focus (the typist did not look
up) is not lost: it goes to the dialog's text field last used (or its first), which takes the
focus, so the rest of the word follows it."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from supervisor_tui.ui.focus import SubmitInPlace, focus_now

T = TypeVar("T")


class DialogScreen(ModalScreen[T | None], SubmitInPlace):
    _last_field: Input | TextArea | None = None

    @on(events.DescendantFocus)
    def _remember_field(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, (Input, TextArea)):
            self._last_field = event.widget

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return
        # A text field keeps the printable keys it is sent, so one that reaches here was sent
        # to another widget, maybe before a letter ahead of it moved the focus to a field.
        if event.key in self.active_bindings:
            return  # the focused widget's own key (space ticks a box)
        field = self._last_field
        if field is None or not field.is_attached:
            field = next((w for w in self.query("Input, TextArea")
                          if isinstance(w, (Input, TextArea)) and w.focusable), None)
        if field is None or (isinstance(field, TextArea) and field.read_only):
            return
        event.stop()
        event.prevent_default()
        selects = isinstance(field, Input) and field.select_on_focus
        if isinstance(field, Input):  # carry on at its end, not over its text
            field.cursor_position = len(field.value)
            field.select_on_focus = False
        focus_now(field)
        # Queued behind the field's focus event and before the keys typed next: the letter,
        # then (for an input that selects its text when focused) that habit back.
        field.post_message(events.Key(event.key, event.character))
        if selects:
            field.call_later(setattr, field, "select_on_focus", True)

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
