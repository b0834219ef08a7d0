from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests import history_data as h
from tests.ui.helpers import history_app, settle


async def test_home_shows_balance_and_opens_history_of_the_selected_person(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(RosterTable)
        alex = table.get_row(h.ALEX)
        assert alex[-1] == "N50 F20 R30"  # shares of agenda time over the last one-to-ones
        assert alex[-2] == "▅▃▆▅"
        assert table.get_row(h.BEA)[-1] == "N0 F0 R0 M100"  # her group is weighed apart
        await pilot.press("down", "h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.supervisee_id == h.BEA
        assert app.screen.title == "History: Bea Chen"
