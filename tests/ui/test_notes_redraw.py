"""A keystroke in the notes redraws only the rows it changed, and what is on screen after any
keys is what redrawing the whole notes area would draw: nothing is left stale."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.geometry import Region
from textual.pilot import Pilot

from supervisor_tui.ui.widgets.notes_area import NotesArea
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from tests.ui.helpers import burst
from tests.ui.session_helpers import live_notes
from tests.waiting import wait_for

LINE = "We talked about (the home visit) and the missed appointments."
TEXT = f"{LINE}\n" * 6 + "A short line.\n" + f"{LINE} {LINE}\n" * 3


def drawn(area: NotesArea) -> list[list[Segment]]:
    """The area's rows as the screen gets them: each row the keys did not mark as changed is
    the one drawn before."""
    return [list(row) for row in area.render_lines(Region(0, 0, *area.size))]


async def drawn_as_a_full_redraw_draws(pilot: Pilot, area: NotesArea) -> None:
    """What is drawn now (the rows the keys redrew, the rest as drawn before) is what
    redrawing every row of the area draws. (The area alone: the save indicator and the clock
    change elsewhere on the screen as they please.)"""
    await pilot.pause()
    shown = drawn(area)
    area.refresh()
    area._line_cache.clear()  # TextArea's own rows too: drawn from nothing
    assert shown == drawn(area)


async def ready(pilot: Pilot, notes: NotesPane) -> NotesArea:
    """The notes area holding TEXT, the cursor inside it, not blinking, not highlighted (as
    without tree-sitter's Markdown grammar: highlighted text is redrawn whole at every edit)."""
    area = notes.text_area
    assert isinstance(area, NotesArea)
    area.language = None
    area.cursor_blink = False  # a blink between two pictures is not a stale row
    area.load_text(TEXT)
    area.move_cursor((2, 20))
    await pilot.pause()
    return area


async def test_typing_redraws_the_row_typed_on_not_the_whole_area(service):
    async with live_notes(service, (120, 36)) as (pilot, notes):
        area = await ready(pilot, notes)
        area.move_cursor((6, 2))  # on "A short line.", which the keys do not wrap
        await drawn_as_a_full_redraw_draws(pilot, area)
        redrawn: list[Region] = []
        refresh = area.refresh

        def watching(*regions, **kwargs):
            redrawn.extend(regions or [area.region])
            return refresh(*regions, **kwargs)

        area.refresh = watching  # type: ignore[method-assign]
        await burst(pilot, *"the supervisee's ")
        await wait_for(pilot, lambda: "the supervisee's " in area.text, what="the keys typed")
        assert redrawn and all(region.height <= 2 for region in redrawn)
        area.refresh = refresh  # type: ignore[method-assign]
        await drawn_as_a_full_redraw_draws(pilot, area)


async def test_an_edit_away_from_the_cursor_and_its_undoing_are_drawn(service):
    async with live_notes(service, (120, 36)) as (pilot, notes):
        area = await ready(pilot, notes)
        area.insert("Tagged: ", (6, 0))  # as a quick insert or a tag does, the cursor stays
        assert area.cursor_location == (2, 20)
        await drawn_as_a_full_redraw_draws(pilot, area)
        area.undo()
        assert "Tagged" not in area.text
        await drawn_as_a_full_redraw_draws(pilot, area)
        area.redo()
        await drawn_as_a_full_redraw_draws(pilot, area)


async def test_a_bracket_matched_on_another_row_is_drawn_and_undrawn(service):
    async with live_notes(service, (120, 36)) as (pilot, notes):
        area = await ready(pilot, notes)
        area.load_text("Options (\n one,\n two\n) agreed.\n")
        area.move_cursor((0, 8))  # on the "(": its ")" three rows down is highlighted
        await drawn_as_a_full_redraw_draws(pilot, area)
        await burst(pilot, "right")  # off it: the highlight goes
        await drawn_as_a_full_redraw_draws(pilot, area)


@pytest.mark.parametrize("sizes", [((100, 30), (80, 24)), ((80, 24), (81, 24))])
async def test_a_new_size_wraps_and_draws_every_row_again(service, sizes):
    # Lines that wrap onto two rows at either width: the text is as long, wrapped otherwise.
    async with live_notes(service, sizes[0]) as (pilot, notes):
        area = await ready(pilot, notes)
        area.load_text(f"{LINE}\n" * 6 + "A short line.\n")
        area.move_cursor((6, 5))
        await pilot.pause()
        await pilot.resize_terminal(*sizes[1])
        await burst(pilot, *"ok", "up")
        await drawn_as_a_full_redraw_draws(pilot, area)


KEYS = ["x", "(", ")", "space", "enter", "backspace", "delete", "left", "right", "up", "down",
        "home", "end", "shift+left", "shift+right", "shift+up", "shift+down", "ctrl+z",
        "ctrl+y", "ctrl+w", "ctrl+u", "ctrl+k", "ctrl+x"]


async def test_every_kind_of_edit_and_move_leaves_nothing_stale(service):
    async with live_notes(service, (120, 36)) as (pilot, notes):
        area = await ready(pilot, notes)
        # A line that wraps grows onto a new row, then a join, a split, a selection typed over,
        # a bracket matched and left, undone and redone.
        for keys in ([*"growing onto the next row " * 3], ["home", "backspace"],
                     ["enter"], ["shift+down", "shift+right", *"over"],
                     ["end", "left", "left", "(", "left"], ["right", "ctrl+z"],
                     ["ctrl+y"], ["ctrl+z", "ctrl+z", "ctrl+z"]):
            await burst(pilot, *keys)
            await drawn_as_a_full_redraw_draws(pilot, area)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6), min_size=1,
                max_size=5))
async def test_any_keys_leave_nothing_stale(service, bursts):
    async with live_notes(service, (80, 24)) as (pilot, notes):
        area = await ready(pilot, notes)
        for keys in bursts:
            await burst(pilot, *keys)
            await drawn_as_a_full_redraw_draws(pilot, area)


async def test_highlighted_markdown_restyles_rows_far_from_the_edit(service):
    """With tree-sitter's Markdown grammar installed (not a dependency: the notes are plain
    text without it), an underline makes the row above a heading and a fence makes every row
    below code; every edit then redraws the whole area."""
    pytest.importorskip("tree_sitter_markdown", reason="Markdown highlighting not installed")
    async with live_notes(service) as (pilot, notes):
        area = notes.text_area
        assert area.is_syntax_aware
        area.cursor_blink = False
        area.load_text("Plan for Sam\nCall the school\n\nBook the review\nCheck the rota\n")
        area.move_cursor((0, 12))
        await pilot.pause()
        for keys in (["enter"], ["="], ["down", "down", "down"], ["`", "`", "`"]):
            await burst(pilot, *keys)
            await drawn_as_a_full_redraw_draws(pilot, area)
