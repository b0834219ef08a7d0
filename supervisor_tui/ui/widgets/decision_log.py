"""The running decisions log across sessions; each amendment is shown under its original."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from supervisor_tui.domain.decisions import CaseCopy, Decision
from supervisor_tui.domain.text_safety import for_terminal
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
"Case record" says when, or "not copied" for a decision about a case not copied yet.
"""

    def __init__(self) -> None:
        super().__init__("Decisions", id="decision-log")

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Decision", key="text")
        self.add_column("Case", key="case")
        self.add_column("Case record", key="copied")
        self.add_column("Flags", key="flags")
        self.add_column("Rationale", key="rationale")

    def show(self, decisions: list[Decision], copied: Mapping[str, CaseCopy]) -> None:
        self.clear()
        amended = {d.amends for d in decisions if d.amends}
        for d, depth in threaded(decisions):
            text = Text()
            if depth:
                text.append("  " * (depth - 1) + "↳ amended: ", style="italic")
            text.append(for_terminal(d.text, keep_lines=False),
                        style="dim" if d.id in amended else "")
            flags = ", ".join(f.value.replace("_", " ") for f in d.flags)
            copy = copied.get(d.id)
            record = (f"copied {fmt_date(copy.at)}" if copy is not None else
                      Text("not copied", style="yellow") if d.case_ref else "")
            self.add_row(fmt_date(d.decided_at), text, d.case_ref or "", record,
                         Text(flags, style="bold") if flags else "",
                         Text(for_terminal(d.rationale, keep_lines=False)), key=d.id)
        if not decisions:
            self.add_row("", Text("No decisions recorded yet.", style="italic"), "", "", "", "",
                         key="-")
