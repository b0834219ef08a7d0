"""The agreement states its group rhythm; home then names a group overdue apart from the
one-to-ones (a group never stands for a one-to-one)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from supervisor_tui.app import create_app
from supervisor_tui.ui.screens.agreement import AgreementScreen
from supervisor_tui.ui.widgets.today_panel import TodayPanel
from tests.conftest import reopen
from tests.support import open_service
from tests.ui.helpers import heard
from tests.ui.schedule_fixtures import clock, write_history
from tests.waiting import wait_for


async def test_a_monthly_group_is_agreed_saved_and_overdue_on_home(data_dir: Path) -> None:
    write_history(data_dir)
    svc = open_service(data_dir)
    app = create_app(svc, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = heard(app)
        app.push_screen(AgreementScreen("s-sam"))
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                       and app.screen.saved_form.get("rrule") == "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU",
                       what="Sam's agreement")
        app.screen.query_one("#group", Select).focus()
        await pilot.press("enter", "down", "down", "down", "enter")
        preview = app.screen.query_one("#agreement-preview")
        await wait_for(pilot, lambda: "Group monthly, counted apart from the one-to-ones"
                       in str(preview.render()), what="the group rhythm in the preview")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Agreement saved" in s for s in said),
                       what="the agreement saved")
        await pilot.press("escape")

        def today() -> str:
            if isinstance(app.screen, AgreementScreen):
                return ""
            return app.screen.query_one(TodayPanel).text

        # The new version starts 8 Sep; no group since: due 8 Oct, 46 days late on 23 Nov.
        await wait_for(pilot, lambda: "Group overdue" in today() and "46 days" in today(),
                       what="the group overdue on home")
    svc.close()
    svc = reopen(data_dir)
    try:
        current = svc.records.agreement("s-sam")
        assert current is not None and current.group_rrule == "FREQ=MONTHLY"
        assert current.rrule == "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU"  # the one-to-ones unchanged
    finally:
        svc.close()
