"""Choose the attendees of a group supervision session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.widgets.toggles import MarkedSelectionList


class GroupForm(ModalScreen[list[str] | None]):
    """Returns the ids of the chosen supervisees (two or more), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="group.cancel"),
        Binding("ctrl+s", "start", "Start group session", id="group.start"),
    ]

    def __init__(self, people: list[Supervisee], preselected: str | None = None) -> None:
        super().__init__()
        self.people = people
        self.preselected = preselected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Group supervision"
            yield Label("Who attends? Space ticks a name; ctrl+s starts.")
            yield MarkedSelectionList[str](
                *[(p.name, p.id, p.id == self.preselected) for p in self.people],
                id="attendees",
            )
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        # The person it was opened on is ticked already: the cursor starts on the next one, so
        # space ticks someone else rather than unticking them.
        attendees = self.query_one(SelectionList)
        others = [i for i, p in enumerate(self.people) if p.id != self.preselected]
        if others:
            attendees.highlighted = others[0]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.dismiss(None)

    def action_start(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if len(chosen) < 2:
            self.query_one("#error", Label).update("A group session needs at least two attendees.")
            return
        order = {p.id: n for n, p in enumerate(self.people)}
        self.dismiss(sorted(chosen, key=order.__getitem__))

    def action_cancel(self) -> None:
        self.dismiss(None)
