"""The home screen on the demo data set lists every demo supervisee with their figures."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from supervisor_tui.app import create_app
from supervisor_tui.demo import write_demo
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.support import open_service
from tests.waiting import wait_for

TODAY = date(2026, 11, 23)


async def test_home_lists_the_demo_supervisees(tmp_path):
    svc = open_service(tmp_path / "demo")
    write_demo(svc.records, TODAY)
    app = create_app(svc, clock=lambda: datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/London")))
    try:
        async with app.run_test(size=(110, 30)) as pilot:
            table = app.screen.query_one("#supervisees", RosterTable)
            await wait_for(pilot, lambda: table.row_count, what="home's rows")
            columns = [column.key for column in table.columns]
            rows = [dict(zip(columns, table.get_row_at(n), strict=True))
                    for n in range(table.row_count)]
    finally:
        svc.close()
    names = [str(row["name"]) for row in rows]
    assert names == ["Jo Brackenbury", "Maya Fernhill", "Priya Sandmoor", "Tom Larkspur"]
    assert all(str(row["last"]) != "—" and str(row["wellbeing"]) for row in rows)
    assert any("overdue" in str(row["actions"]) for row in rows)
