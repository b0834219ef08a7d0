"""Checkboxes and radio buttons whose state reads without colour.

Textual draws ticked and unticked alike (the mark differs only in colour), which a monochrome
or low-contrast terminal loses. These draw a mark only when on.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


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
