"""The selected session's record, rendered as Markdown (read-only)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown


class RecordView(VerticalScroll):
    HELP = """
## Record

The selected session's record as it was kept, with amendments and late entries labelled at
the end. Scroll with j/k, g/G for top and bottom.
"""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", id="record.down", show=False),
        Binding("k", "scroll_up", "Up", id="record.up", show=False),
        Binding("g", "scroll_home", "Top", id="record.top", show=False),
        Binding("G", "scroll_end", "Bottom", id="record.bottom", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="record", classes="pane")
        self.border_title = "Record"
        self.markdown_text = ""
        """What is shown, as Markdown."""

    def compose(self) -> ComposeResult:
        yield Markdown("", open_links=False)

    async def show(self, markdown: str, note: str) -> None:
        self.markdown_text = markdown
        self.border_subtitle = note
        await self.query_one(Markdown).update(markdown)
        self.scroll_home(animate=False)
