"""Snapshots of the goals and escalations screen on the demo data set, at 80x24 and 120x36."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.demo import write_demo
from supervisor_tui.ui.screens.development import DevelopmentScreen
from tests.support import NOW, fixed_clock, open_service
from tests.ui.test_caseload_snapshots import SIZES, utc_zone  # noqa: F401 (a fixture)
from tests.waiting import wait_for


@pytest.mark.parametrize("size", sorted(SIZES))
def test_goals_and_escalations_with_dated_notes(snap_compare, size, tmp_path: Path,
                                                utc_zone) -> None:  # noqa: F811
    folder = tmp_path / "data"
    with mock.patch("os.fsync"):
        svc = open_service(folder)
        write_demo(svc.records, NOW.date())
    app = create_app(svc, clock=fixed_clock)

    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(pilot, lambda: app.files_checked, what="home")
        await app.workers.wait_for_complete()
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, DevelopmentScreen)
                       and app.screen.data is not None, what="goals and escalations")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=opened)
    svc.close()
