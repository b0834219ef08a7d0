"""The selected session's record, rendered from Markdown (read-only).

Drawn line by line (Textual's Line API): a record is rendered once per width into lines and
kept, so moving through the sessions with j/k shows each record within a frame, and a record
seen before costs nothing. Textual's Markdown widget builds a widget per block on every
update, a few hundred milliseconds per record on the UI thread.
"""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar

from rich.console import Console
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

CACHED_RECORDS = 64
"""Rendered records kept (per width); older ones are rendered again when shown."""
LONG_RECORD = 3_000
"""A record longer than this (characters of Markdown: about two screenfuls) is drawn a
screenful first; the whole of it once it has been shown for `REST_AFTER` seconds or is
scrolled towards its end. Moving through the sessions with j/k draws only their tops (a
usual record of an hour's session, about 200 lines, takes 12 ms to draw whole, its top 5)."""
TOP_MORE = 5
"""Lines drawn past the bottom of the view in a record's top."""
REST_AFTER = 0.15


class _LeftHeading(Heading):
    LEVEL_ALIGN: ClassVar = {**Heading.LEVEL_ALIGN, "h1": "left"}


class _RecordMarkdown(Markdown):
    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements, "heading_open": _LeftHeading}


def render_record(markdown: str, width: int, console: Console) -> list[list[Segment]]:
    """The record as lines of segments, `width` cells wide at most."""
    options = console.options.update(width=max(1, width), highlight=False)
    return console.render_lines(_RecordMarkdown(markdown, hyperlinks=False), options,
                                pad=False)


def record_sections(markdown: str) -> list[str]:
    """The record cut before each "## " heading: its sections, drawn one after another with a
    blank line between, make the same lines as the whole."""
    return re.split(r"\n(?=## )", markdown)


def mark_terms(line: list[Segment], pattern: re.Pattern[str], style: Style) -> list[Segment]:
    """The line with every match of `pattern` restyled (the found words marked)."""
    text = Text.assemble(*((s.text, s.style or "") for s in line if not s.control))
    for match in pattern.finditer(text.plain):
        text.stylize(style, match.start(), match.end())
    return list(text.render(Console(width=max(1, text.cell_len), color_system=None)))


def terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [t for t in terms if t.strip()]
    if not words:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(words, key=len, reverse=True)),
                      re.IGNORECASE)


class RecordView(ScrollView, can_focus=True):
    HELP = """
## Record

The selected session's record as it was kept, with amendments and late entries labelled at
the end. Scroll with j/k, g/G for top and bottom. Opened from a search, the words searched
for are marked and the record opens at the first of them.
"""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"record-view--found"}
    DEFAULT_CSS = """
    RecordView > .record-view--found {
        text-style: reverse bold;
    }
    """
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", id="record.down", show=False),
        Binding("k,up", "scroll_up", "Up", id="record.up", show=False),
        Binding("g,home", "scroll_home", "Top", id="record.top", show=False),
        Binding("G,end", "scroll_end", "Bottom", id="record.bottom", show=False),
        Binding("pageup", "page_up", "Page up", id="record.page-up", show=False),
        Binding("pagedown", "page_down", "Page down", id="record.page-down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="record", classes="pane")
        self.border_title = "Record"
        self.markdown_text = ""
        """What is shown, as Markdown."""
        self.terms: tuple[str, ...] = ()
        self._key = ""
        self._cache: dict[tuple[str, int], list[list[Segment]]] = {}
        self._strips: list[Strip] = []
        self._laid_out_for = -1
        self.found_line: int | None = None
        """The first line with a word searched for, once laid out (None: none found)."""
        self._scroll_pending = False
        self._partial: tuple[tuple[str, int], list[list[Segment]]] | None = None
        """The top of a long record drawn so far (by cache key), until the whole is drawn."""
        self._rest_timer: Timer | None = None

    def show(self, markdown: str, note: str, key: str | None = None,
             terms: tuple[str, ...] = ()) -> None:
        """Show a record; `key` names it for the cache (the text itself when None), `terms`
        are marked and the view opens at the first of them (else at the top)."""
        self.markdown_text = markdown
        self.border_subtitle = note
        self._key = key if key is not None else markdown
        self.terms = terms
        self._laid_out_for = -1
        self._scroll_pending = True
        self._partial = None
        self._layout()
        self.refresh()

    def _lines(self, width: int) -> list[list[Segment]]:
        """The rendered lines of what is shown, from the cache if rendered at this width (of a
        long record not yet drawn whole, its top)."""
        cache_key = (self._key + "\0" + self.markdown_text, width)
        lines = self._cache.pop(cache_key, None)
        if lines is None:
            if len(self.markdown_text) > LONG_RECORD and not self.terms:
                top = self._top(cache_key, width)
                if top is not None:
                    return top
            lines = render_record(self.markdown_text, width, self.app.console)
        self._remember(cache_key, lines)
        return lines

    def _remember(self, cache_key: tuple[str, int], lines: list[list[Segment]]) -> None:
        self._cache[cache_key] = lines  # newest last
        while len(self._cache) > CACHED_RECORDS:
            del self._cache[next(iter(self._cache))]

    def _top(self, cache_key: tuple[str, int], width: int) -> list[list[Segment]] | None:
        """A screenful of a long record, its first sections; the whole is drawn later
        (None: the sections make the whole record anyway)."""
        if self._partial is not None and self._partial[0] == cache_key:
            return self._partial[1]
        sections = record_sections(self.markdown_text)
        lines: list[list[Segment]] = []
        wanted = max(self.size.height, 10) + TOP_MORE
        drawn = 0
        while drawn < len(sections) and (not drawn or len(lines) < wanted):
            if drawn:
                lines.append([])
            lines += render_record(sections[drawn], width, self.app.console)
            drawn += 1
        if drawn == len(sections):
            return None
        self._partial = (cache_key, lines)
        if self._rest_timer is not None:
            self._rest_timer.stop()
        self._rest_timer = self.set_timer(REST_AFTER, partial(self._draw_whole, cache_key))
        return lines

    def _draw_whole(self, cache_key: tuple[str, int] | None = None) -> None:
        """Draw the whole of the long record shown (if it is still the one shown)."""
        if self._partial is None or cache_key not in (None, self._partial[0]):
            return
        key, _ = self._partial
        self._partial = None
        if key[0] != self._key + "\0" + self.markdown_text:
            return
        self._remember(key, render_record(self.markdown_text, key[1], self.app.console))
        self._laid_out_for = -1
        self._layout()
        self.refresh()

    def action_scroll_end(self) -> None:
        self._draw_whole()  # the end of the whole record, not of the top drawn so far
        super().action_scroll_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._partial is not None and \
                new_value + 2 * self.size.height >= len(self._strips):
            self._draw_whole()  # scrolled towards the end of the top drawn so far

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._laid_out_for:
            return
        self._laid_out_for = width
        lines = self._lines(width)
        pattern = terms_pattern(self.terms)
        self.found_line = None
        if pattern is not None:
            style = self.get_component_rich_style("record-view--found", partial=True)
            marked = []
            for index, line in enumerate(lines):
                if pattern.search("".join(s.text for s in line)):
                    if self.found_line is None:
                        self.found_line = index
                    line = mark_terms(line, pattern, style)
                marked.append(line)
            lines = marked
        self._strips = [Strip(line) for line in lines]
        self.virtual_size = Size(width, len(self._strips))
        if self._scroll_pending:  # a record just shown opens at its top or its first hit
            self._scroll_pending = False
            self.scroll_to(y=0, animate=False, immediate=True)
            if self.found_line:  # once the new length is laid out
                self.call_after_refresh(self.scroll_to, y=max(0, self.found_line - 2),
                                        animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        strip = self._strips[index].crop_extend(scroll_x, scroll_x + width, None)
        return strip.apply_style(self.rich_style)
