"""One supervisee's caseload: every case with its risk, when that was reviewed and when it was
last discussed; add, edit, close or reopen a case. The changes to the selected case are listed
below, each dated."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from supervisor_tui.domain.people import Case, ValidationError
from supervisor_tui.services.caseload import (
    CaseEdit,
    Caseload,
    add_case,
    close,
    edit_case,
    load_caseload,
    reopen,
)
from supervisor_tui.services.errors import StoreError
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.host import service
from supervisor_tui.ui.keys_ahead import opens_dialog
from supervisor_tui.ui.read_only import ReadOnlyBanner, writes
from supervisor_tui.ui.widgets.coverage_table import RISK_STYLE
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.keyed_table import KeyedTable


class CaseloadScreen(Screen[None]):
    HELP = """
# Caseload

Every case of this supervisee, known by initials or a case number, never a name. Open cases
come first; a case whose risk calls for discussion and that was not discussed recently is
marked DUE (it is offered on the next agenda). `a` adds a case, `e` (or enter) edits its risk,
review date, label or allocation date, `x` closes it (or reopens a closed one). Every change is
dated and kept with the case, and shown below the table.
"""
    CSS_PATH = "caseload.tcss"
    BINDINGS = [
        Binding("a", "add", "Add case", id="caseload.add"),
        Binding("e", "edit", "Edit", id="caseload.edit"),
        Binding("x", "close_case", "Close/reopen", id="caseload.close"),
        Binding("escape", "back", "Back", id="caseload.back"),
    ]

    def __init__(self, supervisee_id: str) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.caseload: Caseload | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        yield KeyedTable("Caseload", id="caseload-table")
        changes = Static("", id="case-changes", markup=False)
        changes.border_title = "Changes"
        yield changes
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#caseload-table", KeyedTable)
        for label, key in (("Case", "ref"), ("Risk", "risk"), ("Reviewed", "reviewed"),
                           ("Last discussed", "last"), ("Since", "since"), ("", "state"),
                           ("Label", "label")):
            table.add_column(label, key=key)
        self.load()

    @work(exclusive=True, group="caseload-load")
    async def load(self, select: str | None = None) -> None:
        self.caseload = await service(self).run(load_caseload, self.supervisee_id)
        self.show(select)

    def show(self, select: str | None) -> None:
        assert self.caseload is not None
        table = self.query_one("#caseload-table", KeyedTable)
        table.border_title = f"Caseload: {self.caseload.name}"
        table.clear()
        for case in self.caseload.cases:
            covered = self.caseload.coverage.get(case.ref)
            risk = case.risk.value
            if not case.active:
                state = Text("closed", style="dim")
            elif covered is not None and covered.due:
                state = Text("DUE", style="bold")
            else:
                state = Text("")
            table.add_row(
                case.ref, Text(risk, style=RISK_STYLE[risk] if case.active else "dim"),
                fmt_date(case.risk_reviewed),
                fmt_date(covered.last_discussed, "never") if covered else "—",
                str(covered.sessions_since) if covered else "—", state, case.label,
                key=case.ref)
        if not self.caseload.cases:
            table.add_row(Text("No cases yet: press a to add one.", style="italic"),
                          "", "", "", "", "", "", key="-")
        refs = [c.ref for c in self.caseload.cases]
        if select in refs:
            table.move_cursor(row=refs.index(select))
        self.show_changes()
        table.focus()

    def selected(self) -> Case | None:
        key = self.query_one("#caseload-table", KeyedTable).selected_key
        if self.caseload is None:
            return None
        return next((c for c in self.caseload.cases if c.ref == key), None)

    @on(DataTable.RowHighlighted)
    def show_changes(self) -> None:
        case = self.selected()
        lines = [f"{fmt_date(c.at)}  {c.what}" for c in reversed(case.changes)] if case else []
        self.query_one("#case-changes", Static).update("\n".join(lines) or "—")

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        self.action_edit()

    def action_back(self) -> None:
        self.dismiss(None)

    @opens_dialog
    @writes
    @work(exclusive=True, group="caseload-edit")
    async def action_add(self) -> None:
        from supervisor_tui.ui.dialogs.case_form import CaseForm

        if self.caseload is None:
            return
        edit = await self.app.push_screen_wait(CaseForm(self.caseload.cases))
        if edit is not None:
            await self._change(edit, adding=True)

    @opens_dialog
    @writes
    @work(exclusive=True, group="caseload-edit")
    async def action_edit(self) -> None:
        from supervisor_tui.ui.dialogs.case_form import CaseForm

        case = self.selected()
        if case is None or self.caseload is None:
            return
        edit = await self.app.push_screen_wait(CaseForm(self.caseload.cases, case))
        if edit is not None:
            await self._change(edit, adding=False)

    async def _change(self, edit: CaseEdit, adding: bool) -> None:
        try:
            if adding:
                await service(self).save(add_case, self.supervisee_id, edit)
                done = f"{edit.ref} added to the caseload."
            else:
                changed = await service(self).save(edit_case, self.supervisee_id, edit)
                done = (f"{edit.ref}: {'; '.join(changed)}." if changed
                        else f"{edit.ref}: nothing changed.")
        except (ValidationError, StoreError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.notify(done)
        self.load(edit.ref)

    @opens_dialog
    @writes
    @work(exclusive=True, group="caseload-edit")
    async def action_close_case(self) -> None:
        case = self.selected()
        if case is None:
            return
        question = (f"Close {case.ref}? It leaves the coverage and the agenda; its history stays."
                    if case.active else f"Reopen {case.ref}?")
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        try:
            if case.active:
                await service(self).save(close, self.supervisee_id, case.ref)
            else:
                await service(self).save(reopen, self.supervisee_id, case.ref)
        except (ValidationError, StoreError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.notify(f"{case.ref} {'closed' if case.active else 'reopened'}.")
        self.load(case.ref)
