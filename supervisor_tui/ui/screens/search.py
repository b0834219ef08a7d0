"""Full-text search as you type, over one supervisee's records or everyone's, with filters.

Typing is debounced and each query runs on the writer thread against the kept index, so the
screen never waits on disk. Free-text dates are read strictly and shown back on screen.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Header, Input, Select, Static

from supervisor_tui.domain.dates import describe_day, parse_day
from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError, check_case_ref
from supervisor_tui.domain.search import SearchFilters, SearchHit, parse_query
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.people import supervisees
from supervisor_tui.services.search import search_records
from supervisor_tui.ui.focus import SubmitInPlace, focus_now
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.navigation import SessionJump
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.search_results import SearchResults
from supervisor_tui.ui.widgets.toggles import TickBox

DEBOUNCE_SECONDS = 0.25
SEARCHING_AFTER = 0.3
"""A search still running this long says so (the first reads every history)."""


class SearchScreen(SubmitInPlace, Screen[SessionJump | None]):
    HELP = """
# Search

Type to search notes, agenda items, decisions and their rationale, actions, record sections and
amendments. Every word must occur in the same text; put a phrase in "quotes". Filters narrow the
hits: dates are typed freely ("1 jun 2026", "yesterday", "2026-06-01") and shown back
before they apply. Enter on a hit opens that session in the supervisee's history.
"""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", id="search.close"),
        Binding("ctrl+t", "toggle_scope", "This person / everyone", id="search.scope"),
        Binding("ctrl+r", "focus_results", "Results", id="search.focus-results"),
        Binding("slash", "focus_query", "Search box", id="search.focus-query"),
    ]

    def __init__(self, supervisee_id: str | None = None, everyone: bool | None = None) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.everyone = supervisee_id is None if everyone is None else everyone
        self.names: dict[str, str] = {}
        self._timer: Timer | None = None
        self._open_top_hit = False
        """Enter was pressed while the hits were still being found."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search-box", classes="pane") as box:
            box.border_title = "Search"
            yield Input(id="query", placeholder="Search notes, agenda, decisions, actions, "
                        'entries ("quotes" for a phrase)', max_length=200)
            with Horizontal(id="filters"):
                yield Input(id="date-from", placeholder="from date", max_length=60)
                yield Input(id="date-to", placeholder="to date", max_length=60)
                yield Select([(f.value.capitalize(), f) for f in Function], id="function",
                             prompt="Any function")
                yield Input(id="case", placeholder="case ref", max_length=32)
                yield TickBox("Flagged", id="flagged", tooltip="Flagged decisions only")
            yield Static("", id="filter-info")
        yield SearchResults()
        yield KeyFooter()

    async def on_mount(self) -> None:
        focus_now(self.query_one("#query", Input))
        try:
            people = await service(self).run(supervisees, include_archived=True)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            people = []
        self.names = {p.id: p.name for p in people}
        self.show_scope()
        self.schedule()

    # -- scope and filters -------------------------------------------------------------------
    def scope_label(self) -> str:
        if self.everyone or self.supervisee_id is None:
            return "everyone"
        return self.names.get(self.supervisee_id, "this supervisee")

    def show_scope(self) -> None:
        self.title = "Search"
        self.sub_title = f"Searching {self.scope_label()} · ctrl+t to change"

    def read_filters(self) -> tuple[SearchFilters | None, str]:
        """The filters on screen, and the line that shows them back (or what is wrong)."""
        today = host(self).clock().date()
        shown: list[str] = []
        days: dict[str, date | None] = {}
        for key, label in (("date-from", "From"), ("date-to", "To")):
            text = self.query_one(f"#{key}", Input).value
            days[key] = None
            if text.strip():
                try:
                    days[key] = parse_day(text, today, prefer_future=False)
                except ValidationError as exc:
                    return None, f"{label}: {exc}"
                shown.append(f"{label} {describe_day(days[key], today)}")  # type: ignore[arg-type]
        case = self.query_one("#case", Input).value.strip() or None
        if case:
            try:
                case = check_case_ref(case)
            except ValidationError as exc:
                return None, str(exc)
            shown.append(f"case {case}")
        function = self.query_one("#function", Select).value
        function = function if isinstance(function, Function) else None
        if function:
            shown.append(f"{function.value} sessions")
        flagged = self.query_one("#flagged", Checkbox).value
        if flagged:
            shown.append("flagged decisions only")
        filters = SearchFilters(days["date-from"], days["date-to"], function, case, flagged)
        try:
            filters.validate()
        except ValidationError as exc:
            return None, str(exc)
        return filters, " · ".join(shown) or "No filters."

    # -- searching ---------------------------------------------------------------------------
    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def schedule(self) -> None:
        """Search once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    @property
    def search_pending(self) -> bool:
        """A search is due once the typing pause ends."""
        return self._timer is not None

    def run_search(self) -> None:
        self._timer = None
        filters, info = self.read_filters()
        info_line = self.query_one("#filter-info", Static)
        info_line.update(info)
        info_line.set_class(filters is None, "error")
        if filters is None:
            return
        query = self.query_one("#query", Input).value
        scope = None if self.everyone else self.supervisee_id
        self.search(query, filters, scope)

    @work(exclusive=True, group="search")
    async def search(self, query: str, filters: SearchFilters, scope: str | None) -> None:
        results = self.query_one(SearchResults)
        if not query.strip() and not filters.active:
            results.show(None, self.names, "type to search")
            if self._open_top_hit:
                self._open_or_focus()
            return
        # A search that takes a while (the first one reads every history to make its index)
        # says so instead of leaving the last results standing.
        slow = self.set_timer(SEARCHING_AFTER, partial(setattr, results, "border_subtitle",
                                                       "searching…"), name="searching")
        try:
            result = await service(self).run(search_records, query, filters, scope)
        except (StoreError, ValidationError) as exc:
            results.show(None, self.names, "search failed")
            self.notify(str(exc), title="Search failed", severity="error")
            self._open_top_hit = False
            return
        finally:
            slow.stop()
        results.show(result, self.names)
        if self._open_top_hit and not self.search_pending:
            self._open_or_focus()

    # -- keys --------------------------------------------------------------------------------
    def action_toggle_scope(self) -> None:
        if self.supervisee_id is None:
            self.notify("Open search from a supervisee's history to search only theirs.")
            return
        self.everyone = not self.everyone
        self.show_scope()
        self.schedule()

    def action_focus_results(self) -> None:
        focus_now(self.query_one(SearchResults))

    def action_focus_query(self) -> None:
        focus_now(self.query_one("#query", Input))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        """Enter opens the top hit in one key: at once when the hits shown are for what is
        typed, else as soon as they are; with no hit it goes to the results."""
        if self.search_pending or self._searching():
            self._open_top_hit = True
            if self._timer is not None:  # typing has just paused: search now
                self._timer.stop()
                self.run_search()
            return
        self._open_or_focus()

    def _open_or_focus(self) -> None:
        self._open_top_hit = False
        hit = self.query_one(SearchResults).selected_hit
        if hit is not None:
            self.dismiss(self.jump_to(hit))
            return
        focus_now(self.query_one(SearchResults))

    def _searching(self) -> bool:
        return any(w.group == "search" and not w.is_finished for w in self.workers)

    @on(DataTable.RowSelected, "#results")
    def hit_chosen(self) -> None:
        hit = self.query_one(SearchResults).selected_hit
        if hit is not None:
            self.dismiss(self.jump_to(hit))

    def jump_to(self, hit: SearchHit) -> SessionJump:
        """The hit's session, with the words searched for (marked in the record)."""
        terms = tuple(parse_query(self.query_one("#query", Input).value))
        return SessionJump(hit.supervisee_id, hit.session_id, terms)
