"""Snapshots of the history and search screens on the fixed history, fixed clock."""

import pytest

from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.search_results import SearchResults
from tests.ui.helpers import history_app, settle
from tests.waiting import wait_for


@pytest.fixture
def app(service):
    return history_app(service)


async def _history(pilot):
    await settle(pilot)
    await pilot.press("h")
    await wait_for(pilot, lambda: pilot.app.screen.query_one(RecordView).virtual_size.height,
                   what="the record laid out")
    await settle(pilot)


async def _history_actions(pilot):
    await _history(pilot)
    await pilot.press("j", "o")
    await settle(pilot)


async def _history_balance(pilot):
    await _history(pilot)
    await pilot.press("b")
    await settle(pilot)


async def _search(pilot):
    await settle(pilot)
    await pilot.press("slash", *"JB-1042")
    await wait_for(pilot, lambda: pilot.app.screen.query_one(SearchResults).hits,
                   what="search hits")
    await settle(pilot)  # a search typed letter by letter may still be running for the last one


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_history_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_history)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_history_actions_pane(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_history_actions)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_search_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_search)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_history_balance_pane(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_history_balance)
