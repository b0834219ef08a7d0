"""Dialogs fit a 13-inch laptop's 80x24 terminal: every field and both buttons on screen."""

from __future__ import annotations

import pytest

from supervisor_tui.ui.dialogs.entry_form import EntryForm
from tests.ui.form_host import FormHost, fixed_clock
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
