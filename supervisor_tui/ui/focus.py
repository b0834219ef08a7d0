"""Focus that moves in the same step as the key that moves it.

Keys typed ahead (a fast typist, a paste, a slow machine) are handed to the focused widget as
they are read. `Widget.focus()` only asks for the move later, and a handler of a message posted
by a key runs later still: keys read in between land in the field that was left. So a key
that moves focus is a priority binding, run while that key is handled, and the move is made
with `Screen.set_focus` at once.
"""

from __future__ import annotations

import inspect
from typing import Any

from textual.binding import Binding
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def focus_now(widget: Widget, scroll_visible: bool = True) -> None:
    """Give `widget` the focus now, so the next key already goes to it (a container that
    cannot take focus passes it to its first widget that can)."""
    if not widget.focusable:
        inner = next((w for w in widget.query("*") if isinstance(w, Widget) and w.focusable),
                     None)
        if inner is None:
            return
        widget = inner
    try:
        widget.screen.set_focus(widget, scroll_visible=scroll_visible)
    except NoScreen:  # not mounted yet: Textual's way, when it is
        widget.focus(scroll_visible)


class SubmitInPlace(Screen[Any]):
    """A screen whose one-line fields act on enter in the same step (next field, or save):
    its `on_input_submitted` is run while the enter key is handled, not after the keys typed
    after it have gone to the field that was left.

    A modal names `ModalScreen` first among its bases and this after it: Textual takes a
    screen's default styles along the first base only, and a modal must keep its see-through
    background."""

    BINDINGS = [Binding("enter", "submit_field", show=False, priority=True,
                        id="form.submit-field")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_field":
            return isinstance(self.focused, Input) and hasattr(self, "on_input_submitted")
        return True

    async def action_submit_field(self) -> None:
        field = self.focused
        handler = getattr(self, "on_input_submitted", None)
        if not isinstance(field, Input) or handler is None:
            return
        if inspect.signature(handler).parameters:
            result = handler(Input.Submitted(field, field.value))
        else:
            result = handler()
        if inspect.isawaitable(result):
            await result
