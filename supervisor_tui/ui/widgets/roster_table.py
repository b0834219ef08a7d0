"""A read-only table of rows with a row cursor, drawn line by line (Textual's Line API).

The home screen's list of supervisees. Textual's DataTable renders every cell through Rich on
each frame; this widget turns each row into one strip of segments when the rows change and
only styles and crops those strips when drawing, so forty rows cost about as much to show as
none. Columns marked `shrink` give up width (their text ends in "…", or a series such as the
wellbeing scores starts with it) when the table is wider than the screen, so the figures on
the right stay in view on an 80-column terminal.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from supervisor_tui.domain.text_safety import CONTROL, for_terminal

Cell = str | Text
GAP = 1
"""Blank cells before every column."""


class Column(NamedTuple):
    """A column of the roster: its label, key and how far it may shrink. (Named tuples, not
    dataclasses, for these two: home's first frame makes them, and a dataclass takes four
    times as long to define.)"""

    label: str
    key: str
    shrink: int | None = None
    """The narrowest this column may become when space is short; None: never narrower."""
    optional: bool = False
    """Left out when the table does not fit even with every column shrunk."""
    keep_end: bool = False
    """Cut from the start ("…" first) when shrunk: the end of a series is its newest."""


class Row(NamedTuple):
    """One row of cells, under its key."""

    key: str
    cells: tuple[Cell, ...]


def _fit(cell: Cell, width: int, console: Console, keep_end: bool = False) -> list[Segment]:
    """The cell's segments, cut (with "…") or padded to exactly `width` cells; `keep_end`
    cuts a text cell's start instead of its end."""
    # A name from a restored file may hold an escape sequence: shown, never sent.
    if isinstance(cell, str):
        cell = for_terminal(cell, keep_lines=False)
    elif CONTROL.search(cell.plain):
        cell = Text(for_terminal(cell.plain, keep_lines=False), style=cell.style,
                    spans=cell.spans)
    if isinstance(cell, str):
        if cell_len(cell) <= width:
            return [Segment(cell + " " * (width - cell_len(cell)))]
        if keep_end and width > 1:
            tail = cell
            while cell_len(tail) > width - 1:
                tail = tail[1:]
            kept = "…" + tail
            return [Segment(kept + " " * (width - cell_len(kept)))]
        cell = Text(cell)
    style = console.get_style(cell.style) if cell.style else None
    if not cell.spans and cell.cell_len <= width:  # one style, fits (days overdue in red)
        return [Segment(cell.plain + " " * (width - cell.cell_len), style)]
    text = cell.copy()
    text.truncate(width, overflow="ellipsis", pad=True)
    # `render` leaves out the text's own style (a console print adds it): put it under the
    # spans' styles here, as a print would.
    return list(Segment.apply_style(
        [segment for segment in text.render(console) if segment.text], style))


class RosterTable(ScrollView, can_focus=True):
    """Rows under a header that stays put; the cursor row is the selected one."""

    COMPONENT_CLASSES = {
        "roster-table--header",
        "roster-table--cursor",
        "roster-table--even-row",
    }
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", id="roster.up", show=False),
        Binding("down,j", "cursor_down", "Down", id="roster.down", show=False),
        Binding("pageup", "page_up", "Page up", id="roster.page-up", show=False),
        Binding("pagedown", "page_down", "Page down", id="roster.page-down", show=False),
        Binding("home", "first", "First", id="roster.first", show=False),
        Binding("end", "last", "Last", id="roster.last", show=False),
        Binding("enter", "choose", "Choose", id="roster.choose", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class RowHighlighted(Message):
        """The cursor moved onto another row (or the rows were replaced)."""

        def __init__(self, table: RosterTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

        @property
        def control(self) -> RosterTable:
            return self.table

    class RowChosen(Message):
        """Enter (or a click on the row under the cursor) on a row."""

        def __init__(self, table: RosterTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RosterTable:
            return self.table

    def __init__(self, columns: list[Column], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.rows: list[Row] = []
        self.widths: list[int] = [cell_len(c.label) for c in columns]
        self._header: Strip = Strip([])
        self._strips: list[Strip | None] = []
        """Each row drawn at the current widths, made when it first shows (a long roster's
        first frame draws only the rows in view)."""
        self._laid_out_for = -1
        self._base_style: Style | None = None

    # -- data ----------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[Row], cursor: int | None = None) -> None:
        """Replace every row; the cursor stays on the same index (or moves to `cursor`)."""
        self.rows = list(rows)
        self._laid_out_for = -1
        self._layout()
        if self._laid_out_for == -1:  # no width yet: the height is known, so the first
            # layout gives the table its rows' height (with `height: auto`), not a second one
            self.virtual_size = Size(self.virtual_size.width, len(self.rows) + 1)
        target = self.cursor_row if cursor is None else cursor
        self.cursor_row = max(0, min(target, len(self.rows) - 1))
        self.refresh()

    def get_row_at(self, index: int) -> tuple[Cell, ...]:
        return self.rows[index].cells

    def get_row(self, key: str) -> tuple[Cell, ...]:
        for row in self.rows:
            if row.key == key:
                return row.cells
        raise KeyError(key)

    def get_cell(self, row_key: str, column_key: str) -> Cell:
        index = [c.key for c in self.columns].index(column_key)
        return self.get_row(row_key)[index]

    def row_key(self, index: int) -> str | None:
        return self.rows[index].key if 0 <= index < len(self.rows) else None

    def move_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(row, len(self.rows) - 1))

    # -- layout --------------------------------------------------------------------------------
    def natural_widths(self) -> list[int]:
        widths = [cell_len(c.label) for c in self.columns]
        for row in self.rows:
            for i, cell in enumerate(row.cells):
                n = cell_len(cell) if isinstance(cell, str) else cell.cell_len
                if n > widths[i]:
                    widths[i] = n
        return widths

    def fit_widths(self, natural: list[int], available: int) -> list[int]:
        """Take width from the shrinkable columns (widest first) until the table fits; if
        that is not enough, leave out the optional columns (width 0) and shrink again."""
        widths = self._shrink(natural, available)
        if sum(w + GAP for w in widths) > available:
            kept = [0 if c.optional else w for c, w in zip(self.columns, natural, strict=True)]
            widths = self._shrink(kept, available)
        return widths

    def _shrink(self, natural: list[int], available: int) -> list[int]:
        widths = list(natural)
        excess = sum(w + GAP for w in widths if w) - available
        while excess > 0:
            candidates = [i for i, c in enumerate(self.columns)
                          if c.shrink is not None and widths[i] > c.shrink]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
        return widths

    def _layout(self) -> None:
        available = self.scrollable_content_region.width or self.size.width
        if available == self._laid_out_for or not available:  # not laid out yet: on resize
            return
        self._laid_out_for = available
        self.widths = self.fit_widths(self.natural_widths(), available)
        self._header = self._line(tuple(c.label for c in self.columns), header=True)
        self._strips = [None] * len(self.rows)
        total = sum(w + GAP for w in self.widths if w)
        self.virtual_size = Size(total, len(self.rows) + 1)

    def _line(self, cells: tuple[Cell, ...], header: bool = False) -> Strip:
        segments = []
        console = self.app.console
        for cell, width, column in zip(cells, self.widths, self.columns, strict=True):
            if width:
                segments += [Segment(" " * GAP), *_fit(
                    cell, width, console, column.keep_end and not header)]
        return Strip(segments)

    def _strip(self, index: int) -> Strip:
        strip = self._strips[index]
        if strip is None:
            strip = self._strips[index] = self._line(self.rows[index].cells)
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self.scroll_to_cursor()

    # -- drawing -------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """As Textual's, working out the table's own style once for all the lines drawn (it
        walks every ancestor's styles)."""
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("roster-table--header")
            strip = self._header
        else:
            index = scroll_y + y - 1
            if index >= len(self._strips):
                return Strip.blank(width, base)
            style = base
            if index % 2:
                style += self.get_component_rich_style("roster-table--even-row")
            if index == self.cursor_row:
                style += self.get_component_rich_style("roster-table--cursor")
            strip = self._strip(index)
        return strip.crop_extend(scroll_x, scroll_x + width, None).apply_style(style)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self.scroll_to_cursor()
        if self.rows:
            self.post_message(self.RowHighlighted(self, new))

    def refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough that the cursor row shows below the header."""
        visible = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self.refresh_row(self.cursor_row)

    # -- keys and mouse ------------------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_choose(self) -> None:
        if (key := self.row_key(self.cursor_row)) is not None:
            self.post_message(self.RowChosen(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index < len(self.rows):
            if index == self.cursor_row and event.chain >= 2:
                self.action_choose()
            self.move_cursor(index)
