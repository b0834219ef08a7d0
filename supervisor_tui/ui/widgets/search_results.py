"""Search hits: date, who, kind of text and a snippet with the matches highlighted."""

from __future__ import annotations

from rich.text import Text

from supervisor_tui.domain.search import HitKind, SearchHit, SearchResult
from supervisor_tui.domain.session import RECORD_SECTIONS
from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.keyed_table import KeyedTable

HIGHLIGHT = "bold reverse"


def kind_label(hit: SearchHit) -> str:
    """The kind of text; a record section is named by its heading."""
    if hit.kind is HitKind.SECTION:
        return RECORD_SECTIONS.get(hit.ref_id, hit.kind.label).split()[0]
    return hit.kind.label


def highlighted(hit: SearchHit) -> Text:
    text = Text(for_terminal(hit.snippet, keep_lines=False))
    for start, end in hit.spans:
        text.stylize(HIGHLIGHT, start, end)
    return text


class SearchResults(KeyedTable):
    HELP = """
## Results

Newest first; the matched words are highlighted. Enter opens the session in history.
"""

    def __init__(self) -> None:
        super().__init__("Results", id="results", classes="pane")
        self.hits: list[SearchHit] = []

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Who", key="who")
        self.add_column("Kind", key="kind")
        self.add_column("Text", key="text")

    def show(self, result: SearchResult | None, names: dict[str, str], message: str = "") -> None:
        self.clear()
        self.hits = result.hits if result else []
        for n, hit in enumerate(self.hits):
            self.add_row(fmt_date(hit.when), names.get(hit.supervisee_id, "?"),
                         kind_label(hit), highlighted(hit), key=str(n))
        if message:
            self.border_subtitle = message
        elif result is None:
            self.border_subtitle = ""
        elif not self.hits:
            self.border_subtitle = "no hits"
        elif result.truncated:
            self.border_subtitle = f"newest {len(self.hits)} hits; narrow the search for more"
        else:
            self.border_subtitle = f"{len(self.hits)} hit{'s' if len(self.hits) != 1 else ''}"

    @property
    def selected_hit(self) -> SearchHit | None:
        key = self.selected_key
        return self.hits[int(key)] if key is not None and key.isdigit() else None
