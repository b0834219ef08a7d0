"""History's decisions log: `y` copies the selected decision as text for its case record, shows
it, and keeps that it was copied (the log says so; a reopened folder still does)."""

from __future__ import annotations

from textual.widgets import TextArea

from supervisor_tui.ui.dialogs.case_record import CaseRecordScreen
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.widgets.decision_log import DecisionLog
from tests import history_data as h
from tests.conftest import reopen
from tests.ui.helpers import history_app, settle
from tests.waiting import wait_for


async def test_copy_a_decision_to_its_case_record(service, data_dir) -> None:
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen(h.ALEX))
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                       and app.screen.history is not None, what="history")
        log = app.screen.query_one(DecisionLog)
        decision = next(d for d in app.screen.history.decisions if d.id == log.selected_key)
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseRecordScreen),
                       what="the text for the case record")
        text = app.screen.query_one(TextArea).text
        assert f"Decision: {decision.text}" in text and "Rationale:" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen)
                       and decision.id in app.screen.history.copied, what="history again")
        await settle(pilot)
        row = app.screen.query_one(DecisionLog).get_row(decision.id)
        assert str(row[3]).startswith("copied ")
    service.close()
    again = reopen(data_dir)
    try:
        assert [c.id for c in again.records.case_copies(h.ALEX)] == [decision.id]
    finally:
        again.close()
