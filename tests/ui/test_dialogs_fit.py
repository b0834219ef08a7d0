"""Dialogs fit a 13-inch laptop's 80x24 terminal: every field and both buttons on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Button

from supervisor_tui.ui.dialogs.entry_form import EntryForm
from tests.ui.form_host import FormHost, fixed_clock
from tests.ui.test_dialog_snapshots import dialogs
from tests.waiting import wait_for


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_amendment_form_shows_every_field_and_its_buttons(size):
    app = FormHost(lambda: EntryForm("Sam Okafor, 23 Nov 2026", fixed_clock))
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm), what="the form")
        await pilot.pause()
        dialog = app.screen.query_one(".entry-form")
        # Nothing below the fold: what the dialog holds fits what it shows.
        assert dialog.virtual_size.height <= dialog.scrollable_content_region.height
        for selector in ("#text", "#reason", "#author", "#save", "#cancel"):
            widget = app.screen.query_one(selector)
            assert dialog.scrollable_content_region.contains_region(widget.region), selector


WITHOUT_BUTTONS = {"blank", "help", "pick-session", "slot-picker"}
"""Dialogs answered by a key alone (their hint says which)."""


def _forms() -> dict[str, Callable[[], Screen[Any]]]:
    return {name: make for name, make in dialogs().items() if name not in WITHOUT_BUTTONS}


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("form", sorted(_forms()))
async def test_every_form_shows_its_buttons(size, form):
    make = _forms()[form]
    app = FormHost(make)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: len(app.screen_stack) > 1, what="the form")
        await pilot.pause()
        dialog = app.screen.children[0]
        buttons = list(app.screen.query(Button))
        assert buttons, "a form with no buttons"
        for button in buttons:
            assert dialog.region.contains_region(button.region), f"{button.label} is cut off"
            assert app.screen.region.contains_region(button.region)
