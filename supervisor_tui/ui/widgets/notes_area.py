"""The notes' text area: a TextArea that redraws only what a keystroke changed.

On the session screen the notes share their rows with the agenda and prompt panes. Textual
draws a changed region by cutting every line it spans through every widget on those lines, so
the cost of a keystroke grows with the rows it marks as changed. A plain TextArea marks all of
its rows at every key (its `selection` repaints the whole widget, and its length lays out the
whole screen); this one marks the rows the edit or the cursor touched.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, LanguageDoesNotExist, Location, Selection


class NotesArea(TextArea):
    """A TextArea whose length never moves anything else on the screen, and whose keystrokes
    redraw only the rows they change.

    - Its size is the pane's; the text only changes how far it scrolls. So a change of length
      asks for no layout (Textual lays out the whole screen for it: about 8 ms on the session
      screen at each line the typing wraps onto); the scrollbar is given the new length itself.
      When the scrollbar has to appear or go, Textual still lays the screen out (that is its
      own reactive). A change of length still redraws the whole area: every row below moved.
    - A moved cursor or selection redraws the rows of the old and the new one (and of the
      bracket matched at the cursor, before and after); an edit redraws the rows it spans.
      Undo, redo, loading a text and a new size (the text is wrapped again after the area was
      drawn at it) redraw the whole area, as does every edit when the text is highlighted (a
      heading or a code fence restyles rows far from the edit).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    selection: Reactive[Selection] = Reactive(Selection(), init=False, always_update=True,
                                              repaint=False)
    _bracket_shown: Location | None = None
    """The matching bracket drawn highlighted, if any (its row is redrawn when it goes)."""

    def watch_virtual_size(self, size: Size) -> None:
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = size.height
        # As Textual's own update does: a shorter text must not leave the view past its end.
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def watch_selection(self, previous: Selection, selection: Selection) -> None:
        if not self.is_mounted:
            return
        rows = [previous.start[0], previous.end[0], selection.start[0], selection.end[0]]
        bracket = self._bracket_at(selection.end)
        for shown in (self._bracket_shown, bracket):
            if shown is not None:
                rows.append(shown[0])
        self._bracket_shown = bracket
        self._redraw_rows(min(rows), max(rows))

    def _bracket_at(self, location: Location) -> Location | None:
        if not self.match_cursor_bracket:
            return None
        row, column = location
        try:
            character = self.document[row][column]
        except IndexError:
            return None
        return self.find_matching_bracket(character, location)

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        if self.is_syntax_aware or self.placeholder:  # a placeholder spans several rows
            self.refresh()
        else:
            self._redraw_rows(edit.top[0], max(edit.bottom[0], result.end_location[0]))
        return result

    def on_resize(self) -> None:
        self.refresh()

    def undo(self) -> None:
        super().undo()
        self.refresh()

    def redo(self) -> None:
        super().redo()
        self.refresh()

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.refresh()

    def _redraw_rows(self, first: int, last: int) -> None:
        """Redraw the screen rows that document rows `first` to `last` wrap onto (rows past
        the end, as a deletion leaves them, are the last row)."""
        lines = self.document.line_count
        first = min(max(first, 0), lines - 1)
        last = min(max(last, first), lines - 1)
        wrapped = self.wrapped_document
        top = wrapped.location_to_offset((first, 0)).y
        bottom = wrapped.location_to_offset((last, len(self.document[last]))).y
        self.refresh_lines(top, bottom - top + 1)


def make_text_area(text: str) -> TextArea:
    """A Markdown TextArea; plain text when tree-sitter's Markdown grammar is not installed."""
    try:
        return NotesArea(text, language="markdown", soft_wrap=True, tab_behavior="focus",
                         id="notes-text")
    except LanguageDoesNotExist:
        return NotesArea(text, soft_wrap=True, tab_behavior="focus", id="notes-text")
