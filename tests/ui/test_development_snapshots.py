"""Snapshots of the goals and escalations screen on the demo data set, at 80x24 and 120x36."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.ui.screens.development import DevelopmentScreen
from tests.ui.test_caseload_snapshots import SIZES, demo_screen, utc_zone  # noqa: F401


@pytest.mark.parametrize("size", sorted(SIZES))
def test_goals_and_escalations_with_dated_notes(snap_compare, size, tmp_path: Path,
                                                utc_zone) -> None:  # noqa: F811
    assert demo_screen(snap_compare, size, tmp_path, "v", lambda screen: isinstance(
        screen, DevelopmentScreen) and screen.data is not None)
