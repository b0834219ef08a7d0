"""Our app on the corpus, built as the command line builds it, until the home rows are drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from benchmarks.drivers.pilot import finish_after_frame, wait_until
from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.store.service import open_service
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable


def home(report: Path, data_dir: Path, rows: int) -> None:
    service = open_service(data_dir)
    app = create_app(service, Config())

    def rows_shown() -> bool:
        screen = app.screen
        return isinstance(screen, HomeScreen) and screen.query_one(RosterTable).row_count >= rows

    async def pilot(pilot: Pilot[Any]) -> None:
        await wait_until(rows_shown)
        finish_after_frame(app, report, {"rows": app.screen.query_one(RosterTable).row_count})

    try:
        app.run(auto_pilot=pilot)
    finally:
        service.close()
