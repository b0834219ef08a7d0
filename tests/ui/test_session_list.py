"""A long history lists its newest sessions first and adds older ones as they are reached: the
first page when shown, the rest as the cursor goes down, at once on `G`, and up to any session
asked for (opened from a search, or chosen from the decisions log)."""

from __future__ import annotations

from datetime import timedelta

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.session_list import SessionList
from tests import builders as build
from tests import history_data as h
from tests.ui.helpers import settle
from tests.waiting import wait_for

PAGE = SessionList.PAGE
COUNT = PAGE * 2 + 7


def career(count: int = COUNT) -> list[Session]:
    """`count` monthly sessions, newest first, each with its number in its notes."""
    return [build.held(h.ALEX, h.NOW - timedelta(days=30 * (n + 1)), session_id=f"x-{n:012d}",
                       notes=f"Session number {n}.") for n in range(count)]


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SessionList()


def keys(table: SessionList) -> list[str | None]:
    return [table.coordinate_to_cell_key(Coordinate(n, 0))[0].value
            for n in range(table.row_count)]


async def test_a_long_history_lists_a_page_then_more_as_the_cursor_goes_down():
    sessions = career()
    order = [s.id for s in sessions]
    app = ListApp()
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(SessionList)
        table.show(sessions, {order[0]: 3})
        table.focus()
        assert keys(table) == order[:PAGE]
        assert table.border_subtitle == f"newest {PAGE} of {COUNT}"
        assert table.get_cell_at(Coordinate(0, 3)) == "3", "decisions counted per session"
        await pilot.press(*["j"] * (PAGE - 5))  # a burst, as a held key sends it
        await wait_for(pilot, lambda: table.cursor_row == PAGE - 5, what="the cursor moved")
        assert keys(table) == order[:PAGE * 2], "the next page, before the cursor reached it"
        await pilot.press("G")
        await wait_for(pilot, lambda: table.cursor_row == COUNT - 1, what="the oldest")
        assert keys(table) == order and table.selected_key == order[-1]
        assert table.border_subtitle == ""


async def test_a_session_asked_for_is_listed_and_selected_wherever_it_is():
    sessions = career()
    order = [s.id for s in sessions]
    app = ListApp()
    async with app.run_test(size=(100, 20)):
        table = app.query_one(SessionList)
        table.show(sessions, {}, select=order[-2])
        assert table.selected_key == order[-2]
        assert keys(table)[:COUNT - 1] == order[:COUNT - 1]
        table.show(sessions, {})  # shown again (history reloaded): keeps the selected one
        assert table.selected_key == order[-2]
        table.show(sessions[:3], {})  # a session no longer there: the newest
        assert table.selected_key == order[0] and keys(table) == order[:3]
        assert table.reveal("x-nobody") is False


async def test_history_opened_on_an_old_session_shows_it_and_can_go_to_another(service):
    records = service.records
    records.save_supervisee(Supervisee("Alex Rivera", "Social worker", h.ALEX,
                                       created_at=h.NOW - timedelta(days=30 * (COUNT + 1))))
    sessions = career()
    for s in sessions:
        records.save_session(s)
    oldest, second = sessions[-1].id, sessions[-2].id
    app = create_app(service, clock=h.fixed_clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(h.ALEX, select=second))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        listed = screen.query_one(SessionList)
        assert listed.selected_key == second
        assert f"Session number {COUNT - 2}." in screen.query_one(RecordView).markdown_text
        listed.list_items(screen.history.sessions)  # only the newest page listed again
        listed.move_cursor(row=0)
        await settle(pilot)
        assert listed.row_count == PAGE
        screen.select_session(oldest)  # as a decision of the log chosen with enter does
        await settle(pilot)
        assert listed.selected_key == oldest
        assert f"Session number {COUNT - 1}." in screen.query_one(RecordView).markdown_text
