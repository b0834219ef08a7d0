"""Shared fixtures: a temporary data folder, an open service, and the wall clock moved away.

The product reads the wall clock in one place (`cli.system_clock`); everything else is handed a
clock. So that a leak shows, every test runs with the wall clock moved years ahead (or to the
moment in `SUPERVISOR_TUI_TEST_WALL_CLOCK`, an ISO time or `real`): a record or a screen that
took its date from the wall clock then disagrees with the test's fixed clock. The date-sensitive
tests (marked `dates`) run a second time on the real date.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import time_machine
from textual.widgets import DataTable

from supervisor_tui.services.service import Service
from tests.support import open_service, reopen

__all__ = ["reopen"]

WALL_CLOCK_ENV = "SUPERVISOR_TUI_TEST_WALL_CLOCK"
MOVED_WALL_CLOCK = datetime(2041, 12, 31, 23, 40, tzinfo=timezone(timedelta(hours=-5)))
"""Years after every fixed time the tests use, on a New Year's Eve whose UTC date is already
the next year: a leak shows as a wrong year, day or zone."""

#: Test modules whose outcome depends on the day: home, diary, agenda pre-fill, audit, reports,
#: summaries and the demo data (dated from "today").
DATE_SENSITIVE = (
    "tests/domain/", "tests/reports/", "tests/services/", "tests/test_demo.py",
    "tests/commands/test_schedule_cli.py", "tests/commands/test_records_cli.py",
    "tests/ui/test_home.py", "tests/ui/test_home_demo.py", "tests/ui/test_schedule_pilot.py",
    "tests/ui/test_schedule_snapshots.py", "tests/ui/test_session_snapshots.py",
    "tests/ui/test_history.py", "tests/ui/test_record_export.py", "tests/ui/test_audit_screen.py",
    "tests/test_clock.py",
)


def _date_sensitive(path: Path, root: Path) -> bool:
    return path.relative_to(root).as_posix().startswith(DATE_SENSITIVE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A date-sensitive test runs twice in the one run: at the moved wall clock and on the
    real date. A screenshot comparison runs once (its picture is named after the test, and a
    wall clock leaking onto the screen already differs from the picture at the moved clock)."""
    if ("snap_compare" in metafunc.fixturenames
            or not _date_sensitive(Path(metafunc.definition.path), metafunc.config.rootpath)):
        return
    metafunc.parametrize("wall_clock", ["moved-clock", "real-date"], indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _date_sensitive(Path(item.fspath), config.rootpath):
            item.add_marker(pytest.mark.dates)
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)


def wall_clock_target() -> datetime | None:
    """Where the wall clock is moved for this run (None: left as it is)."""
    value = os.environ.get(WALL_CLOCK_ENV, "")
    if value == "real":
        return None
    return datetime.fromisoformat(value) if value else MOVED_WALL_CLOCK


@pytest.fixture
def wall_clock(request: pytest.FixtureRequest) -> datetime | None:
    """Where this test's wall clock is (None: the real date)."""
    if getattr(request, "param", None) == "real-date":
        return None
    return wall_clock_target()


@pytest.fixture(autouse=True)
def moved_wall_clock(wall_clock: datetime | None) -> Iterator[None]:
    if wall_clock is None:
        yield
        return
    with time_machine.travel(wall_clock, tick=True):
        yield


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the app remembers of each folder it checked stays in the test's own folder."""
    path = tmp_path / "state"
    monkeypatch.setenv("SUPERVISOR_TUI_STATE_DIR", str(path))
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir: Path) -> Iterator[Service]:
    svc = open_service(data_dir)
    yield svc
    svc.close()


@pytest.fixture
def snap_compare(snap_compare: Any) -> Any:
    """Snapshots with steady cursors: a blinking cursor is drawn or not depending on how long
    the steps before the screenshot took, which a loaded machine changes."""

    def compare(app: Any, *args: Any, run_before: Any = None, **kwargs: Any) -> Any:
        async def before(pilot: Any) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            for widget in pilot.app.screen.query("Input, TextArea"):
                widget.cursor_blink = False
            await pilot.pause()  # the cursors drawn steady before the screenshot
            # A DataTable sizes its columns when the app is next idle: on a loaded machine
            # that can come after the steps above, and the screenshot would catch it half done.
            tables = list(pilot.app.screen.query(DataTable))
            for _ in range(200):
                if not any(t._require_update_dimensions for t in tables):  # noqa: SLF001
                    break
                await pilot.pause()
            else:
                raise AssertionError("a table on screen never finished sizing its columns")
        return snap_compare(app, *args, run_before=before, **kwargs)

    return compare
