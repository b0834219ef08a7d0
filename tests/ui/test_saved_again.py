"""A decision or action whose save reached the file but reported a failure, saved again from
its draft in the next run: kept once, and listed once."""

from __future__ import annotations

import pytest

from supervisor_tui.services import live
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.widgets import decisions_pane
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.conftest import reopen
from tests.ui.session_helpers import make_app, open_live, seed_live_session, seed_person
from tests.waiting import wait_for


def _reached_then_failed(real):
    """The save reaches the file, then reports a failure (as a write cut off after it)."""
    calls = []

    def save(ws, item):
        calls.append(item.id)
        saved = real(ws, item)
        if len(calls) == 1:
            raise StoreWriteError("decisions.json", "disk full")
        return saved

    return save


@pytest.mark.parametrize(("kind", "name", "keys"), [
    ("decision", "add_decision", ["d", *"Refer to MASH", "enter", *"Bruising seen"]),
    ("action", "save_action", ["a", *"Call school", "tab", "tab", *"next fri"]),
])
async def test_a_save_that_reached_the_file_retried_from_its_draft_is_listed_once(
        service, data_dir, monkeypatch, kind, name, keys) -> None:
    """ctrl+s; the save reaches the file but reports a failure; the form says so and keeps
    the text; ctrl+q keeps it as a draft (under the same id). Next time the form comes back
    from the draft and ctrl+s saves it: the pane lists it once, as the file holds it once."""
    monkeypatch.setattr(decisions_pane, name, _reached_then_failed(getattr(live, name)))
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_live(pilot, app)
        await pilot.press("f5")
        await pilot.press(*keys)
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), what="the form")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in str(app.screen.query_one("#error")
                                                             .content), what="the failure")
        await pilot.press("ctrl+q")
    service.close()

    again = reopen(data_dir)
    try:
        app = make_app(again)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_live(pilot, app)
            pane = app.screen.query_one(DecisionsPane)
            await wait_for(pilot, lambda: pane.decisions or pane.actions, what="the logs")
            await pilot.press("f5", keys[0])
            await wait_for(pilot, lambda: isinstance(app.screen, FormScreen)
                           and app.screen.has_input(), what="the form, from its draft")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen),
                           what="saved")
            listed = [i.id for i in (pane.decisions if kind == "decision" else pane.actions)]
            assert len(listed) == len(set(listed)), f"listed twice: {listed}"
    finally:
        again.close()
