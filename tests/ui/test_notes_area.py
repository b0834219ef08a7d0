"""The notes grow without moving anything else: no layout of the screen at each new line, yet
the scrollbar, the cursor and the view follow the text as it grows and shrinks."""

from __future__ import annotations

from textual import messages

from supervisor_tui.ui.widgets.notes_area import NotesArea
from tests.ui.helpers import burst
from tests.ui.session_helpers import live_notes
from tests.waiting import wait_for

LINE = "We talked about the home visit and the missed appointments."


def last_line_in_view(area: NotesArea) -> bool:
    """The last line typed (the cursor is on the empty line after it) is on screen."""
    row = area.cursor_screen_offset.y - area.content_region.y - 1
    return 0 <= row < area.content_region.height


def thumb_follows(area: NotesArea) -> bool:
    bar = area.vertical_scrollbar
    return (area.show_vertical_scrollbar
            and bar.window_virtual_size == area.wrapped_document.height)


async def test_lines_typed_past_the_bottom_lay_nothing_out_and_stay_in_view(service):
    async with live_notes(service) as (pilot, notes):
        area = notes.text_area
        assert isinstance(area, NotesArea)
        area.insert(f"{LINE}\n" * (area.content_region.height + 2))  # the scrollbar shows
        typed = area.text + f"{LINE}{LINE}\n{LINE}\n{LINE}{LINE}\n"
        await wait_for(pilot, lambda: thumb_follows(area), what="the scrollbar shown")
        layouts: list[object] = []
        screen = pilot.app.screen
        post = screen.post_message

        def watching(message):
            if isinstance(message, messages.Layout):
                layouts.append(message)
            return post(message)

        screen.post_message = watching  # type: ignore[method-assign]
        # A burst, as a fast typist sends it: a line that wraps, a line that ends.
        await burst(pilot, *LINE, *LINE, "enter", *LINE, "enter", *LINE, *LINE, "enter")
        await wait_for(pilot, lambda: area.text == typed, what="every key typed")
        await wait_for(pilot, lambda: last_line_in_view(area) and area.scroll_y > 0,
                       what="the last line typed in view")
        assert layouts == []
        assert thumb_follows(area)


async def test_the_scrollbar_goes_once_the_text_fits_again(service):
    async with live_notes(service) as (pilot, notes):
        area = notes.text_area
        area.insert(f"{LINE}\n" * (area.content_region.height + 5))
        await wait_for(pilot, lambda: thumb_follows(area), what="the scrollbar shown")
        await burst(pilot, *["shift+up"] * (area.content_region.height + 5), "shift+home",
                    "backspace", *"short")
        await wait_for(pilot, lambda: not area.show_vertical_scrollbar,
                       what="the scrollbar gone")
        assert area.text == "short"
        assert area.scroll_y == 0


async def test_a_shorter_text_does_not_leave_the_view_past_its_end(service):
    async with live_notes(service) as (pilot, notes):
        area = notes.text_area
        area.insert(f"{LINE}\n" * 60)  # scrolled to the bottom, the cursor under the last line
        await wait_for(pilot, lambda: thumb_follows(area) and area.scroll_y > 0,
                       what="the scrollbar shown, the view at the end")
        await burst(pilot, *["shift+up"] * 15, "backspace")  # the scrollbar stays
        await wait_for(pilot, lambda: area.text.count("\n") == 45, what="15 lines deleted")
        await pilot.pause()
        assert area.show_vertical_scrollbar
        assert area.scroll_y == area.max_scroll_y
        assert thumb_follows(area)
