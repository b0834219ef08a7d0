"""Snapshots of the caseload screen on the demo data set, at 80x24 and 120x36."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from textual.screen import Screen

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


def demo_screen(snap_compare, size: str, tmp_path: Path, key: str,  # type: ignore[no-untyped-def]
                loaded: Callable[[Screen[Any]], bool]) -> bool:
    """The demo folder's home, then `key`, snapped once `loaded(screen)` says it is drawn."""
    folder = tmp_path / "data"
    with mock.patch("os.fsync"):
        svc = open_service(folder)
        write_demo(svc.records, NOW.date())
    app = create_app(svc, clock=fixed_clock)

    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(pilot, lambda: app.files_checked, what="home")
        await app.workers.wait_for_complete()
        await pilot.press(key)
        await wait_for(pilot, lambda: loaded(app.screen), what=f"the screen of {key}")
        await pilot.pause()

    try:
        return bool(snap_compare(app, terminal_size=SIZES[size], run_before=opened))
    finally:
        svc.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_caseload_with_dated_changes(snap_compare, size, tmp_path: Path, utc_zone) -> None:
    assert demo_screen(snap_compare, size, tmp_path, "f", lambda screen: isinstance(
        screen, CaseloadScreen) and screen.caseload is not None)
