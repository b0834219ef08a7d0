"""Export a session record from home: pick the session, say where, find it on disk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.service import Service
from supervisor_tui.ui.dialogs.export_path import ExportPathScreen
from supervisor_tui.ui.dialogs.pick_session import PickSessionScreen
from tests.reports.fixture import write_fixture
from tests.support import STAMP, open_service
from tests.waiting import wait_for

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def history_service(tmp_path: Path) -> Iterator[Service]:
    svc = open_service(tmp_path / "data")
    write_fixture(svc.records)
    yield svc
    svc.close()


async def home_loaded(pilot, count: int) -> None:
    await wait_for(pilot, lambda: len(getattr(pilot.app.screen, "rows", [])) == count,
                   what=f"home with {count} row(s)")


async def opened(pilot, screen_type):
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type),
                   what=f"the {screen_type.__name__}")
    return pilot.app.screen


async def test_export_group_record_from_home(history_service, tmp_path):
    target = tmp_path / "group.md"
    app = create_app(history_service, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_loaded(pilot, 2)
        await pilot.press("r")  # Alex is selected: the first row
        picker = await opened(pilot, PickSessionScreen)
        options = picker.query_one(OptionList)
        assert options.option_count == 4
        assert str(options.get_option_at_index(0).prompt).endswith("finalised, group")
        await pilot.press("enter")
        ask = await opened(pilot, ExportPathScreen)
        path_input = ask.query_one("#path", Input)
        assert path_input.value.endswith("supervision-record-2026-03-09-x-000004.md")
        path_input.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, what="the exported record on disk")
    text = target.read_text()
    assert text.startswith("# Supervision record: Alex Rivera, Sam Okafor, 09 Mar 2026")
    assert "Sam shares the contact notes with Alex weekly." in text
    assert target.stat().st_mode & 0o777 == 0o600


async def test_no_sessions_is_said_not_crashed(tmp_path):
    svc = open_service(tmp_path / "data")
    svc.records.save_supervisee(Supervisee("New Person", id="s-0d0d0d", created_at=STAMP))
    try:
        app = create_app(svc, Config(), clock=lambda: NOW)
        said: list[str] = []
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        async with app.run_test(size=(100, 30)) as pilot:
            await home_loaded(pilot, 1)
            await pilot.press("r")
            await wait_for(pilot, lambda: said, what="a message")
            assert not isinstance(app.screen, PickSessionScreen)
            assert said == ["New Person has no sessions yet."]
    finally:
        svc.close()
