"""Home's picture of today: who is in session, due or overdue, which actions fall due this
week, and whose file cannot be read. Words and counts carry the meaning; colour only adds."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.services.home import TodayPicture
from supervisor_tui.ui.wrapping import line_breaks

SHOWN = 5
"""Names given in a line whose people the roster shows too (overdue, due this week, actions):
the rest are counted, so that a long caseload leaves the lines below it (high-risk cases,
wellbeing) in view on a small screen."""


def _first(parts: list[str], where: str | None) -> str:
    """The first `SHOWN` of `parts`, and how many more (and `where` to see them); all of
    them when nowhere else shows them (`where` None)."""
    if where is None or len(parts) <= SHOWN:
        return ", ".join(parts)
    return f"{', '.join(parts[:SHOWN])} and {len(parts) - SHOWN} more ({where})"


def _names(items: list[tuple[str, int]], unit: str, where: str | None) -> str:
    return _first([f"{for_terminal(name, keep_lines=False)} ({n}{unit})" for name, n in items],
                  where)


def picture_text(picture: TodayPicture) -> Text:
    """One line per kind of thing that needs attention, most pressing first."""
    text = Text()

    def line(label: str, body: str, style: str = "") -> None:
        if text:
            text.append("\n")
        text.append(f"{label}: ", style=f"bold {style}".strip())
        text.append(body)

    today = picture.today
    if picture.changed_outside:
        line("Changed outside the app", f"{picture.changed_outside} change(s) to the record "
             "found when it opened (`supervisor-tui verify` lists them).", "red")
    if picture.damaged:
        line("Cannot be read", "; ".join(
            f"{for_terminal(name, keep_lines=False)} (file damaged: {reason})"
            for name, reason in picture.damaged) + ". Restore the file from a backup "
            "(supervisor-tui restore), or ask for help; nothing is written to it.", "red")
    if picture.in_session:
        names = ", ".join(for_terminal(n, keep_lines=False) for n in picture.in_session)
        line("In session", f"{names} (s resumes)")
    if picture.overdue:
        line("Supervision overdue", _names(picture.overdue, " days",
                                           "o sorts the roster by days overdue"), "red")
    if picture.group_overdue:
        line("Group overdue", _names(picture.group_overdue, " days", None), "yellow")
    if picture.due_soon:
        line("Supervision due this week", _first([
            f"{for_terminal(name, keep_lines=False)} "
            f"({'today' if due.date() == today else due.strftime('%a %d %b')})"
            for name, due in picture.due_soon], "Next due on the roster"))
    if picture.group_soon:
        line("Group session this week", ", ".join(
            f"{for_terminal(name, keep_lines=False)} "
            f"({'today' if due.date() == today else due.strftime('%a %d %b')})"
            for name, due in picture.group_soon))
    if picture.high_risk:
        line("High-risk cases not reached", "; ".join(
            f"{for_terminal(name, keep_lines=False)} ("
            + ", ".join(for_terminal(r, keep_lines=False) for r in refs) + ")"
            for name, refs in picture.high_risk) + ": on their next agenda, before the actions",
             "red")
    if picture.wellbeing:
        line("Wellbeing", "; ".join(f"{for_terminal(name, keep_lines=False)} ({why})"
                                    for name, why in picture.wellbeing)
             + ": a restorative item opens their next agenda", "yellow")
    if picture.not_rebooked:
        line("Cancelled, not rebooked", ", ".join(
            f"{for_terminal(name, keep_lines=False)} ({day:%a %d %b})"
            for name, day in picture.not_rebooked)
            + " (c, then b on the date, rebooks it; w says why it will not be)",
             "yellow")
    if picture.cancelling:
        line("Cancellations", "; ".join(
            f"{for_terminal(name, keep_lines=False)}: {n} in three months ("
            + "; ".join(for_terminal(r, keep_lines=False) for r in reasons) + ")"
            for name, n, reasons in picture.cancelling)
            + ". Raise it with them, then with your manager if it goes on.", "red")
    if picture.actions_overdue:
        line("Actions overdue", _names(picture.actions_overdue, "",
                                       "Open actions on the roster"), "red")
    if picture.actions_due_soon:
        line("Actions due this week", _names(picture.actions_due_soon, "",
                                             "Open actions on the roster"))
    if picture.quiet:
        text.append("Nothing due this week: no supervision overdue or due, no actions due.")
    return text


class TodayPanel(ScrollView, can_focus=True):
    """Shown under the supervisees on home; scrolls (Tab to it, then the arrow keys) when the
    window is short.

    Drawn line by line: at 160 supervisees the high-risk and wellbeing lines name everyone
    and wrap to some sixty lines, of which a screen shows a dozen. The text is wrapped with
    `line_breaks` (as a Static would wrap it) when the width changes, and only the lines in
    view are turned into strips."""

    BINDINGS = [
        Binding("k", "scroll_up", "Up", id="today.up", show=False),
        Binding("j", "scroll_down", "Down", id="today.down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="today")
        self.border_title = "Today"
        self.picture: TodayPicture | None = None
        self._paragraphs: list[Content] = []
        self._lines: list[tuple[int, int, int]] = []
        """(paragraph, start, end) of each wrapped line."""
        self._strips: dict[int, Strip] = {}
        self._wrapped_for = 0
        self._style: Style | None = None

    @property
    def text(self) -> str:
        """What the panel says, one line per kind of thing (unwrapped)."""
        return "\n".join(paragraph.plain for paragraph in self._paragraphs)

    def show(self, picture: TodayPicture) -> None:
        self.picture = picture
        self.border_title = f"Today, {picture.today.strftime('%a %d %b %Y')}"
        self._paragraphs = [Content.from_rich_text(line)
                            for line in picture_text(picture).split("\n", allow_blank=True)]
        self._wrapped_for = 0
        self._wrap()
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if not width or width == self._wrapped_for:
            return
        self._wrapped_for = width
        lines: list[tuple[int, int, int]] = []
        for index, paragraph in enumerate(self._paragraphs):
            cuts = [0, *line_breaks(paragraph.plain, width), len(paragraph.plain)]
            lines += [(index, start, end) for start, end in zip(cuts, cuts[1:], strict=False)]
        self._lines = lines
        self._strips = {}
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        """As Textual's, working out the panel's style once for all the lines drawn (it walks
        every ancestor's styles)."""
        self._style = self.visual_style
        try:
            return super().render_lines(crop)
        finally:
            self._style = None

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self.scrollable_content_region.width
        style = self._style if self._style is not None else self.visual_style
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, style.rich_style)
        selection = self.text_selection
        if selection is not None:  # drawn afresh while text is selected with the mouse
            return self._line(index, width, style, selection.get_span(index))
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._line(index, width, style)
        return strip

    def _cut(self, index: int, width: int) -> Content:
        """One wrapped line, cut as a Static cuts its wrapped lines."""
        number, start, end = self._lines[index]
        paragraph = self._paragraphs[number]
        line = paragraph[start:end]
        if end < len(paragraph.plain):
            line = line.rstrip()
        return line.truncate(width).rstrip_end(width)

    def _line(self, index: int, width: int, style: Style,
              selected: tuple[int, int] | None = None) -> Strip:
        """One wrapped line on the panel's style (`selected`: the span selected in it), with
        the offsets that let the mouse select its text."""
        line = self._cut(index, width)
        if selected is not None:
            start, end = selected
            line = line.stylize(Style.from_styles(
                self.screen.get_component_styles("screen--selection")), start,
                len(line.plain) if end == -1 else end)
        segments = [Segment(text, (style + part).rich_style)
                    for text, part in line.render(style, end="")]
        strip = Strip(segments, line.cell_length).extend_cell_length(width, style.rich_style)
        return strip.apply_offsets(0, index)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse, as the lines show it (for ctrl+c)."""
        self._wrap()
        width = self._wrapped_for
        text = "\n".join(self._cut(index, width).plain for index in range(len(self._lines)))
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips = {}
        self.refresh()
