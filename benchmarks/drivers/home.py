"""Our app on the corpus, launched by the command line's own `main`, until the home rows are drawn.

Everything `supervisor-tui --data-dir DIR` does before the first frame is measured: parsing the
arguments, reading the config, importing Textual and the app, opening the folder and building the
app. The only addition is the auto-pilot that watches for the rows, handed to `App.run`.

The driver imports nothing of Textual itself: it hooks `App.run` when the app's own startup
imports `textual.app`, so Textual loads at the same point as in the real command.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec


class AfterImport:
    """A finder on `sys.meta_path` that calls `then(module)` right after the module `name` is
    first imported. (Not derived from `importlib.abc.MetaPathFinder`: importing that module
    costs about 10 ms, which would count against the app.)"""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        assert spec is not None and spec.loader is not None
        run_module = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            self.then(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def watch_app(report: Path, rows: int) -> Callable[[ModuleType], None]:
    """Patch `App.run` of a freshly imported `textual.app` to add the auto-pilot."""

    def patch(textual_app: ModuleType) -> None:
        app_class = textual_app.App
        run = app_class.run

        def run_watched(app: Any, *args: Any, **kwargs: Any) -> Any:
            from benchmarks.drivers.pilot import finish_after_frame, wait_until
            from supervisor_tui.ui.widgets.roster_table import RosterTable

            def rows_shown() -> bool:
                table = app.screen.query(RosterTable)
                return bool(table) and table.first().row_count >= rows

            async def pilot(pilot: Any) -> None:
                await wait_until(rows_shown)
                finish_after_frame(app, report,
                                   {"rows": app.screen.query_one(RosterTable).row_count})

            return run(app, *args, auto_pilot=pilot, **kwargs)

        app_class.run = run_watched

    return patch


def home(report: Path, data_dir: Path, rows: int) -> None:
    assert "textual.app" not in sys.modules, "the driver must leave Textual to the app"
    sys.meta_path.insert(0, AfterImport("textual.app", watch_app(report, rows)))
    from supervisor_tui import cli

    no_config = report.with_name("no-config.toml")  # the defaults, not the user's own config
    code = cli.main(["--data-dir", str(data_dir), "--config", str(no_config)])
    if code:
        raise SystemExit(code)
