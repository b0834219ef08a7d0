"""Our app on the corpus, launched by the command line's own `main`, until the home rows are drawn.

Everything `supervisor-tui --data-dir DIR` does before the first frame is measured: parsing the
arguments, reading the config, opening the folder and building the app. The only addition is the
auto-pilot that watches for the rows, handed to `App.run`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from benchmarks.drivers.pilot import finish_after_frame, wait_until


def home(report: Path, data_dir: Path, rows: int) -> None:
    from supervisor_tui import cli
    from supervisor_tui.ui.widgets.roster_table import RosterTable

    run = App.run

    def run_watched(app: App[Any], *args: Any, **kwargs: Any) -> Any:
        def rows_shown() -> bool:
            table = app.screen.query(RosterTable)
            return bool(table) and table.first().row_count >= rows

        async def pilot(pilot: Pilot[Any]) -> None:
            await wait_until(rows_shown)
            finish_after_frame(app, report, {"rows": app.screen.query_one(RosterTable).row_count})

        return run(app, *args, auto_pilot=pilot, **kwargs)

    App.run = run_watched  # type: ignore[method-assign]
    no_config = report.with_name("no-config.toml")  # the defaults, not the user's own config
    code = cli.main(["--data-dir", str(data_dir), "--config", str(no_config)])
    if code:
        raise SystemExit(code)
