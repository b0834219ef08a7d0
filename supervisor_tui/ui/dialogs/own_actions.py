"""The private step of a group session: one attendee's own open actions, for them alone. Ticked
ones are marked done in their own log; the view closes with enter or escape and leaves nothing
of theirs on the shared screen."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static
from textual.widgets.selection_list import Selection

from supervisor_tui.domain.decisions import Action
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.toggles import MarkedSelectionList


class OwnActionsScreen(ModalScreen[list[str] | None]):
    """Returns the ids of the actions ticked done (possibly none), or None when skipped."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("enter,ctrl+s", "save", "Save and close", id="own-actions.save",
                priority=True),
        Binding("escape", "dismiss(None)", "Skip", id="own-actions.skip"),
    ]

    def __init__(self, name: str, actions: list[Action], today: date) -> None:
        super().__init__()
        self.person, self.actions, self.today = name, actions, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="form own-actions") as form:
            form.border_title = f"Private: {self.person}"
            yield Static(f"For {self.person} only: turn the screen to them. Their own open "
                         "actions; space ticks one done in this session (it is kept in their "
                         "record only). Enter saves and closes this view; escape skips it.",
                         classes="note", markup=False)
            if self.actions:
                yield MarkedSelectionList[str](
                    *(Selection(self._line(a), a.id) for a in self.actions),
                    id="own-actions", compact=True)
            else:
                yield Label("No open actions.", classes="note")
            with Horizontal(classes="buttons"):
                yield Button("Save and close (enter)", id="save", variant="primary",
                             compact=True)
                yield Button("Skip (esc)", id="skip", compact=True)

    def _line(self, a: Action) -> Content:
        due = "no date" if a.due is None else (
            f"due {fmt_date(a.due)}" + (" (overdue)" if a.due < self.today else ""))
        return Content(f"{a.text} — {due}")  # typed text, never read as markup

    def on_mount(self) -> None:
        if self.actions:
            focus_now(self.query_one("#own-actions"))

    def action_save(self) -> None:
        if not self.actions:
            self.dismiss([])
            return
        ticked = self.query_one("#own-actions", MarkedSelectionList).selected
        self.dismiss([str(v) for v in ticked])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)
