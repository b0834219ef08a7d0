"""A field's own editing keys (backspace, ctrl+u, the arrows, end) typed in a burst act in
order with the letters around them: a fast typist's correction is not scrambled, in a form or
in the notes, and what reaches disk is what was typed."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.session import SessionScreen
from tests.conftest import reopen
from tests.ui.helpers import burst
from tests.ui.session_helpers import make_app, open_live, seed_live_session, seed_person
from tests.waiting import wait_for


async def test_corrections_typed_fast_in_a_form_land_where_they_were_typed(service, data_dir):
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_live(pilot, app)
        await burst(pilot, "f5", "d", *"Ask teh", "backspace", "backspace", *"he manager",
                    "enter", *"Two of sick", *["left"] * 5, "f", "end",
                    "tab", "ctrl+u", *"PQ-9")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm)
                       and app.screen.query_one("#case", Input).value == "PQ-9",
                       what="the case typed")
        form = app.screen
        assert form.query_one("#text", Input).value == "Ask the manager"
        assert form.query_one("#rationale", TextArea).text == "Two off sick"
        await burst(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="saved")
        await app.service.flush()
    service.close()
    again = reopen(data_dir)
    try:
        [decision] = [d for d in again.records.decisions("s-000001") if d.session_id == "x-000001"]
        assert (decision.text, decision.rationale, decision.case_ref) == (
            "Ask the manager", "Two off sick", "PQ-9")
    finally:
        again.close()


async def test_corrections_typed_fast_in_the_notes_land_where_they_were_typed(service, data_dir):
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = await open_live(pilot, app)
        await burst(pilot, "ctrl+end", *"helo", "backspace", *"lo wrld", "left", "left", "left",
                    "o", "end", "!")
        await wait_for(pilot, lambda: notes.text_area.text.endswith("hello world!"),
                       what=f"the correction in place ({notes.text_area.text[-20:]!r})")
        assert await notes.flush()
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session("s-000001", "x-000001").notes.endswith("hello world!")
    finally:
        again.close()
