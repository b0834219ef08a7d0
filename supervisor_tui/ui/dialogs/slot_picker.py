"""Which planned date a held session stood for: the planned dates near it, nearest first, or
none (an extra session). Enter chooses; escape leaves it as it is."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from supervisor_tui.ui.focus import focus_now

NONE = "none"


class SlotPicker(ModalScreen[str | None]):
    """Returns the chosen date's ISO text, `NONE`, or None when left as it is."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Leave as it is", id="slot-picker.cancel")]

    def __init__(self, held: datetime, slots: list[datetime], current: datetime | None,
                 zone: tzinfo | None) -> None:
        super().__init__()
        self.held, self.slots, self.current, self.zone = held, slots, current, zone

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone) if self.zone else moment

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Held for which planned date?"
            yield Label(f"Held {self._local(self.held):%a %d %b %H:%M}. The date it stood for "
                        "is taken off the diary, next due and the calendar.",
                        classes="question", markup=False)
            options = [Option(f"{self._local(s):%a %d %b %Y %H:%M}"
                              + ("  (as recorded)" if s == self.current else ""), id=s.isoformat())
                       for s in self.slots]
            options.append(Option("None: an extra session" + (
                "  (as recorded)" if self.current is None else ""), id=NONE))
            yield OptionList(*options, id="slots")
            yield Label("Enter chooses; escape leaves it as it is.", classes="hint")

    def on_mount(self) -> None:
        focus_now(self.query_one("#slots", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
