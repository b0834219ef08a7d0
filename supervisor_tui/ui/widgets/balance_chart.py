"""Function balance as a small bar chart, and wellbeing check-ins over time as sparklines."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalScroll
from textual.widgets import Static

from supervisor_tui.domain.balance import Balance, WellbeingPoint
from supervisor_tui.domain.enums import Function
from supervisor_tui.ui.format import sparkline

BAR_WIDTH = 20
COLOURS = {
    Function.NORMATIVE: "blue",
    Function.FORMATIVE: "green",
    Function.RESTORATIVE: "magenta",
    Function.MEDIATION: "yellow",
}


def bar(share: float, width: int = BAR_WIDTH) -> tuple[str, str]:
    """Filled and empty parts of a bar for `share` (0 to 1), in eighths of a cell."""
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    body = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return body, "·" * (width - len(body))


def render_balance(balance: Balance, group: Balance | None = None) -> Text:
    """The one-to-ones' bars; a group's agenda is the group's, so its shares get a line apart."""
    out = Text()
    out.append(f"Agenda time by function, last {balance.sessions} one-to-ones\n", "bold")
    shares = balance.shares
    if not shares:
        out.append("No agenda time tagged with a function yet.\n", "italic")
    for f in Function:
        share = shares.get(f.value, 0.0)
        filled, empty = bar(share)
        out.append(f"{f.value:<12}")
        out.append(filled, COLOURS[f])
        out.append(empty, "dim")
        out.append(f" {share:4.0%}  {balance.minutes.get(f, 0):.0f} min\n")
    if balance.untagged_minutes:
        out.append(f"untagged    {balance.untagged_minutes:.0f} min\n", "dim")
    if group is not None and group.sessions:
        shares = group.shares
        split = "/".join(f"{shares[f.value]:.0%}" for f in Function) if shares else "untagged"
        out.append(f"group ({group.sessions}) N/F/R/M {split}", "dim")
    return out


def render_wellbeing(wellbeing: list[WellbeingPoint]) -> Text:
    out = Text()
    out.append("Wellbeing check-ins (1-5)\n", "bold")
    if not wellbeing:
        out.append("No check-ins recorded yet.", "italic")
        return out
    opening = [p.opening for p in wellbeing if p.opening is not None]
    closing = [p.closing for p in wellbeing if p.closing is not None]
    for label, values in (("opening", opening), ("closing", closing)):
        out.append(f"{label:<9}")
        out.append(sparkline(values[-24:]), "bold")
        out.append(f"  latest {values[-1] if values else '—'}\n")
    out.append(f"oldest to newest, {len(wellbeing)} sessions", "dim")
    return out


class BalanceChart(HorizontalScroll):
    HELP = """
## Balance and wellbeing

Share of agenda time per function of supervision over the latest held one-to-ones (from the
time boxes), the group sessions' shares apart, and opening and closing wellbeing check-ins over
time.
"""

    """Bars on the left, the wellbeing sparklines on the right; scrolls on a short window."""

    can_focus = True

    def __init__(self) -> None:
        super().__init__(id="balance")

    def compose(self) -> ComposeResult:
        yield Static("", id="balance-bars")
        yield Static("", id="wellbeing")

    def show(self, balance: Balance, wellbeing: list[WellbeingPoint],
             group: Balance | None = None) -> None:
        self.query_one("#balance-bars", Static).update(render_balance(balance, group))
        self.query_one("#wellbeing", Static).update(render_wellbeing(wellbeing))
