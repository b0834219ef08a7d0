"""The audit screen: a date range typed freely (each date shown back as read), the figures per
supervisee and overall, and an export of the table to CSV."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from supervisor_tui.domain.dates import describe_day
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.reports.audit import (
    TABLE_HEADINGS,
    Audit,
    audit_csv,
    cancellation_warnings,
    table_cells,
)
from supervisor_tui.services.audit import parse_period, run_audit
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.exports import write_export
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.export_path import ExportPathScreen
from supervisor_tui.ui.focus import SubmitInPlace, focus_now
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.widgets.key_footer import KeyFooter


def reading_title(done: int, total: int, width: int = 20) -> str:
    """The audit table's title while everyone's records are read: a bar and a count."""
    filled = round(width * done / total) if total > 0 else width
    filled = max(0, min(width, filled))
    return (f"Audit (t): reading the records {'━' * filled}{'╺' if filled < width else ''}"
            f"{'─' * max(0, width - filled - 1)} {done} of {total} people")


class AuditScreen(SubmitInPlace, Screen[None]):
    HELP = """
# Audit

Supervision figures for a period, per supervisee and overall: sessions held against the number
the agreement plans, cancellations and their reasons, the balance of functions (share of agenda
items tagged normative / formative / restorative / mediation), decisions with and without a case
reference, actions open and overdue at the end of the period, mean opening and closing check-in
and the trend of opening scores, and the share of records finalised and signed off.

Type the dates as you like ("1 jan", "2026-03-31", "today"); how each was read is shown under
them. Enter runs the audit; ctrl+s saves the table as a CSV file.
"""
    CSS_PATH = "audit.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="audit.back"),
        Binding("ctrl+r", "run", "Run audit", id="audit.run"),
        Binding("ctrl+s", "export_csv", "Export CSV", id="audit.export-csv"),
        Binding("p", "focus_period", "Period", id="audit.focus-period"),
        Binding("t", "focus_table", "Table", id="audit.focus-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.audit: Audit | None = None

    def compose(self) -> ComposeResult:
        today = host(self).clock().date()
        yield Header()
        with Vertical(id="audit-period", classes="pane") as period:
            period.border_title = "Period (p)"
            with Horizontal(id="audit-dates"):
                yield Label("From", classes="field")
                yield Input((today - relativedelta(months=3)).isoformat(), id="audit-from",
                            placeholder='e.g. 2026-01-01 or "1 jan"')
                yield Label("To", classes="field")
                yield Input(today.isoformat(), id="audit-to", placeholder='e.g. "today"')
            yield Label("", id="audit-reading")
        table: DataTable[str | Text] = DataTable(id="audit-table", classes="pane",
                                                 cursor_type="row", zebra_stripes=True)
        table.border_title = "Audit (t)"
        yield table
        cancelled = Static("", id="audit-cancellations", classes="pane")
        cancelled.border_title = "Cancellations"
        yield cancelled
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for heading in TABLE_HEADINGS:
            table.add_column(heading)
        self.read_period()
        self.action_run()

    # -- the period --------------------------------------------------------------------------
    def read_period(self) -> tuple[date, date] | None:
        """Parse both dates and show how they were read; None (with a message) if not usable."""
        today = host(self).clock().date()
        reading = self.query_one("#audit-reading", Label)
        try:
            start, end = parse_period(self.query_one("#audit-from", Input).value,
                                      self.query_one("#audit-to", Input).value, today)
        except ValidationError as exc:
            reading.update(Text(str(exc), style="bold red"))
            return None
        reading.update(f"From {describe_day(start, today)} to {describe_day(end, today)}. "
                       "Press enter to run.")
        return start, end

    def on_input_changed(self, event: Input.Changed) -> None:
        self.read_period()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.read_period() is not None:
            self.action_run()
            focus_now(self.query_one(DataTable))

    # -- actions -----------------------------------------------------------------------------
    def action_run(self) -> None:
        period = self.read_period()
        if period is not None:
            self.load(*period)

    @work(exclusive=True, group="audit-load")
    async def load(self, start: date, end: date) -> None:
        table = self.query_one(DataTable)
        table.border_title = "Audit (t): reading the records…"
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:  # on the writer thread
            loop.call_soon_threadsafe(self.show_reading, done, total)

        try:
            audit = await service(self).run(run_audit, start, end, progress)
        except StoreError as exc:
            table.border_title = "Audit (t)"
            self.notify(str(exc), title="Could not read the records", severity="error")
            return
        self.audit = audit
        self.show(audit)

    def show_reading(self, done: int, total: int) -> None:
        """How far the audit has read (it reads everyone's whole history)."""
        if self.is_mounted:
            self.query_one(DataTable).border_title = reading_title(done, total)

    def show(self, audit: Audit) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in audit.rows:
            table.add_row(*table_cells(row), key=row.supervisee_id)
        table.add_row(*(Text(c, style="bold") for c in table_cells(audit.overall)), key="overall")
        table.border_title = (f"Audit (t): {audit.start.isoformat()} to {audit.end.isoformat()}, "
                              f"actions as of {audit.as_of.isoformat()}")
        warn_at = host(self).config.cancellation_warning
        lines = [f"Repeated: {w}" for w in cancellation_warnings(audit, warn_at)]
        lines += [f"{c.day.isoformat()}  {c.name}, by {c.by}: {c.reason}"
                  for c in audit.overall.cancellations]
        self.query_one("#audit-cancellations", Static).update(
            "\n".join(lines) if lines else "No cancellations in this period.")

    @work(exclusive=True, group="audit-export")
    async def action_export_csv(self) -> None:
        audit = self.audit
        if audit is None:
            self.notify("Run the audit first.", severity="warning")
            return
        name = f"supervision-audit-{audit.start.isoformat()}-to-{audit.end.isoformat()}.csv"
        path = await self.app.push_screen_wait(
            ExportPathScreen("Export the audit as CSV", Path.home() / name))
        if path is None:
            return
        if path.exists():
            question = f"{path} exists. Replace it?"
            if not await self.app.push_screen_wait(ConfirmScreen(question, "Replace", "Keep")):
                return
        try:
            await service(self).save(write_export, path, audit_csv(audit))
        except StoreError as exc:
            self.notify(str(exc), title="Not exported", severity="error")
            return
        self.notify(f"Saved the audit to {path}.")

    def action_back(self) -> None:
        self.dismiss()

    def action_focus_period(self) -> None:
        focus_now(self.query_one("#audit-from", Input))

    def action_focus_table(self) -> None:
        focus_now(self.query_one(DataTable))
