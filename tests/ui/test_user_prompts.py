"""Prompts of your own: written in the app, kept in the user's prompt file, offered next time."""

from __future__ import annotations

import pytest

from supervisor_tui.domain.enums import Function, KolbStage
from supervisor_tui.domain.prompts import Prompt
from supervisor_tui.prompts.loader import PromptLibraryError, add_user_prompt, load_prompts
from supervisor_tui.ui.dialogs.prompt_form import PromptForm
from supervisor_tui.ui.widgets.prompts_pane import PromptsPane
from tests.ui.session_helpers import make_app, seed_live_session, seed_person
from tests.ui.test_session_panes import open_session
from tests.waiting import wait_for


def test_user_prompt_file_round_trips_anything_typed(tmp_path):
    path = tmp_path / "cfg" / "prompts.toml"
    tricky = 'Quote " back\\slash \t tab, emoji 🌱, RTL שלום, combining é, end'
    add_user_prompt(path, Prompt("my-1", tricky, Function.RESTORATIVE, KolbStage.REFLECTION))
    add_user_prompt(path, Prompt("my-2", "Second", Function.MEDIATION, KolbStage.ANALYSIS))
    before = path.read_bytes()
    with pytest.raises(PromptLibraryError, match="control character .U.0001"):
        add_user_prompt(path, Prompt("my-3", "control \x01 end", Function.MEDIATION,
                                     KolbStage.ANALYSIS))
    assert path.read_bytes() == before  # refused before anything is written
    prompts = {p.id: p for p in load_prompts([path])}
    assert prompts["my-1"].text == " ".join(tricky.split())
    assert prompts["my-1"].function is Function.RESTORATIVE
    assert prompts["my-2"].stage is KolbStage.ANALYSIS
    assert "nor-exp-1" in prompts, "bundled prompts are still there"


async def test_new_prompt_from_the_prompts_pane(service, tmp_path):
    own = tmp_path / "prompts.toml"
    seed_person(service)
    seed_live_session(service)
    app = make_app(service, user_prompts_file=own)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(pilot, app)
        pane = screen.query_one(PromptsPane)
        await pilot.press("f3", "f", "s")  # normative, experience: the form starts there
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptForm), what="form")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PromptForm), "empty wording is refused"
        await pilot.press(*"Who else sees what you see?", "ctrl+s")
        await wait_for(pilot, lambda: own.exists(), what="prompt file written")
        await wait_for(pilot, lambda: any(p.text.startswith("Who else") for p in pane.shown),
                       what="prompt shown")
        added = next(p for p in pane.prompts if p.text.startswith("Who else"))
        assert (added.function, added.stage) == (Function.NORMATIVE, KolbStage.EXPERIENCE)
        await pilot.press("ctrl+q")
    again = {p.text: p for p in load_prompts([own])}
    assert again["Who else sees what you see?"].function is Function.NORMATIVE
