"""Command palette, F1 help, key remapping and theme from config."""

from __future__ import annotations

from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm
from supervisor_tui.ui.screens.help import HelpScreen
from supervisor_tui.ui.screens.home import HomeScreen
from tests.conftest import reopen
from tests.support import STAMP
from tests.ui.helpers import palette_first
from tests.waiting import wait_for


async def _home(pilot) -> HomeScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    return pilot.app.screen


async def test_palette_finds_and_runs_a_context_command(service, data_dir):
    service.records.save_supervisee(Supervisee("Priya Shah", "Nurse", created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"archive priya")
        await wait_for(pilot, lambda: "Archive" in palette_first(app), what="Archive offered")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await app.service.flush()
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.supervisees() == []
        assert again.records.supervisees(include_archived=True)[0].archived
    finally:
        again.close()


async def test_palette_lists_screen_bindings(service):
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"new superv")
        await wait_for(pilot, lambda: "New supervisee" in palette_first(app),
                       what="New supervisee offered")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SuperviseeForm), what="the form")


async def test_palette_switches_supervisee(service):
    for name in ["Ada Brown", "Ben Cole", "Cara Diaz"]:
        service.records.save_supervisee(Supervisee(name, created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await _home(pilot)
        assert home.selected.supervisee.name == "Ada Brown"
        await pilot.press("ctrl+p")
        await pilot.press(*"switch supervisee cara")
        await wait_for(pilot, lambda: "Cara" in palette_first(app), what="Cara offered")
        await pilot.press("enter")
        await wait_for(pilot, lambda: home.selected.supervisee.name == "Cara Diaz",
                       what="Cara selected")


async def test_remapped_key_from_config(service):
    app = create_app(service, Config(keys={"home.new": "plus"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "the old key no longer opens the form"
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, SuperviseeForm)


async def test_theme_from_config(service):
    app = create_app(service, Config(theme="nord"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        assert app.theme == "nord"


async def test_unknown_theme_is_reported_not_fatal(service):
    app = create_app(service, Config(theme="no-such-theme"))
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: said.append(str(message)) or notify(message, **kw)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _home(pilot)
        assert app.theme != "no-such-theme"
        assert any("no-such-theme" in m for m in said)


async def test_f1_shows_help_for_the_focused_pane(service):
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        assert "# Home" in text
        assert "New supervisee" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
