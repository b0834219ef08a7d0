"""The audit screen: reached from home, reads dates back, runs, exports CSV to disk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.services.service import Service
from supervisor_tui.ui.screens.audit import AuditScreen, reading_title
from tests.reports.fixture import write_fixture
from tests.support import open_service
from tests.waiting import wait_for

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def history_service(tmp_path: Path) -> Iterator[Service]:
    svc = open_service(tmp_path / "data")
    write_fixture(svc.records)
    yield svc
    svc.close()


def make_app(service: Service):
    return create_app(service, Config(), clock=lambda: NOW)


async def wait_for_rows(pilot, count: int, start: str | None = None) -> DataTable:
    """Wait until the table holds `count` rows (of the audit starting on `start`, if given)."""

    def filled() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, AuditScreen) or screen.audit is None:
            return False
        if start is not None and screen.audit.start.isoformat() != start:
            return False
        return screen.query_one(DataTable).row_count == count

    await wait_for(pilot, filled, what=f"the audit table with {count} rows")
    return pilot.app.screen.query_one(DataTable)


async def set_period(pilot, start: str, end: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#audit-from", Input).value = start
    screen.query_one("#audit-to", Input).value = end
    await pilot.pause()


async def test_audit_from_home_shows_the_figures(history_service):
    app = make_app(history_service)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("u")
        await wait_for_rows(pilot, 3)  # the default period: the last three months
        await set_period(pilot, "1 jan", "2026-03-31")
        reading = str(app.screen.query_one("#audit-reading", Label).render())
        assert "From Thu 01 Jan 2026" in reading and "to Tue 31 Mar 2026" in reading
        app.screen.query_one("#audit-to", Input).focus()
        await pilot.press("enter")
        table = await wait_for_rows(pilot, 3, "2026-01-01")
        assert table.has_focus
        cells = [str(c) for c in table.get_row_at(0)]
        # On 20 Mar the 30 Mar slot has not come: three of Alex's slots are due, not four;
        # two were held one-to-one, and the group session is counted apart.
        assert cells[:4] == ["Alex Rivera", "2/3", "1", "1"]
        assert [str(c) for c in table.get_row_at(2)[1:3]] == ["3/6", "2"]
        await pilot.press("escape")
        assert not isinstance(app.screen, AuditScreen)


async def test_a_date_that_cannot_be_read_is_said_and_nothing_runs(history_service):
    app = make_app(history_service)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("u")
        await wait_for_rows(pilot, 3)
        screen = app.screen
        await set_period(pilot, "the other day", "today")
        assert "not a date I can read" in str(screen.query_one("#audit-reading", Label).render())
        before = screen.audit
        screen.query_one("#audit-from", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert screen.audit is before
        await set_period(pilot, "2026-03-01", "2026-02-01")
        assert "before its start" in str(screen.query_one("#audit-reading", Label).render())


async def test_export_csv_reaches_disk(history_service, tmp_path):
    target = tmp_path / "q1.csv"
    app = make_app(history_service)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("u")
        await wait_for_rows(pilot, 3)
        await set_period(pilot, "2026-01-01", "2026-03-31")
        app.screen.query_one("#audit-to", Input).focus()
        await pilot.press("enter")
        await wait_for_rows(pilot, 3, "2026-01-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("supervision-audit-2026-01-01-to-2026-03-31.csv")
        path_input.value = str(tmp_path / "missing" / "x.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "There is no folder" in str(app.screen.query_one("#error", Label).render())
        path_input.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, what="the CSV on disk")
    lines = target.read_text().splitlines()
    assert lines[1].startswith("s-a1a1a1,Alex Rivera,3,2,0.667,1,")
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_audit_screen_snapshot(snap_compare, tmp_path, size):
    svc = open_service(tmp_path / "data")
    write_fixture(svc.records)

    async def run_before(pilot) -> None:
        await pilot.press("u")
        await wait_for_rows(pilot, 3)
        await set_period(pilot, "2026-01-01", "2026-03-31")
        pilot.app.screen.query_one("#audit-to", Input).focus()
        await pilot.press("enter")
        await wait_for_rows(pilot, 3, "2026-01-01")

    try:
        assert snap_compare(make_app(svc), terminal_size=size, run_before=run_before)
    finally:
        svc.close()


def test_the_reading_title_is_a_bar_and_a_count():
    assert reading_title(0, 40).endswith("╺" + "─" * 19 + " 0 of 40 people")
    assert reading_title(10, 40).endswith("━" * 5 + "╺" + "─" * 14 + " 10 of 40 people")
    assert reading_title(40, 40).endswith("━" * 20 + " 40 of 40 people")
    assert "0 of 0 people" in reading_title(0, 0)


async def test_the_audit_shows_how_far_it_has_read_then_its_period(history_service,
                                                                     monkeypatch):
    seen: list[tuple[int, int, str]] = []
    show = AuditScreen.show_reading

    def record(screen: AuditScreen, done: int, total: int) -> None:
        show(screen, done, total)
        seen.append((done, total, str(screen.query_one(DataTable).border_title)))

    monkeypatch.setattr(AuditScreen, "show_reading", record)
    app = make_app(history_service)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("u")
        table = await wait_for_rows(pilot, 3)
        assert [(done, total) for done, total, _ in seen] == [(1, 2), (2, 2)]
        assert seen[-1][2].endswith("2 of 2 people")
        assert str(table.border_title).startswith("Audit (t): 2025-12-20 to 2026-03-20")
