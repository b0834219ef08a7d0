"""A keyed table of a long list that adds its rows a page at a time: the first page when shown,
the next as the cursor or the scroll nears the end of what is listed, all of them on `G`.
A career's sessions or decisions then open as fast as a month's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.coordinate import Coordinate

from supervisor_tui.ui.widgets.keyed_table import KeyedTable

Item = TypeVar("Item")


class PagedTable(KeyedTable, Generic[Item]):
    PAGE = 50

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(title, id=id, classes=classes)
        self._items: Sequence[Item] = ()
        self._adding = False

    # -- for subclasses ----------------------------------------------------------------------
    def add_item(self, item: Item) -> None:
        """Add the row of one item."""
        raise NotImplementedError

    def item_key(self, item: Item) -> str:
        raise NotImplementedError

    # -- listing -----------------------------------------------------------------------------
    def list_items(self, items: Sequence[Item], until: int = 0) -> None:
        """Replace the rows with the first page of `items` (at least `until` of them)."""
        self._adding = True  # nothing to add while the table is cleared
        self.clear()
        self._adding = False
        self._items = items
        self.add_page(until=max(until, self.PAGE))

    @property
    def shown_count(self) -> int:
        """Items listed so far (the rest are added as the cursor moves down)."""
        return min(self.row_count, len(self._items))

    def add_page(self, until: int | None = None) -> None:
        """Add the next page of rows (or every row up to `until`)."""
        start = self.shown_count
        end = start + self.PAGE if until is None else until
        self._adding = True  # adding a row can move the cursor, which asks for more
        try:
            for item in self._items[start:end]:
                self.add_item(item)
        finally:
            self._adding = False
        total = len(self._items)
        self.border_subtitle = (f"newest {self.shown_count:,} of {total:,}"
                                if self.shown_count < total else "")

    def reveal(self, key: str) -> bool:
        """List every row up to the one of `key`; False if no item has that key."""
        if self.shown_count < len(self._items):
            keys = [self.item_key(item) for item in self._items]
            if key not in keys:
                return False
            if keys.index(key) >= self.shown_count:
                self.add_page(until=keys.index(key) + 1)
            return True
        return any(self.item_key(item) == key for item in self._items)

    def _more_if_near_end(self, row: int) -> None:
        more = self.shown_count < len(self._items)
        if more and not self._adding and row >= self.row_count - max(self.size.height, 10):
            self.add_page()

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._more_if_near_end(new.row)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._more_if_near_end(int(new) + self.size.height)

    def action_last(self) -> None:
        if self.shown_count < len(self._items):
            self.add_page(until=len(self._items))
        super().action_last()
