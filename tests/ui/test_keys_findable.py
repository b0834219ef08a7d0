"""Every key findable at 80 columns: the session's essential keys in the footer, the app's
actions first in the palette."""

from __future__ import annotations

import pytest

from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from tests.ui.helpers import palette_first
from tests.ui.session_helpers import make_app, seed_live_session, seed_person
from tests.waiting import wait_for


async def live(pilot, app) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                   what="home with its rows")
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="the session")
    notes = app.screen.query_one(NotesPane)
    await wait_for(pilot, lambda: app.focused is notes.text_area, what="notes focus")


def footer_text(app) -> str:
    return str(app.screen.query_one(KeyFooter).render())


@pytest.mark.parametrize("width", [80, 120])
async def test_the_session_footer_shows_end_home_help_and_quit(service, width):
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(width, 24)) as pilot:
        await live(pilot, app)
        footer = app.screen.query_one(KeyFooter)
        await wait_for(pilot, lambda: "End session" in footer.shown(), what="F9 in the footer")
        text = footer_text(app)
        for key in ("f9 End session", "esc Home", "f1 Help", "^q Quit"):
            assert key in text
        assert len(text) <= width
        # Every key shown is whole: each description shown is one of the screen's keys.
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert set(footer.shown()) <= descriptions


@pytest.mark.parametrize("query, first", [("end", "End session"), ("check", "Check-in"),
                                          ("help", "Help")])
async def test_the_palette_gives_the_apps_action_first(service, query, first):
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await live(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*query)
        await wait_for(pilot, lambda: palette_first(app) != "", what="a suggestion")
        await wait_for(pilot, lambda: palette_first(app).startswith(first),
                       what=f"{first} first")
