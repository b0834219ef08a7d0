"""After opening, the app checks the whole record in the background and names every change
made outside it in a dialog; a record changed only through the app opens with no dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from supervisor_tui.app import create_app
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.integrity import IntegrityWarningScreen
from tests.store.tamper import TAMPERING, Folder, rewrite_chain
from tests.waiting import wait_for


def _today(app) -> str:  # type: ignore[no-untyped-def]
    from supervisor_tui.ui.widgets.today_panel import TodayPanel

    return app.screen.query_one(TodayPanel).text


def _shown(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(s.render()) for s in app.screen.query(Static))


@pytest.mark.parametrize(("tamper", "encrypted"),
                         [(t, False) for t in TAMPERING] + [(rewrite_chain, True)],
                         ids=lambda v: getattr(v, "__name__", str(v)))
async def test_the_app_warns_of_each_change_made_outside_it(tamper, encrypted, tmp_path: Path,
                                                           state_dir: Path) -> None:
    folder = Folder(tmp_path / "data", encrypted, state_dir)
    expected = tamper(folder)
    svc = folder.open()
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, IntegrityWarningScreen)
                       and "•" in _shown(app), what="the warning")
        assert folder.name in _shown(app) and expected in _shown(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        # ... and home keeps saying so, once the dialog is closed.
        await wait_for(pilot, lambda: "Changed outside the app" in _today(app),
                       what="the line on home")
    svc.close()


async def test_a_record_changed_only_through_the_app_opens_quietly(tmp_path: Path,
                                                                  state_dir: Path) -> None:
    folder = Folder(tmp_path / "data", False, state_dir)
    remembered = list((state_dir / "seen").glob("*.json"))
    before = [p.read_bytes() for p in remembered]
    svc = folder.open()
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.files_checked, what="the file check")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, IntegrityWarningScreen) for s in app.screen_stack)
        assert "Changed outside the app" not in _today(app)
    svc.close()
    assert len(remembered) == 1 and [p.read_bytes() for p in remembered] == before
