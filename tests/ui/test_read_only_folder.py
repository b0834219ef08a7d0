"""A data folder this user cannot write (a colleague's, a mounted backup, a read-only disk)
opens read-only: home and history say so in a banner, what would change the records says why
it cannot, and nothing on disk changes, modes included."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.commands.common import open_records
from supervisor_tui.store import folder as folder_module
from supervisor_tui.store.errors import StoreNotWritableError
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.lock import FolderLock
from supervisor_tui.ui.read_only import ReadOnlyBanner
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.reports.fixture import write_fixture
from tests.store.test_reading_only import snapshot
from tests.support import fixed_clock, open_service
from tests.ui.helpers import heard
from tests.waiting import wait_for


@pytest.fixture
def unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with records, which the permission check says this user may not write (the
    tests run as root too, where the mode bits would not stop a write)."""
    data = tmp_path / "data"
    svc = open_service(data)
    write_fixture(svc.records)
    svc.close()
    os.chmod(data, 0o555)
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == data and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_module.os, "access", access)
    yield data
    os.chmod(data, 0o700)


def test_the_store_names_a_folder_it_cannot_write(unwritable):
    with pytest.raises(StoreNotWritableError, match="cannot be written .permission denied"):
        DataFolder.open(unwritable, fixed_clock)


def test_a_read_only_file_system_is_named_too(tmp_path, monkeypatch):
    data = tmp_path / "data"
    open_service(data).close()

    def refused(self: FolderLock) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(FolderLock, "acquire", refused)
    with pytest.raises(StoreNotWritableError, match="the disk is read-only"):
        DataFolder.open(data, fixed_clock)


async def test_the_app_opens_it_read_only_and_changes_nothing(unwritable):
    before = snapshot(unwritable)
    svc = open_records(unwritable, fixed_clock)
    assert svc.read_only and svc.cannot_write == "permission denied"
    app = create_app(svc)
    said = heard(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.screen.query_one(RosterTable).row_count == 2, what="home")
        banner = app.screen.query_one(ReadOnlyBanner)
        assert banner.display and "Read only" in str(banner.render())
        assert "cannot be written (permission denied)" in str(banner.render())
        await wait_for(pilot, lambda: app.files_checked, what="the file check")
        for key in ("n", "s", "g", "e", "a"):
            await pilot.press(key)
            await wait_for(pilot, lambda: len(said) > 0, what=f"the refusal of {key}")
            assert "open for reading only" in said.pop()
            assert isinstance(app.screen, HomeScreen)  # no form to fill in and lose
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        assert app.screen.query_one(ReadOnlyBanner).display
        for key in ("e", "s"):
            await pilot.press(key)
            await wait_for(pilot, lambda: len(said) > 0, what=f"the refusal of {key}")
            assert "open for reading only" in said.pop()
            assert isinstance(app.screen, HistoryScreen)
        await pilot.press("ctrl+q")
    svc.close()
    assert snapshot(unwritable) == before


async def test_a_writable_folder_shows_no_banner(tmp_path):
    svc = open_service(tmp_path / "data")
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        assert not app.screen.query_one(ReadOnlyBanner).display
    svc.close()
