"""The running decisions log across sessions; each amendment is shown under its original."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.coordinate import Coordinate

from supervisor_tui.domain.decisions import CaseCopy, Decision
from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.ui.decision_lines import LOG_PAGE
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.keyed_table import KeyedTable


def threaded(decisions: list[Decision]) -> list[tuple[Decision, int]]:
    """Originals newest first, each followed by its amendments (depth 1, 2...) oldest first."""
    by_id = {d.id: d for d in decisions}
    children: dict[str, list[Decision]] = {}
    roots = []
    for d in decisions:
        if d.amends and d.amends in by_id:
            children.setdefault(d.amends, []).append(d)
        else:
            roots.append(d)
    out: list[tuple[Decision, int]] = []

    def walk(d: Decision, depth: int) -> None:
        out.append((d, depth))
        for child in sorted(children.get(d.id, []), key=lambda c: c.decided_at):
            walk(child, depth + 1)

    for root in sorted(roots, key=lambda d: d.decided_at, reverse=True):
        walk(root, 0)
    return out


class DecisionLog(KeyedTable):
    HELP = """
## Decisions log

Every decision across sessions, newest first, with its rationale and flags. A decision that was
later amended is dimmed and its amendments are listed under it. Enter shows its session. `y`
copies the selected decision as text for its case's own record and keeps that it was copied;
"Case record" says when, or "not copied" for a decision about a case not copied yet. A long log
shows its newest decisions first and adds older ones as you move down; `G` goes to the oldest.
"""

    def __init__(self) -> None:
        super().__init__("Decisions", id="decision-log")
        self._threaded: list[tuple[Decision, int]] = []
        self._amended: set[str] = set()
        self._copied: Mapping[str, CaseCopy] = {}
        self._adding = False

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Decision", key="text")
        self.add_column("Case", key="case")
        self.add_column("Case record", key="copied")
        self.add_column("Flags", key="flags")
        self.add_column("Rationale", key="rationale")

    def show(self, decisions: list[Decision], copied: Mapping[str, CaseCopy]) -> None:
        self._adding = True  # nothing to add while the table is cleared
        self.clear()
        self._adding = False
        self._amended = {d.amends for d in decisions if d.amends}
        self._copied = copied
        self._threaded = threaded(decisions)
        if not decisions:
            self.add_row("", Text("No decisions recorded yet.", style="italic"), "", "", "", "",
                         key="-")
        self._add_page()

    @property
    def shown_count(self) -> int:
        """Decisions listed so far (the rest are added as the cursor moves down)."""
        return self.row_count if self._threaded else 0

    def _add_page(self, until: int | None = None) -> None:
        """Add the next page of rows (or every row up to `until`)."""
        start = self.shown_count
        end = start + LOG_PAGE if until is None else until
        self._adding = True  # adding a row can move the cursor, which asks for more
        try:
            for d, depth in self._threaded[start:end]:
                self._add(d, depth)
        finally:
            self._adding = False
        total = len(self._threaded)
        self.border_subtitle = (f"newest {self.shown_count:,} of {total:,}"
                                if self.shown_count < total else "")

    def _add(self, d: Decision, depth: int) -> None:
        text = Text()
        if depth:
            text.append("  " * (depth - 1) + "↳ amended: ", style="italic")
        text.append(for_terminal(d.text, keep_lines=False),
                    style="dim" if d.id in self._amended else "")
        flags = ", ".join(f.value.replace("_", " ") for f in d.flags)
        copy = self._copied.get(d.id)
        record = (f"copied {fmt_date(copy.at)}" if copy is not None else
                  Text("not copied", style="yellow") if d.case_ref else "")
        self.add_row(fmt_date(d.decided_at), text, d.case_ref or "", record,
                     Text(flags, style="bold") if flags else "",
                     Text(for_terminal(d.rationale, keep_lines=False)), key=d.id)

    def _more_if_near_end(self, row: int) -> None:
        more = self.shown_count < len(self._threaded)
        if more and not self._adding and row >= self.row_count - max(self.size.height, 10):
            self._add_page()

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._more_if_near_end(new.row)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._more_if_near_end(int(new) + self.size.height)

    def action_last(self) -> None:
        if self.shown_count < len(self._threaded):
            self._add_page(until=len(self._threaded))
        super().action_last()
