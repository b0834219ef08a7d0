"""A folder handed to the app already open (as the command line does) is checked file by file
once home shows: a damaged supervisee file is reported then, with its backup offered."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.screens.damaged import DamagedFileScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from supervisor_tui.ui.widgets.today_panel import TodayPanel
from tests.conftest import reopen
from tests.support import STAMP, open_service
from tests.ui.helpers import heard
from tests.waiting import wait_for


def _folder_with_backups(path: Path) -> tuple[str, Path]:
    """Two supervisees; Ana's file saved over three runs, so it has a good backup."""
    for run in range(3):
        svc = open_service(path)
        if run == 0:
            svc.records.save_supervisee(Supervisee("Ana Reyes", id="s-ana", created_at=STAMP))
            svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
        svc.records.save_session(Session(["s-ana"], notes=f"run {run}", created_at=STAMP))
        svc.records.refresh_summary("s-ana")
        svc.records.refresh_summary("s-sam")
        svc.close()
    return "s-ana", path / "supervisees" / "s-ana.json"


def _open_damaged(path: Path, content: bytes):
    """The folder with Ana's file overwritten by `content`, open as the command line leaves it,
    and an app on it: (Ana's id, her file, the service, the app)."""
    sid, target = _folder_with_backups(path)
    target.write_bytes(content)
    svc = open_service(path)
    return sid, target, svc, create_app(svc)


def _on(app, screen_type, rows: int = 0):
    """The app shows `screen_type` (with `rows` rows, if home)."""
    def shown() -> bool:
        if not isinstance(app.screen, screen_type):
            return False
        return not rows or app.screen.query_one(RosterTable).row_count == rows
    return shown


def _names(app) -> list[str]:
    table = app.screen.query_one(RosterTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_a_sound_folder_opens_on_home_and_stays_there(tmp_path: Path) -> None:
    _folder_with_backups(tmp_path / "data")
    svc = open_service(tmp_path / "data")
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, _on(app, HomeScreen, rows=2), what="home")
        assert not app.files_checked                 # not yet: home is drawn first
        await wait_for(pilot, lambda: app.files_checked, what="the file check")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert _names(app) == ["Ana Reyes", "Sam Okafor"]
    svc.close()


async def test_damage_found_after_home_shows_can_be_left_for_later(tmp_path: Path) -> None:
    _, target, svc, app = _open_damaged(tmp_path / "data", b"{")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, _on(app, DamagedFileScreen), what="the damaged-file screen")

        def told() -> str:
            return str(app.screen.query_one("#damage", Static).render())

        await wait_for(pilot, lambda: "s-ana.json is damaged" in told(), what="what is damaged")
        assert "last good backup" in told()
        await pilot.press("c")
        await wait_for(pilot, _on(app, HomeScreen, rows=2), what="home")
        assert _names(app) == ["Ana Reyes", "Sam Okafor"]
        # Her row says so (in words, not only colour), and so does today's picture.
        table = app.screen.query_one(RosterTable)
        await wait_for(pilot, lambda: str(table.get_cell("s-ana", "last")) == "file damaged",
                       what="her row marked")
        assert str(table.get_cell("s-sam", "last")) != "file damaged"
        picture = app.screen.query_one(TodayPanel).text
        assert "Cannot be read: Ana Reyes (file damaged" in picture
        assert "Sam Okafor" not in picture
        # Her records are not opened; each key says why, and nothing is written.
        said = heard(app)
        for key in ("s", "h", "r", "c"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        assert len(said) == 4 and all("Ana Reyes's file is damaged" in m for m in said)
        await pilot.press("down", "s")  # Sam's file reads: his session opens
        await wait_for(pilot, lambda: not isinstance(app.screen, HomeScreen), what="Sam's")
    svc.close()
    assert target.read_bytes() == b"{"


async def test_damage_found_after_home_shows_is_restored_and_the_folder_reopened(
        tmp_path: Path) -> None:
    sid, target, svc, app = _open_damaged(tmp_path / "data", b"\x00 not a data file")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, _on(app, DamagedFileScreen), what="the damaged-file screen")
        await pilot.press("r")
        await wait_for(pilot, lambda: app.service is not None and app.service is not svc
                       and _on(app, HomeScreen, rows=2)(), what="home, opened again")
        assert len(app.screen_stack) == 1
        assert app.service is not None and app.service is not svc
        assert _names(app) == ["Ana Reyes", "Sam Okafor"]
        app.service.close()
    aside = list(target.parent.glob(f"{target.name}.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00 not a data file"
    again = reopen(tmp_path / "data")
    try:
        assert [s.notes for s in again.records.sessions(sid)] == ["run 0", "run 1"]
    finally:
        again.close()


async def test_a_restore_cut_off_earlier_is_reported_finished_when_the_app_opens(
        tmp_path: Path, monkeypatch) -> None:
    from tests.store.test_restore_interrupted import cut_off_restore, data_files

    target, restored = cut_off_restore(tmp_path, monkeypatch)
    svc = open_service(target)
    app = create_app(svc)
    said = heard(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: any("restore that was cut off" in s for s in said),
                       what="the notice that the restore was finished")
        await wait_for(pilot, _on(app, HomeScreen, rows=2), what="home, on the restored data")
    svc.close()
    assert data_files(target) == restored


def test_the_screens_imported_ahead_exist() -> None:
    """The file check ends by importing the screens home opens most; a renamed one would
    end it with an error instead."""
    import sys

    from supervisor_tui.ui.opening import SCREENS_OPENED_FROM_HOME, import_screens

    import_screens()
    assert all(name in sys.modules for name in SCREENS_OPENED_FROM_HOME)
