"""Open actions across sessions, overdue ones marked; keys to close or re-date one."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.keyed_table import KeyedTable


class ActionList(KeyedTable):
    HELP = """
## Open actions

Actions still open, soonest due first; overdue ones are marked. x closes the selected action
(done or dropped), t gives it a new due date. Enter shows the session it came from.
"""

    BINDINGS = [
        Binding("x", "close_action", "Close action", id="history.close-action"),
        Binding("t", "redate_action", "Re-date", id="history.redate-action"),
    ]

    class CloseRequested(Message):
        def __init__(self, action_id: str) -> None:
            super().__init__()
            self.action_id = action_id

    class RedateRequested(Message):
        def __init__(self, action_id: str) -> None:
            super().__init__()
            self.action_id = action_id

    def __init__(self) -> None:
        super().__init__("Open actions", id="action-list")
        self.actions: dict[str, Action] = {}

    def on_mount(self) -> None:
        self.add_column("Due", key="due")
        self.add_column("", key="overdue")
        self.add_column("Action", key="text")
        self.add_column("Owner", key="owner")
        self.add_column("Case", key="case")

    def show(self, actions: list[Action], today: date) -> None:
        keep = self.selected_key
        self.clear()
        open_ = sorted((a for a in actions if a.is_open),
                       key=lambda a: (a.due is None, a.due or today, a.created_at))
        self.actions = {a.id: a for a in open_}
        for a in open_:
            late = Text("OVERDUE", style="bold red") if a.is_overdue(today) else ""
            self.add_row(fmt_date(a.due, "no date"), late, Text(for_terminal(a.text, False)),
                         Text(for_terminal(a.owner, False)), a.case_ref or "",
                         key=a.id)
        if not open_:
            self.add_row("", "", Text("No open actions.", style="italic"), "", "", key="-")
        elif keep in self.actions:
            self.move_cursor(row=list(self.actions).index(keep))

    @property
    def selected_action(self) -> Action | None:
        return self.actions.get(self.selected_key or "")

    def action_close_action(self) -> None:
        if self.selected_action:
            self.post_message(self.CloseRequested(self.selected_action.id))

    def action_redate_action(self) -> None:
        if self.selected_action:
            self.post_message(self.RedateRequested(self.selected_action.id))
