"""Home's picture of today: who is in session, due or overdue, which actions fall due this
week, and whose file cannot be read. Words and counts carry the meaning; colour only adds."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.services.home import TodayPicture

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


class TodayPanel(VerticalScroll, can_focus=False):
    """Shown under the supervisees on home; scrolls when the window is short."""

    def __init__(self) -> None:
        super().__init__(id="today")
        self.border_title = "Today"
        self.picture: TodayPicture | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="today-text")

    def show(self, picture: TodayPicture) -> None:
        self.picture = picture
        self.border_title = f"Today, {picture.today.strftime('%a %d %b %Y')}"
        self.query_one("#today-text", Static).update(picture_text(picture))
