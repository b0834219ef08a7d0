"""Pilot tests: opening screens (first run, passphrase), damaged file, blank key, idle lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store import crypto
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.ui.screens.damaged import DamagedFileScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.privacy import BlankScreen
from supervisor_tui.ui.screens.unlock import FirstRunScreen, PassphraseScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.support import STAMP, fixed_clock, open_service
from tests.ui.helpers import palette_first
from tests.waiting import wait_for

PASS = "river stone lantern"


def _encrypted_folder(path: Path, names=("Mara Lindqvist",), runs: int = 1) -> Path:
    for run in range(runs):
        svc = open_service(path, passphrase=PASS, encrypt=TEST_KDF)
        for name in names:
            svc.records.save_supervisee(Supervisee(f"{name}{'' if run == 0 else run}",
                                                   created_at=STAMP))
        svc.close()
    return path


async def _settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def _names(app) -> list[str]:
    table = app.screen.query_one(RosterTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_wrong_passphrase_then_right_one_opens_the_folder(tmp_path):
    folder = _encrypted_folder(tmp_path / "data")
    app = create_app(None, clock=fixed_clock, data_dir=folder)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, PassphraseScreen)
            assert app.screen.query_one(Input).password
            await pilot.press(*"not it", "enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, PassphraseScreen)
            assert "does not open this data folder" in _status(app)
            assert app.screen.query_one(Input).value == ""  # cleared for another try
            await pilot.press(*PASS, "enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            assert _names(app) == ["Mara Lindqvist"]
            assert app.service.workspace.folder.encrypted
    finally:
        if app.service is not None:
            app.service.close()


async def test_a_scripted_passphrase_opens_without_typing(tmp_path):
    folder = _encrypted_folder(tmp_path / "data")
    app = create_app(None, clock=fixed_clock, data_dir=folder, passphrase=PASS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        app.service.close()


async def test_first_run_encrypts_the_new_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(crypto, "DEFAULT_KDF", TEST_KDF)  # keep it quick
    folder = tmp_path / "new"
    app = create_app(None, clock=fixed_clock, data_dir=folder)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, FirstRunScreen)
            await pilot.press("e")
            await pilot.press(*"abc", "enter", *"abd", "enter")
            await pilot.pause()
            assert "differ" in _status(app)
            await pilot.press(*"abc", "enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("n", *"Ines Duarte", "enter", "enter")
            await _settle(app, pilot)
            await app.service.flush()
    finally:
        app.service.close()
    assert crypto.is_encrypted(folder)
    assert all(b"Ines" not in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    again = open_service(folder, passphrase="abc")
    try:
        assert [p.name for p in again.records.supervisees()] == ["Ines Duarte"]
    finally:
        again.close()


async def test_first_run_can_stay_plain(tmp_path):
    folder = tmp_path / "new"
    app = create_app(None, clock=fixed_clock, data_dir=folder)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            await pilot.press("p")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        app.service.close()
    assert (folder / "roster.json").exists() and not crypto.is_encrypted(folder)


@pytest.mark.parametrize("which", ["roster", "supervisee"])
async def test_damaged_file_screen_restores_the_last_good_backup(tmp_path, which):
    folder = _encrypted_folder(tmp_path / "data", runs=2)
    svc = open_service(folder, passphrase=PASS)
    sid = svc.records.supervisees()[0].id
    svc.records.refresh_summary(sid)
    from supervisor_tui.domain.session import Session

    svc.records.save_session(Session([sid], notes="kept", created_at=STAMP))
    svc.records.save_session(Session([sid], notes="kept too", created_at=STAMP))
    svc.close()
    svc = open_service(folder, passphrase=PASS)
    svc.records.save_session(Session([sid], notes="third run", created_at=STAMP))
    svc.close()
    target = folder / "roster.json" if which == "roster" else folder / "supervisees" / f"{sid}.json"
    target.write_bytes(b"\x00 not a data file")
    app = create_app(None, clock=fixed_clock, data_dir=folder, passphrase=PASS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, DamagedFileScreen)
            text = str(app.screen.query_one("#damage", Static).render())
            assert target.name in text and "left exactly as it is" in text
            assert target.read_bytes() == b"\x00 not a data file"
            await pilot.press("r")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        if app.service is not None:
            app.service.close()
    aside = list(target.parent.glob(f"{target.name}.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00 not a data file"
    svc = open_service(folder, passphrase=PASS)
    try:
        assert svc.records.supervisees()
        if which == "supervisee":
            assert [s.notes for s in svc.records.sessions(sid)] == ["kept", "kept too"]
    finally:
        svc.close()


async def test_damaged_supervisee_file_can_be_left_for_later(tmp_path):
    folder = _encrypted_folder(tmp_path / "data", names=("A Person", "B Person"))
    svc = open_service(folder, passphrase=PASS)
    sid = svc.records.supervisees()[0].id
    svc.records.refresh_summary(sid)
    svc.close()
    (folder / "supervisees" / f"{sid}.json").write_bytes(b"{")
    app = create_app(None, clock=fixed_clock, data_dir=folder, passphrase=PASS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            assert isinstance(app.screen, DamagedFileScreen)
            assert "no good backup" in str(app.screen.query_one("#damage", Static).render())
            await pilot.press("r")  # nothing to restore: the key does nothing
            await pilot.press("c")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            assert sorted(_names(app)) == ["A Person", "B Person"]
    finally:
        app.service.close()
    assert (folder / "supervisees" / f"{sid}.json").read_bytes() == b"{"


async def test_blank_key_hides_everything_and_any_key_returns(service):
    service.records.save_supervisee(Supervisee("Mara Lindqvist", created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _settle(app, pilot)
        app.notify("Saved Mara Lindqvist's notes.")
        await pilot.pause()
        assert "Lindqvist" in _visible_text(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        assert "Lindqvist" not in _visible_text(app)
        app.notify("Autosaved Mara Lindqvist's notes.")  # arriving while blank
        await pilot.pause()
        assert "Lindqvist" not in _visible_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def _visible_text(app) -> str:
    """What the terminal shows, as the SVG screenshot's text (spaces are &#160; there)."""
    return app.export_screenshot().replace("&#160;", " ")


async def test_idle_lock_asks_for_the_passphrase_on_an_encrypted_folder(tmp_path):
    folder = _encrypted_folder(tmp_path / "data")
    svc = open_service(folder, passphrase=PASS)
    app = create_app(svc, Config(idle_lock_minutes=1))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            app.last_input -= 61
            await app.lock_when_idle()
            await pilot.pause()
            assert isinstance(app.screen, PassphraseScreen)
            await pilot.press(*"wrong", "enter")
            await _settle(app, pilot)
            assert "does not open" in _status(app)
            await pilot.press(*PASS, "enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
    finally:
        svc.close()


async def test_keys_in_a_burst_on_the_blank_screen_bring_back_only_the_work(service):
    """Each key read while the blank screen shows asks for the work back: the first does, the
    others close nothing more (dismissing closes whichever screen is on top)."""
    service.records.save_supervisee(Supervisee("Mara Lindqvist", created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        await pilot.press("ctrl+b", "x", "y", "z")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1


async def test_idle_lock_blanks_a_plain_folder_and_not_before_time(service):
    app = create_app(service, Config(idle_lock_minutes=5))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        app.last_input -= 4 * 60
        await app.lock_when_idle()
        assert isinstance(app.screen, HomeScreen)
        app.last_input -= 61
        await app.lock_when_idle()
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_no_palette_while_blank_or_locked(tmp_path):
    folder = _encrypted_folder(tmp_path / "data")
    svc = open_service(folder, passphrase=PASS)
    app = create_app(svc, Config(idle_lock_minutes=1))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            await pilot.press("ctrl+b")
            await pilot.press("ctrl+p")  # any key only brings the home screen back
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            app.last_input -= 61
            await app.lock_when_idle()
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, PassphraseScreen)
            assert "Mara" not in _visible_text(app)
    finally:
        svc.close()


async def test_change_passphrase_from_the_palette(tmp_path, monkeypatch):
    from supervisor_tui.ui.screens.change_passphrase import ChangePassphraseScreen

    monkeypatch.setattr(crypto, "DEFAULT_KDF", TEST_KDF)
    folder = _encrypted_folder(tmp_path / "data")
    svc = open_service(folder, passphrase=PASS)
    app = create_app(svc)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(app, pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Change passphrase")
            await wait_for(pilot, lambda: "Change passphrase" in palette_first(app),
                           what="Change passphrase offered")
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ChangePassphraseScreen),
                           what="the ChangePassphraseScreen on screen")
            await pilot.press(*"wrong", "enter", *"new one", "enter", *"new one", "enter")
            await wait_for(pilot, lambda: "Nothing was changed" in _status(app),
                           what="'Nothing was changed' in _status(app)")
            assert "does not open" in _status(app)
            await pilot.press(*PASS, "enter", *"new one", "enter", *"new one", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen),
                           what="the HomeScreen on screen")
            assert _names(app) == ["Mara Lindqvist"]  # still readable in this run
            await pilot.press("n", *"After Change", "enter", "enter")
            await _settle(app, pilot)
            await app.service.flush()
    finally:
        svc.close()
    with pytest.raises(crypto.WrongPassphraseError):
        open_service(folder, passphrase=PASS)
    again = open_service(folder, passphrase="new one")
    try:
        assert sorted(p.name for p in again.records.supervisees()) == ["After Change",
                                                                      "Mara Lindqvist"]
    finally:
        again.close()
