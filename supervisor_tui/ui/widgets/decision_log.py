"""The running decisions log across sessions; each amendment is shown under its original."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from supervisor_tui.domain.decisions import CaseCopy, Decision
from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.paged_table import PagedTable


class DecisionLog(PagedTable[tuple[Decision, int]]):
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
        self._amended: set[str] = set()
        self._copied: Mapping[str, CaseCopy] = {}

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Decision", key="text")
        self.add_column("Case", key="case")
        self.add_column("Case record", key="copied")
        self.add_column("Flags", key="flags")
        self.add_column("Rationale", key="rationale")

    def show(self, log: list[tuple[Decision, int]], copied: Mapping[str, CaseCopy]) -> None:
        """List the log (see `threaded`) from its newest decisions."""
        self._amended = {d.amends for d, _ in log if d.amends}
        self._copied = copied
        self.list_items(log)
        if not log:
            self.add_row("", Text("No decisions recorded yet.", style="italic"), "", "", "", "",
                         key="-")

    def item_key(self, item: tuple[Decision, int]) -> str:
        return item[0].id

    def add_item(self, item: tuple[Decision, int]) -> None:
        d, depth = item
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
