"""Checkboxes and radio buttons whose state reads without colour.

Textual draws ticked and unticked alike (the mark differs only in colour), which a monochrome
or low-contrast terminal loses. These draw a mark only when on.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, RadioSet, SelectionList

T = TypeVar("T")


def highlight_pressed(choices: RadioSet) -> None:
    """Start the arrows from the choice already made: a radio set highlights its first
    button on mount, whichever is pressed, so an arrow then space would choose from there."""
    buttons = list(choices.query(RadioButton))
    pressed = next((n for n, b in enumerate(buttons) if b.value), 0)
    for _ in range(pressed):
        choices.action_next_button()


class TickBox(Checkbox):
    """A checkbox showing ✓ when ticked and a blank when not."""

    ON, OFF = "✓", " "

    def on_mount(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()


class Choice(RadioButton):
    """A radio button showing ● when chosen and a blank when not."""

    ON, OFF = "●", " "

    def on_mount(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()


class MarkedSelectionList(SelectionList[T]):
    """A selection list whose boxes show ✓ when ticked and a blank when not (Textual draws
    the same mark for both, in two colours)."""

    ON, OFF = "✓", " "

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = []
        for segment in line:
            meta = segment.style.meta if segment.style is not None else {}
            index = meta.get("option")
            if segment.text == Checkbox.BUTTON_INNER and isinstance(index, int):
                value = self.get_option_at_index(index).value
                mark = self.ON if value in self.selected else self.OFF
                segment = Segment(mark, segment.style, segment.control)
            segments.append(segment)
        return Strip(segments, line.cell_length)
