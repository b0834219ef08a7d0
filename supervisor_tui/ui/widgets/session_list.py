"""The sessions of one supervisee, newest first: date, type, status, agenda titles, decisions."""

from __future__ import annotations

from rich.text import Text

from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.keyed_table import KeyedTable

STATUS_STYLE = {
    SessionStatus.FINALISED: "",
    SessionStatus.IN_PROGRESS: "bold",
    SessionStatus.PLANNED: "italic",
    SessionStatus.CANCELLED: "dim strike",
    SessionStatus.DISCARDED: "dim",
}


class SessionList(KeyedTable):
    HELP = """
## Sessions

Newest first. Move with the arrows or j/k, page up/down, g/G for the first and last session;
the record of the selected session is shown beside the list.
"""

    def __init__(self) -> None:
        super().__init__("Sessions", id="sessions", classes="pane")

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Type", key="type")
        self.add_column("Status", key="status")
        self.add_column("Dec", key="decisions")
        self.add_column("Agenda", key="agenda")

    def show(self, sessions: list[Session], decision_counts: dict[str, int],
             select: str | None = None) -> None:
        """Fill the list (sessions newest first), keeping or moving to the `select` session."""
        keep = select or self.selected_key
        self.clear()
        for s in sessions:
            titles = "; ".join(i.title for i in s.agenda) or "—"
            status = s.status.value.replace("_", " ")
            self.add_row(
                fmt_date(s.when),
                s.type.value.replace("_", " "),
                Text(status, style=STATUS_STYLE[s.status]),
                str(decision_counts.get(s.id, 0)),
                titles if len(titles) <= 60 else titles[:59] + "…",
                key=s.id,
            )
        ids = [s.id for s in sessions]
        if ids:
            self.move_cursor(row=ids.index(keep) if keep in ids else 0)
