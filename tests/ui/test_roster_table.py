"""The home screen's roster table: fitting columns, the cursor, scrolling, keys and the mouse."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult

from supervisor_tui.ui.widgets.roster_table import Column, RosterTable, Row

COLUMNS = [
    Column("Name", "name", shrink=6),
    Column("Role", "role", optional=True),
    Column("Due", "due"),
]


def rows(n: int) -> list[Row]:
    return [Row(f"k{i}", (f"Person {i:02d}", "Social worker", Text(f"{i}d", style="red")))
            for i in range(n)]


class TableApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield RosterTable(COLUMNS, id="t")

    def on_mount(self) -> None:
        self.query_one(RosterTable).set_rows(rows(self.count))

    def on_roster_table_row_chosen(self, event: RosterTable.RowChosen) -> None:
        self.chosen.append(event.key)


def screen_lines(app: App) -> list[str]:
    table = app.query_one(RosterTable)
    return [table.render_line(y).text for y in range(table.size.height)]


def test_columns_shrink_widest_first_then_optional_ones_are_left_out() -> None:
    table = RosterTable(COLUMNS)
    natural = [9, 13, 3]                            # + a gap before each column: 28 cells
    assert table.fit_widths(natural, 40) == natural
    assert table.fit_widths(natural, 25) == [6, 13, 3]
    assert table.fit_widths(natural, 15) == [9, 0, 3]   # Role left out, Name whole again
    assert table.fit_widths(natural, 8) == [6, 0, 3]    # and Name shrunk as far as it goes


async def test_header_stays_on_top_while_the_cursor_scrolls_the_rows() -> None:
    app = TableApp(30)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RosterTable)
        assert table.has_focus and table.row_count == 30
        lines = screen_lines(app)
        assert lines[0].split() == ["Name", "Role", "Due"]
        assert lines[1].startswith(" Person 00")
        await pilot.press("end")
        assert table.cursor_row == 29
        lines = screen_lines(app)
        assert lines[0].split() == ["Name", "Role", "Due"]
        assert lines[-1].startswith(" Person 29")     # the cursor row is in view, at the bottom
        await pilot.press("pageup")
        assert table.cursor_row == 20
        await pilot.press("home", "down", "j", "k")
        assert table.cursor_row == 1
        assert screen_lines(app)[1].startswith(" Person 00")
        await pilot.press("up", "up")                 # stops at the first row
        assert table.cursor_row == 0


async def test_enter_and_a_double_click_choose_the_row_and_a_click_moves_the_cursor() -> None:
    app = TableApp(5)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RosterTable)
        await pilot.press("down", "enter")
        assert app.chosen == ["k1"]
        await pilot.click(RosterTable, offset=(2, 4))  # line 4 = the fourth row under the header
        assert table.cursor_row == 3
        await pilot.click(RosterTable, offset=(2, 4), times=2)
        assert app.chosen == ["k1", "k3"]
        await pilot.click(RosterTable, offset=(2, 0))  # the header: nothing changes
        assert table.cursor_row == 3


async def test_a_narrow_table_cuts_long_text_with_an_ellipsis_and_keeps_the_last_column() -> None:
    app = TableApp(3)
    async with app.run_test(size=(12, 6)):
        lines = screen_lines(app)
        assert lines[0].split() == ["Name", "Due"]      # Role left out: it does not fit
        assert lines[1].split() == ["Person…", "0d"]
        table = app.query_one(RosterTable)
        assert table.get_cell("k2", "role") == "Social worker"  # the data is whole
        assert str(table.get_cell("k2", "due")) == "2d"


async def test_new_rows_keep_the_cursor_in_range_and_an_empty_table_draws_blank() -> None:
    app = TableApp(10)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RosterTable)
        await pilot.press("end")
        table.set_rows(rows(3))
        assert table.cursor_row == 2
        table.set_rows([])
        await pilot.press("down", "enter")
        assert table.row_count == 0 and app.chosen == []
        assert all(not line.strip() for line in screen_lines(app)[1:])


class NotingTable(RosterTable):
    """Notes the height of each size it is laid out at."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)
        self.heights: list[int] = []

    def on_resize(self, event: events.Resize) -> None:
        self.heights.append(event.size.height)
        super().on_resize(event)


class AutoHeightApp(TableApp):
    """The table sized to its rows, as on the home screen."""

    CSS = "RosterTable { height: auto; max-height: 12; }"

    def compose(self) -> ComposeResult:
        yield NotingTable()


async def test_rows_given_before_the_first_layout_size_the_table_in_that_layout() -> None:
    """The home screen fills the table before it is laid out: the first layout gives it the
    height of its rows (not its minimum, put right by a second layout and a second frame)."""
    app = AutoHeightApp(5)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        assert app.query_one(NotingTable).heights == [6]  # the header and five rows, at once
    app = AutoHeightApp(30)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        assert app.query_one(NotingTable).heights == [12]  # as many as the cap allows


def test_a_cell_never_sends_a_control_sequence_to_the_terminal():
    from rich.console import Console
    from rich.text import Text

    from supervisor_tui.ui.widgets.roster_table import _fit

    console = Console(width=80)
    for cell in ("Sam\x1b]0;owned\x07", Text("Sam\x1b[2J", style="bold")):
        segments = _fit(cell, 20, console)
        text = "".join(s.text for s in segments)
        assert "\x1b" not in text and "\x07" not in text
        assert text.startswith("Sam")


async def test_a_series_cut_short_keeps_its_newest_end_and_its_label_keeps_its_start() -> None:
    class SeriesApp(App[None]):
        def compose(self) -> ComposeResult:
            yield RosterTable([Column("Name", "name"),
                               Column("Wellbeing", "wb", shrink=5, keep_end=True)], id="t")

        def on_mount(self) -> None:
            self.query_one(RosterTable).set_rows([
                Row("a", ("Ada", "▁▂▃▄▅▆▇█")), Row("b", ("Bo", "▃▅"))])

    app = SeriesApp()
    async with app.run_test(size=(11, 5)):
        lines = screen_lines(app)
        assert lines[0].split() == ["Name", "Well…"]   # a label is cut at its end
        assert lines[1].split() == ["Ada", "…▅▆▇█"]    # a series keeps its newest values
        assert lines[2].split() == ["Bo", "▃▅"]        # one that fits is whole


async def test_a_styled_cell_is_drawn_in_its_style_whole_or_cut() -> None:
    """Days overdue are red on every row (the cursor row too), and still red when cut."""
    app = TableApp(3)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RosterTable)
        await pilot.pause()
        for y in (1, 2):  # the cursor row and another
            (due,) = [s for s in table.render_line(y) if s.text.strip().endswith("d")
                      and s.text.strip()[:-1].isdigit()]
            assert due.style is not None and due.style.color is not None
            assert due.style.color.name == "red"
        table.set_rows([Row("k", ("Person", "Role", Text("file damaged", style="bold red")))])
        table.columns = [COLUMNS[0], COLUMNS[1], Column("Due", "due", shrink=4)]
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        cut = [s for s in table.render_line(1) if "…" in s.text]
        assert cut and all(s.style is not None and s.style.bold for s in cut)
