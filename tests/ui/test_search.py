from datetime import date

import pytest
from textual.widgets import Checkbox, Input, Select

from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.search import HitKind
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.screens.search import SearchScreen
from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.search_results import SearchResults
from supervisor_tui.ui.widgets.session_list import SessionList
from tests import history_data as h
from tests.ui.helpers import history_app, settle
from tests.waiting import wait_for


def hits(app):
    return app.screen.query_one(SearchResults).hits


async def open_search(pilot, from_history: bool = False) -> None:
    await settle(pilot)
    if from_history:
        await pilot.press("h")
        await settle(pilot)
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)


async def set_value(pilot, selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = value
    await settle(pilot)


@pytest.mark.parametrize("query, kind, session", [
    ("weekend duty", HitKind.NOTES, h.S1),
    ("court report deadline", HitKind.AGENDA, h.S2),
    ("legal planning", HitKind.DECISION, h.S2),
    ("threshold for proceedings", HitKind.RATIONALE, h.S2),
    ("safeguarding refresher", HitKind.ACTION, h.S1),
    ("strategy meeting is on", HitKind.ENTRY, h.S4),
    ("rushing assessments", HitKind.SECTION, h.S2),
])
async def test_typing_finds_each_kind_of_text(service, query, kind, session):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await pilot.press(*query)
        await settle(pilot)
        found = hits(app)
        assert [(x.kind, x.session_id) for x in found] == [(kind, session)]
        table = app.screen.query_one(SearchResults)
        cell = table.get_row_at(0)[3]
        # The matched words are highlighted in the snippet.
        styled = {cell.plain[span.start:span.end].casefold() for span in cell.spans}
        assert set(query.casefold().split()) <= styled
        assert table.border_subtitle == "1 hit"


async def test_enter_opens_the_top_hit_in_one_key(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await pilot.press(*"complaint", "enter")  # typed and sent at once, as a typist does
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        assert app.screen.supervisee_id == h.BEA
        assert app.screen.query_one(SessionList).selected_key == h.S6


async def test_enter_on_a_highlighted_hit_opens_that_session(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await pilot.press(*"complaint")
        await settle(pilot)
        assert {x.supervisee_id for x in hits(app)} == {h.BEA}
        await pilot.press("ctrl+r", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        assert app.screen.supervisee_id == h.BEA
        assert app.screen.query_one(SessionList).selected_key == h.S6


async def test_enter_with_no_hit_goes_to_the_results(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await pilot.press(*"zzqxj", "enter")
        await wait_for(pilot, lambda: isinstance(app.focused, SearchResults), what="results")
        assert isinstance(app.screen, SearchScreen)


async def test_search_from_history_is_for_that_person_until_toggled(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot, from_history=True)
        assert "Alex Rivera" in app.screen.sub_title
        await pilot.press(*"complaint")
        await settle(pilot)
        assert hits(app) == []
        assert app.screen.query_one(SearchResults).border_subtitle == "no hits"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "everyone" in app.screen.sub_title
        assert len(hits(app)) == 3
        # From history, a hit of the same person moves the list there.
        await pilot.press("ctrl+t")
        await settle(pilot)
        app.screen.query_one("#query", Input).value = "weekend"
        await settle(pilot)
        await pilot.press("ctrl+r", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(SessionList).selected_key == h.S1


async def test_filters_leave_nothing_outside_them(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await set_value(pilot, "#query", "the")
        everything = hits(app)
        assert {x.session_id for x in everything} >= {h.S1, h.S2, h.S4, h.S5, h.S6}

        await set_value(pilot, "#date-from", "15 aug 2026")
        await set_value(pilot, "#date-to", "31 oct 2026")
        info = str(app.screen.query_one("#filter-info").render())
        assert "From Sat 15 Aug 2026 (100 days ago)" in info
        assert "To Sat 31 Oct 2026 (23 days ago)" in info
        within = hits(app)
        assert within and all(date(2026, 8, 15) <= x.when.date() <= date(2026, 10, 31)
                              for x in within)
        await set_value(pilot, "#date-from", "")
        await set_value(pilot, "#date-to", "")

        app.screen.query_one("#function", Select).value = Function.RESTORATIVE
        await settle(pilot)
        assert {x.session_id for x in hits(app)} <= {h.S1, h.S4}
        assert hits(app)
        app.screen.query_one("#function", Select).clear()
        await settle(pilot)

        await set_value(pilot, "#case", "KM-7")
        assert hits(app)
        assert {x.session_id for x in hits(app)} <= {h.S2, h.S4}
        await set_value(pilot, "#case", "")

        await set_value(pilot, "#query", "")
        app.screen.query_one("#flagged", Checkbox).value = True
        await settle(pilot)
        flagged = hits(app)
        assert {(x.kind, x.session_id) for x in flagged} == {
            (HitKind.DECISION, h.S2), (HitKind.RATIONALE, h.S2),
            (HitKind.DECISION, h.S6), (HitKind.RATIONALE, h.S6)}


async def test_bad_filter_input_is_explained_not_searched(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await set_value(pilot, "#query", "the")
        before = hits(app)
        await set_value(pilot, "#date-from", "session 3 moved to 12/01")
        info = app.screen.query_one("#filter-info")
        assert info.has_class("error")
        assert "not a date" in str(info.render())
        assert hits(app) == before
        await set_value(pilot, "#date-from", "1 nov 2026")
        await set_value(pilot, "#date-to", "1 oct 2026")
        assert "after the 'to' date" in str(info.render())
        await set_value(pilot, "#date-to", "")
        await set_value(pilot, "#case", "John Smith")
        assert "no spaces" in str(info.render())


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_hit_opens_scrolled_to_the_word_marked(service, size):
    app = history_app(service)
    async with app.run_test(size=size) as pilot:
        await open_search(pilot)
        await pilot.press(*"weekend duty", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        view = app.screen.query_one(RecordView)
        await wait_for(pilot, lambda: view.found_line is not None, what="the word found")
        top, height = view.scroll_offset.y, view.scrollable_content_region.height
        assert top <= view.found_line < top + height
        assert top > 0, "the words are below the first screenful: the record scrolled"
        line = view.render_line(view.found_line - top)
        marked = "".join(s.text for s in line if s.style and s.style.reverse)
        assert marked.casefold() in {"weekend", "duty", "weekend duty"}
        # Another session shows no marks; back on the hit, the words are marked again.
        await pilot.press("k")  # the hit is the oldest session, the last row
        await wait_for(pilot, lambda: view.found_line is None, what="another record")
        await pilot.press("j")
        await wait_for(pilot, lambda: view.found_line is not None, what="the hit again")


async def test_a_search_that_takes_a_while_says_so_until_its_hits_come(service, monkeypatch):
    """The first search reads every history to make its index; meanwhile the results say
    "searching…" rather than leave what was there."""
    import threading

    from supervisor_tui.services import search as searching
    from supervisor_tui.ui.screens import search as screen

    release = threading.Event()
    real = searching.search_records

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)  # on the writer thread, until the test has seen the notice
        return real(*args, **kwargs)

    monkeypatch.setattr(screen, "search_records", slow)
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_search(pilot)
        await pilot.press(*"weekend duty")
        table = app.screen.query_one(SearchResults)
        await wait_for(pilot, lambda: table.border_subtitle == "searching…",
                       what="the searching notice")
        release.set()
        await wait_for(pilot, lambda: table.border_subtitle == "1 hit", what="the hit")
