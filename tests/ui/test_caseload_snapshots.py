"""Snapshots of the caseload screen on the demo data set, at 80x24 and 120x36."""

from __future__ import annotations

import time
from pathlib import Path
from unittest import mock

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.demo import write_demo
from supervisor_tui.ui.screens.caseload import CaseloadScreen
from tests.support import NOW, fixed_clock, open_service
from tests.waiting import wait_for

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


@pytest.fixture
def utc_zone(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_caseload_with_dated_changes(snap_compare, size, tmp_path: Path, utc_zone) -> None:
    folder = tmp_path / "data"
    with mock.patch("os.fsync"):
        svc = open_service(folder)
        write_demo(svc.records, NOW.date())
    app = create_app(svc, clock=fixed_clock)

    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(pilot, lambda: app.files_checked, what="home")
        await app.workers.wait_for_complete()
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and app.screen.caseload is not None, what="the caseload")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=opened)
    svc.close()
