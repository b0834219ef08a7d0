"""A long record is drawn a screenful first and whole soon after: moving through long records
with j/k draws only their tops, and what is finally drawn is the whole record, line for line."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.app import App, ComposeResult

from supervisor_tui.reports.record import session_markdown
from supervisor_tui.ui.widgets import record_view
from supervisor_tui.ui.widgets.record_view import (
    LONG_RECORD,
    RecordView,
    record_sections,
    render_record,
)
from tests import history_data as h
from tests.waiting import wait_for


def long_record(n: int) -> str:
    """A record of many sections, past `LONG_RECORD`."""
    sections = [f"# Supervision record {n}", "", "- **Date**: 3 Nov 2026", ""]
    for s in range(50):
        sections += [f"## Case C-{s}", "", f"- Decision {s} of record {n}",
                     f"  - Rationale: {'because the plan asks for it ' * 8}", ""]
    text = "\n".join(sections)
    assert len(text) > LONG_RECORD
    return text


class RecordApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordView()


def drawn(view: RecordView) -> int:
    return view.virtual_size.height


def whole(text: str, view: RecordView) -> int:
    return len(render_record(text, view.scrollable_content_region.width, view.app.console))


async def test_a_long_record_shows_its_top_first_and_the_whole_once_it_stays():
    app = RecordApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(RecordView)
        text = long_record(1)
        view.show(text, "finalised", "r-1")
        await pilot.pause()
        assert 0 < drawn(view) < whole(text, view)
        await wait_for(pilot, lambda: drawn(view) == whole(text, view),
                       what="the whole record drawn once it stayed on screen")
        lines = [strip.text for strip in view._strips]  # noqa: SLF001 - what is drawn
        expected = render_record(text, view.scrollable_content_region.width, app.console)
        assert lines == ["".join(s.text for s in line) for line in expected]


async def test_moving_through_long_records_draws_only_their_tops(monkeypatch):
    app = RecordApp()
    texts = [long_record(n) for n in range(6)]
    drawn_whole: list[int] = []
    real = record_view.render_record

    def counting(markdown, width, console):
        if markdown in texts:
            drawn_whole.append(texts.index(markdown))
        return real(markdown, width, console)

    monkeypatch.setattr(record_view, "render_record", counting)
    rest_after = record_view.REST_AFTER
    monkeypatch.setattr(record_view, "REST_AFTER", 60.0)  # moving on: no record stays
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(RecordView)
        for n, text in enumerate(texts[:-1]):
            view.show(text, "finalised", f"r-{n}")
            await pilot.pause()
            assert 0 < drawn(view) < whole(text, view)
        assert drawn_whole == []  # none drawn whole while moving through
        monkeypatch.setattr(record_view, "REST_AFTER", rest_after)  # the last one stays
        view.show(texts[-1], "finalised", "r-5")
        await wait_for(pilot, lambda: drawn(view) == whole(texts[-1], view),
                       what="the last record drawn whole")
        assert set(drawn_whole) == {5}


@pytest.fixture
def never_stays(monkeypatch):
    """No record is on screen long enough to be drawn whole on its own."""
    monkeypatch.setattr(record_view, "REST_AFTER", 60.0)


async def only_its_top(pilot, text: str) -> RecordView:
    """Show a long record in focus, with only its top drawn (it never stays long enough)."""
    view = pilot.app.query_one(RecordView)
    view.show(text, "finalised", "r-long")
    view.focus()
    await pilot.pause()
    assert drawn(view) < whole(text, view)
    return view


async def test_scrolling_towards_the_end_draws_the_whole_at_once(never_stays):
    app = RecordApp()
    async with app.run_test(size=(80, 24)) as pilot:
        text = long_record(2)
        view = await only_its_top(pilot, text)
        top = drawn(view)
        await pilot.press(*["pagedown"] * 3)
        await wait_for(pilot, lambda: drawn(view) == whole(text, view),
                       what="the whole record drawn as it was scrolled")
        assert view.scroll_y > top // 3  # the scroll kept its place


def test_a_record_cut_into_sections_draws_the_same_lines_as_whole():
    console = Console(width=100)
    texts = [session_markdown(s, {h.ALEX: "Alex Rivera", h.BEA: "Bea Chen"}, h.decisions(),
                              h.actions())
             for s in h.sessions()]
    texts.append(long_record(3))
    for text in texts:
        joined: list = []
        for n, section in enumerate(record_sections(text)):
            if n:
                joined.append([])
            joined += render_record(section, 90, console)
        assert joined == render_record(text, 90, console)


async def test_end_of_a_long_record_is_its_real_end(never_stays):
    """G before the whole record is drawn goes to the end of the whole record."""
    app = RecordApp()
    async with app.run_test(size=(80, 24)) as pilot:
        text = long_record(4)
        view = await only_its_top(pilot, text)
        await pilot.press("G")
        await wait_for(pilot, lambda: drawn(view) == whole(text, view)
                       and view.scroll_y == view.max_scroll_y > 0,
                       what="the view at the end of the whole record")
