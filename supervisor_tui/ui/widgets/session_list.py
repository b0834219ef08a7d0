"""The sessions of one supervisee, newest first: date, type, status, agenda titles, decisions."""

from __future__ import annotations

from rich.text import Text

from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.paged_table import PagedTable

STATUS_STYLE = {
    SessionStatus.FINALISED: "",
    SessionStatus.IN_PROGRESS: "bold",
    SessionStatus.PLANNED: "italic",
    SessionStatus.CANCELLED: "dim strike",
    SessionStatus.DISCARDED: "dim",
}


class SessionList(PagedTable[Session]):
    HELP = """
## Sessions

Newest first. Move with the arrows or j/k, page up/down, g/G for the first and last session;
the record of the selected session is shown beside the list. A long history lists its newest
sessions first and adds older ones as you move down.
"""

    def __init__(self) -> None:
        super().__init__("Sessions", id="sessions", classes="pane")
        self._counts: dict[str, int] = {}

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
        self._counts = decision_counts
        ids = [s.id for s in sessions]
        at = ids.index(keep) if keep in ids else 0
        self.list_items(sessions, until=at + 1)
        if ids:
            self.move_cursor(row=at)

    def item_key(self, item: Session) -> str:
        return item.id

    def add_item(self, item: Session) -> None:
        titles = "; ".join(i.title for i in item.agenda) or "—"
        status = item.status.value.replace("_", " ")
        self.add_row(
            fmt_date(item.when),
            item.type.value.replace("_", " "),
            Text(status, style=STATUS_STYLE[item.status]),
            str(self._counts.get(item.id, 0)),
            titles if len(titles) <= 60 else titles[:59] + "…",
            key=item.id,
        )
