"""The command line and the app run the same use cases: the audit CSV and a session record they
write for the same folder, on the same clock, are the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from supervisor_tui import cli
from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.services.service import Service
from supervisor_tui.ui.dialogs.pick_session import PickSessionScreen
from supervisor_tui.ui.screens.audit import AuditScreen
from tests.reports.fixture import write_fixture
from tests.support import open_service
from tests.waiting import wait_for

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    svc = open_service(path)
    try:
        write_fixture(svc.records)
    finally:
        svc.close()
    return path


@pytest.fixture
def opened(folder: Path) -> Iterator[Service]:
    svc = open_service(folder, clock=lambda: NOW)
    yield svc
    svc.close()


def from_the_command_line(monkeypatch: pytest.MonkeyPatch, folder: Path, out: Path,
                          *argv: str) -> bytes:
    monkeypatch.setattr(cli, "system_clock", lambda: NOW)
    code = cli.main(["--config", str(folder.parent / "none.toml"), "--data-dir", str(folder),
                     *argv, "--output", str(out)])
    assert code == 0
    return out.read_bytes()


async def test_audit_csv_is_the_same_from_both(monkeypatch, folder, opened, tmp_path):
    in_app = tmp_path / "app.csv"
    app = create_app(opened, Config(), clock=lambda: NOW)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, AuditScreen) and app.screen.audit,
                       what="the audit")
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        screen.query_one("#audit-from", Input).value = "2026-01-01"
        screen.query_one("#audit-to", Input).value = "2026-03-31"
        screen.query_one("#audit-to", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.audit is not None
                       and screen.audit.start.isoformat() == "2026-01-01", what="the Q1 audit")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.query_one("#path", Input), what="the path")
        app.screen.query_one("#path", Input).value = str(in_app)
        await pilot.press("enter")
        await wait_for(pilot, in_app.exists, what="the app's CSV on disk")
        await app.flush_all()
    opened.close()
    on_the_line = from_the_command_line(monkeypatch, folder, tmp_path / "cli.csv", "audit",
                                        "--from", "2026-01-01", "--to", "2026-03-31",
                                        "--format", "csv")
    assert in_app.read_bytes() == on_the_line
    assert on_the_line.count(b"\n") >= 3


async def test_session_record_is_the_same_from_both(monkeypatch, folder, opened, tmp_path):
    in_app = tmp_path / "app.md"
    app = create_app(opened, Config(), clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(getattr(app.screen, "rows", [])) == 2, what="home")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, PickSessionScreen), what="picker")
        await pilot.press("enter")  # the newest: the group session x-000004
        await wait_for(pilot, lambda: app.screen.query_one("#path", Input), what="the path")
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("x-000004.md")
        path_input.value = str(in_app)
        await pilot.press("enter")
        await wait_for(pilot, in_app.exists, what="the app's record on disk")
    opened.close()
    on_the_line = from_the_command_line(monkeypatch, folder, tmp_path / "cli.md", "export",
                                        "session", "x-000004")
    assert in_app.read_bytes() == on_the_line
    assert on_the_line.startswith(b"# Supervision record: Alex Rivera, Sam Okafor")
