"""Base for the small modal dialogs that ask for one answer: the "save" button saves, any other
button (or escape, bound by each dialog under its own id) leaves with None.

A letter typed while a checkbox, a choice or a button has the focus (the typist did not look
up) is not lost: it goes to the dialog's text field last used (or its first), which takes the
focus, so the rest of the word follows it.

Saving waits for the typing before it: keys are handed to a field's own queue as they are read,
while enter and ctrl+s act when they are read; so a save reads the fields only once each has
handled every key sent to it before (a whole burst, "title<tab>10<enter>", is saved whole)."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from supervisor_tui.ui.focus import SubmitInPlace, focus_now
from supervisor_tui.ui.keys_ahead import go_on_with_keys

T = TypeVar("T")


class KeysHandled(Message):
    """Posted to each field of a dialog that is saving; it reaches the dialog once that field
    has handled every key sent to it before."""

    def __init__(self, token: int) -> None:
        super().__init__()
        self.token = token


class DialogScreen(ModalScreen[T | None], SubmitInPlace):
    _last_field: Input | TextArea | None = None
    _save_token = 0
    _fields_to_hear = 0

    def watch_focused(self, widget: Widget | None) -> None:
        # As the focus moves (not later, when the focus event is handled): the field last
        # focused is known to the keys read straight after.
        if isinstance(widget, (Input, TextArea)):
            self._last_field = widget

    def text_field_for(self, event: events.Key) -> Input | TextArea | None:
        """The text field a printable key should go to when the focused widget does not
        take it (a tick box, a choice, a button): the field last used, or the first."""
        if not event.is_printable or event.character is None:
            return None
        if isinstance(self.focused, (Input, TextArea)) or event.key in self.active_bindings:
            return None  # a field's own text, or the focused widget's key (space ticks a box)
        field = self._last_field
        if field is None or not field.is_attached:
            field = next((w for w in self.query("Input, TextArea")
                          if isinstance(w, (Input, TextArea)) and w.focusable), None)
        if field is None or (isinstance(field, TextArea) and field.read_only):
            return None
        return field

    def give_key(self, field: Input | TextArea, event: events.Key) -> None:
        """Focus `field` now (so the keys after this one follow it) and hand it this key, at
        the end of its text (not over it, as focusing an input selects its text)."""
        focus_now(field)
        # Each runs in the field's own queue, in this order, after its focus event.
        field.call_later(_to_end, field)
        field.post_message(events.Key(event.key, event.character))

    def take_typed_key(self, event: events.Key) -> bool:
        """Called by the app as each key is read, before it is handed on: a letter for a tick
        box, choice or button goes to the text field at once, in order with the tab and enter
        keys around it (a key handed on is handled later, after those have acted)."""
        if self.focused is None or (field := self.text_field_for(event)) is None:
            return False
        self.give_key(field, event)
        return True

    def on_key(self, event: events.Key) -> None:
        # A key already handed to another widget, which did not take it (`take_typed_key`
        # routes the keys read while this dialog has a focused widget).
        if (field := self.text_field_for(event)) is not None:
            event.stop()
            event.prevent_default()
            self.give_key(field, event)

    def save(self) -> None:
        """Save once every field has handled the keys sent to it so far (see above)."""
        fields = [w for w in self.query("*") if isinstance(w, Widget) and w.focusable]
        if not fields:
            self.save_now()
            self.after_save_now()
            return
        self._save_token += 1
        self._fields_to_hear = len(fields)
        for field in fields:
            marker = KeysHandled(self._save_token)
            marker.set_sender(field)  # bubbles from the field up to the dialog
            field.post_message(marker)

    @on(KeysHandled)
    def _keys_handled(self, event: KeysHandled) -> None:
        event.stop()
        if event.token != self._save_token or self not in self.app.screen_stack:
            return  # a save asked again since, or the dialog already closed (one put over it,
            # the blank screen, does not stop the save asked for before it)
        self._fields_to_hear -= 1
        if self._fields_to_hear == 0:
            self.save_now()
            self.after_save_now()

    def save_now(self) -> None:
        """Validate the fields; dismiss with the result, or show what is wrong and stay open."""
        raise TypeError(f"{type(self).__name__} defines no save_now()")

    def after_save_now(self) -> None:
        """Called once `save_now` has run, whatever it did."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def show_error(self, message: str, focus: str | None = None) -> None:
        """Say what is wrong in the dialog's `#error` line (and put the cursor where it is);
        keys held for a question the save would have asked go on to the form."""
        go_on_with_keys(self.app)
        line = self.query_one("#error", Static)
        line.remove_class("-note")
        line.update(message)
        if focus is not None:
            focus_now(self.query_one(focus))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _to_end(field: Input | TextArea) -> None:
    if isinstance(field, Input):
        field.action_end()
    else:
        field.move_cursor(field.document.end)
