"""A DataTable moved through with j/k, g/G as well as the arrow and page keys."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.widgets import DataTable


class KeyedTable(DataTable[Any]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="table.down", show=False),
        Binding("k", "cursor_up", "Up", id="table.up", show=False),
        Binding("g", "first", "First", id="table.first", show=False),
        Binding("G", "last", "Last", id="table.last", show=False),
    ]

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.border_title = title

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        """Rows drawn before the table sized its columns (it does so when next idle, which a
        busy app reaches late) are cached under a key that sizing leaves as it was: dropped
        here, so no row stays cut to the width it was first drawn at."""
        if old.width != new.width:
            self.notify_style_update()

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        if not self.row_count or self.cursor_row < 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0))
        return row_key.value
