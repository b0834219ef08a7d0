"""Snapshots of the agreement editor and the diary at 80x24 and 120x36, on a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.ui.screens.agreement import AgreementScreen
from supervisor_tui.ui.screens.schedule import ScheduleScreen
from tests.support import open_service
from tests.ui.schedule_fixtures import clock, write_history

SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def history_service(data_dir: Path):
    write_history(data_dir)
    svc = open_service(data_dir)
    yield svc
    svc.close()


def _opening(screen_factory):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(screen_factory())
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agreement_screen(snap_compare, history_service, size) -> None:
    app = create_app(history_service, clock=clock)
    assert snap_compare(app, terminal_size=size,
                        run_before=_opening(lambda: AgreementScreen("s-sam")))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_schedule_screen(snap_compare, history_service, size) -> None:
    app = create_app(history_service, clock=clock)
    assert snap_compare(app, terminal_size=size,
                        run_before=_opening(lambda: ScheduleScreen("s-sam")))
