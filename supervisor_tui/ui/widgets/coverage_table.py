"""Case coverage: each case's last discussion and count; cases due marked, higher risk first."""

from __future__ import annotations

from rich.text import Text

from supervisor_tui.domain.coverage import CaseCoverage
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.widgets.keyed_table import KeyedTable

RISK_STYLE = {"high": "bold red", "medium": "yellow", "low": ""}


class CoverageTable(KeyedTable):
    HELP = """
## Case coverage

Each active case: when it was last discussed, how often, and how many held sessions since.
Cases due for discussion come first, higher risk first.
"""

    def __init__(self) -> None:
        super().__init__("Case coverage", id="coverage")

    def on_mount(self) -> None:
        self.add_column("Case", key="case")
        self.add_column("Risk", key="risk")
        self.add_column("Last discussed", key="last")
        self.add_column("Times", key="times")
        self.add_column("Sessions since", key="since")
        self.add_column("", key="due")

    def show(self, coverage: list[CaseCoverage]) -> None:
        self.clear()
        for c in coverage:
            risk = c.case.risk.value
            self.add_row(c.case.ref, Text(risk, style=RISK_STYLE[risk]),
                         fmt_date(c.last_discussed, "never"), str(c.times_discussed),
                         str(c.sessions_since),
                         Text("DUE", style="bold") if c.due else "", key=c.case.ref)
        if not coverage:
            self.add_row(Text("No active cases recorded.", style="italic"), "", "", "", "", "",
                         key="-")
