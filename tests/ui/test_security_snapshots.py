"""Snapshots of the opening, passphrase, damaged-file and blank screens (80x24, 120x36)."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store.crypto import TEST_KDF
from tests.support import STAMP, fixed_clock, open_service

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
at_both_sizes = pytest.mark.parametrize("size", sorted(SIZES))
PASS = "x"


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@at_both_sizes
def test_first_run_offers_encryption(snap_compare, size):
    app = create_app(None, clock=fixed_clock,
                     data_dir=Path("/home/sam/.local/share/supervisor-tui"))
    assert snap_compare(app, terminal_size=SIZES[size])


@at_both_sizes
def test_wrong_passphrase_asks_again(snap_compare, size, tmp_path):
    folder = tmp_path / "data"
    open_service(folder, passphrase=PASS, encrypt=TEST_KDF).close()
    app = create_app(None, clock=fixed_clock, data_dir=folder)

    async def wrong(pilot):
        await _settle(pilot)
        await pilot.press(*"not this one", "enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=wrong)
    if app.service is not None:
        app.service.close()


@at_both_sizes
def test_damaged_roster_offers_its_backup(snap_compare, size, tmp_path, utc):
    folder = tmp_path / "data"
    for name in ("Ada", "Bo"):
        svc = open_service(folder)
        svc.records.save_supervisee(Supervisee(name, created_at=STAMP))
        svc.close()
    (folder / "roster.json").write_bytes(b"{ truncated")
    stamp = datetime(2026, 11, 20, 16, 45).timestamp() - time.timezone
    os.utime(folder / "roster.json.bak1", (stamp, stamp))
    app = create_app(None, clock=fixed_clock, data_dir=folder)

    async def opened(pilot):
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=opened)


@at_both_sizes
def test_blank_screen_shows_nothing(snap_compare, size, service):
    service.records.save_supervisee(Supervisee("Mara Lindqvist", created_at=STAMP))
    app = create_app(service)

    async def loaded(pilot):
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=loaded, press=["ctrl+b"])


@at_both_sizes
def test_a_folder_in_use_elsewhere_offers_to_try_again(snap_compare, size, tmp_path,
                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("data")  # the message names it: the same in every run
    holder = open_service(folder)  # another running app holds the folder
    try:
        app = create_app(None, clock=fixed_clock, data_dir=folder)

        async def refused(pilot):
            await _settle(pilot)

        assert snap_compare(app, terminal_size=SIZES[size], run_before=refused)
    finally:
        holder.close()


@at_both_sizes
def test_records_changed_outside_the_app_are_named(snap_compare, size, tmp_path, state_dir):
    from supervisor_tui.ui.screens.integrity import IntegrityWarningScreen
    from tests.store.tamper import Folder, delete_action, edit_notes
    from tests.waiting import wait_for

    folder = Folder(tmp_path / "data", False, state_dir)
    edit_notes(folder)
    delete_action(folder)
    svc = folder.open()
    app = create_app(svc, clock=fixed_clock)

    async def warned(pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, IntegrityWarningScreen)
                       and len(app.screen.query("#integrity-problems Static")) == 2,
                       what="the warning")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=warned)
    svc.close()
