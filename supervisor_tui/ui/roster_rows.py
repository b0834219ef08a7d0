"""What the home screen's roster shows of each supervisee: its columns, and one home row as
a line of the table."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from supervisor_tui.services.home import HomeRow
from supervisor_tui.ui.format import fmt_balance, fmt_date, sparkline
from supervisor_tui.ui.widgets.roster_table import Column, Row

COLUMNS = [
    Column("Name", "name", shrink=12),
    Column("Role", "role", shrink=6, optional=True),
    Column("Last held", "last"),
    Column("Next due", "next"),
    Column("Overdue", "overdue"),
    Column("Open actions", "actions", shrink=8),
    Column("Wellbeing", "wellbeing", shrink=6, keep_end=True),
    Column("Balance", "balance"),
]


def table_row(row: HomeRow, today: date) -> Row:
    if row.damaged is not None:  # figures unknown: say so where they would be
        return Row(row.supervisee.id, (
            row.supervisee.name, row.supervisee.role,
            Text("file damaged", style="bold red"), "?", "?", "?", "", ""))
    s = row.summary
    actions = str(s.open_actions)
    if overdue := s.overdue_actions(today):
        actions += f" ({overdue} overdue)"
    return Row(row.supervisee.id, (
        row.supervisee.name,
        row.supervisee.role,
        fmt_date(s.last_held),
        fmt_date(row.due),
        Text(f"{row.late}d", style="bold red") if row.late else "",
        actions,
        sparkline(s.wellbeing),
        fmt_balance(s.balance),
    ))
