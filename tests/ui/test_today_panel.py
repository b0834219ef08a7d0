"""Home's picture of today: a long caseload is counted, not listed, so that what follows it
(high-risk cases, wellbeing) stays in view; the panel draws only the lines in view, wrapped as
a Static wraps them, and scrolls by keys."""

from __future__ import annotations

from datetime import date, datetime

from textual.app import App, ComposeResult
from textual.content import Content

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.home import TodayPicture
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from supervisor_tui.ui.widgets.today_panel import SHOWN, TodayPanel, picture_text
from tests.support import STAMP
from tests.waiting import wait_for

TODAY = date(2026, 12, 5)


def test_a_long_list_of_people_the_roster_shows_gives_the_first_and_counts_the_rest():
    picture = TodayPicture(TODAY)
    picture.overdue = [(f"Person {n}", 40 - n) for n in range(SHOWN + 7)]
    picture.due_soon = [(f"Due {n}", datetime(2026, 12, 7, 10)) for n in range(SHOWN + 1)]
    picture.actions_overdue = [(f"Owner {n}", 2) for n in range(SHOWN + 2)]
    picture.high_risk = [("Person 3", ["C-001"])]
    picture.wellbeing = [(f"Person {n}", "last check-in 2/5") for n in range(SHOWN + 3)]
    lines = picture_text(picture).plain.splitlines()
    overdue = next(line for line in lines if line.startswith("Supervision overdue"))
    assert overdue.count(" days)") == SHOWN
    assert overdue.startswith("Supervision overdue: Person 0 (40 days), Person 1 (39 days)")
    assert overdue.endswith("and 7 more (o sorts the roster by days overdue)")
    due = next(line for line in lines if line.startswith("Supervision due this week"))
    assert due.endswith("and 1 more (Next due on the roster)")
    actions = next(line for line in lines if line.startswith("Actions overdue"))
    assert actions.endswith("and 2 more (Open actions on the roster)")
    assert "High-risk cases not reached: Person 3 (C-001)" in lines[2]  # third line, in view
    wellbeing = next(line for line in lines if line.startswith("Wellbeing"))
    assert wellbeing.count("last check-in") == SHOWN + 3  # not on the roster: every name


def test_a_short_list_is_given_whole():
    picture = TodayPicture(TODAY)
    picture.overdue = [(f"Person {n}", 10 + n) for n in range(SHOWN)]
    text = picture_text(picture).plain
    assert text.count(" days)") == SHOWN and "more" not in text


def long_picture() -> TodayPicture:
    """A caseload of 160: every high-risk case and wellbeing concern is named."""
    picture = TodayPicture(TODAY)
    picture.high_risk = [(f"Person {n}", [f"C-{n:04d}", f"C-{n + 500:04d}"]) for n in range(60)]
    picture.wellbeing = [(f"Person {n}", "last check-in 2/5") for n in range(0, 160, 3)]
    picture.actions_overdue = [(f"Owner {n}", 1) for n in range(12)]
    return picture


def expected_lines(picture: TodayPicture, width: int) -> list[str]:
    """The lines a Static of the same width shows: Textual's own wrapping."""
    return [line.plain.rstrip() for paragraph in picture_text(picture).split("\n")
            for line in Content.from_rich_text(paragraph).wrap(width)]


def shown(panel: TodayPanel) -> list[str]:
    return ["".join(segment.text for segment in panel.render_line(y)).rstrip()
            for y in range(panel.scrollable_content_region.height)]


class PanelApp(App[None]):
    """The panel alone, showing a long picture."""

    CSS = "#today { height: 10; overflow-y: scroll; padding: 0 1; }"

    def __init__(self) -> None:
        super().__init__()
        self.picture = long_picture()

    def compose(self) -> ComposeResult:
        yield TodayPanel()

    def on_mount(self) -> None:
        self.query_one(TodayPanel).show(self.picture)


async def test_a_long_picture_shows_its_wrapped_lines_in_view_and_scrolls_to_the_end_by_keys():
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.focus()
        await pilot.pause()
        picture = app.picture
        width = panel.scrollable_content_region.width
        height = panel.scrollable_content_region.height
        lines = expected_lines(picture, width)
        assert len(lines) > 3 * height
        assert shown(panel) == lines[:height]
        assert panel.virtual_size.height == len(lines)
        assert len(panel._strips) <= height  # only the lines in view were drawn
        await pilot.press("end")
        await pilot.pause()
        assert shown(panel) == lines[-height:]
        assert shown(panel)[-1].endswith("(Open actions on the roster)")
        await pilot.press("k", "k")
        await pilot.pause()
        assert shown(panel) == lines[-height - 2:-2]
        await pilot.press("home", "j")
        await pilot.pause()
        assert shown(panel) == lines[1:height + 1]


async def test_a_new_width_wraps_the_lines_again():
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        picture = app.picture
        await pilot.pause()
        await pilot.resize_terminal(44, 20)
        await pilot.pause()
        width = panel.scrollable_content_region.width
        assert width < 60
        height = panel.scrollable_content_region.height
        assert shown(panel) == expected_lines(picture, width)[:height]
        assert panel.text == picture_text(picture).plain


async def test_on_home_tab_reaches_today_and_its_keys_scroll_it_not_the_roster(service):
    for name in ("Ana Reyes", "Sam Okafor", "Tom Reid"):
        service.records.save_supervisee(Supervisee(name, "Social worker", created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                       what="home with its rows")
        table = app.screen.query_one(RosterTable)
        panel = app.screen.query_one(TodayPanel)
        panel.show(long_picture())
        await pilot.press("j", "tab")
        await wait_for(pilot, lambda: app.focused is panel, what="today focused")
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: panel.scroll_offset.y == 3, what="today scrolled")
        assert table.cursor_row == 1
        await pilot.press("shift+tab", "j")
        await wait_for(pilot, lambda: table.cursor_row == 2, what="the roster moved")
        assert panel.scroll_offset.y == 3


async def test_its_text_can_be_selected_with_the_mouse_and_the_selection_is_drawn():
    """As the Static it replaced: a double-click selects, ctrl+c then copies that text."""
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        await pilot.pause()
        plain = [panel.render_line(0)]
        await pilot.click("#today", offset=(3, 0), times=2)
        await pilot.pause()
        selected = app.screen.get_selected_text() or ""
        assert selected.startswith("High-risk cases not reached: Person 0 (C-0000, C-0500)")
        drawn = panel.render_line(0)
        assert drawn.text == plain[0].text
        assert [s.style for s in drawn] != [s.style for s in plain[0]], "shown as selected"
