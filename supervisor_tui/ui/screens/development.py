"""One supervisee's learning goals and escalations: open ones first, each with its dated notes
below the table. `a` a new learning goal, `x` a new escalation or disagreement, `n` a dated
progress note, `c` closes one (met or resolved) with its outcome, `d` drops one with why.
Opened from home, history or a live session (where notes are tied to that session)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from supervisor_tui.domain.development import FollowUp, FollowUpKind
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.services.development import (
    FollowUps,
    close_follow_up,
    load_follow_ups,
    note_follow_up,
    raise_follow_up,
)
from supervisor_tui.services.errors import StoreError
from supervisor_tui.ui.dialogs.reason_prompt import ReasonPrompt
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import opens_dialog
from supervisor_tui.ui.read_only import ReadOnlyBanner, writes
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.keyed_table import KeyedTable

STATUS_STYLE = {"open": "bold", "met": "green", "resolved": "green", "dropped": "dim"}


def note_lines(item: FollowUp) -> list[str]:
    """What is known of one item, newest last: raised, each note, how it was closed."""
    raised = item.raised_on or item.raised_at.date()
    lines = [f"{fmt_date(raised)}  raised" + (f" with {item.detail}"
                                               if item.kind is FollowUpKind.ESCALATION
                                               else (f": {item.detail}" if item.detail else ""))]
    lines += [f"{fmt_date(n.at)}  {n.text}" for n in item.notes]
    if item.closed_at is not None:
        lines.append(f"{fmt_date(item.closed_at)}  {item.status.value}: {item.outcome}")
    return lines


class DevelopmentScreen(Screen[None]):
    HELP = """
# Goals and escalations

Learning goals (what, why, by when) and escalations or disagreements (what, raised with whom,
when) stay open from session to session until closed in the open. Open escalations come back
on every agenda, and learning goals as their date comes near (four weeks ahead). `a` adds a
learning goal, `x` an escalation or disagreement, `n` a dated progress note on the selected
one, `c` closes it as met or resolved with the outcome, `d` drops it with the reason. Nothing is
deleted: the notes below the table show the whole story, dated.
"""
    CSS_PATH = "development.tcss"
    BINDINGS = [
        Binding("a", "raise('goal')", "New goal", id="development.goal"),
        Binding("x", "raise('escalation')", "New escalation", id="development.escalation"),
        Binding("n", "note", "Progress note", id="development.note"),
        Binding("c", "close_item(False)", "Met/resolved", id="development.close"),
        Binding("d", "close_item(True)", "Drop", id="development.drop"),
        Binding("escape", "back", "Back", id="development.back"),
    ]

    def __init__(self, supervisee_id: str, session_id: str | None = None) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.session_id = session_id
        """The live session this is opened from: notes and new items are tied to it."""
        self.data: FollowUps | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        yield KeyedTable("Goals and escalations", id="development-table")
        notes = Static("", id="development-notes", markup=False)
        notes.border_title = "Notes"
        yield notes
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#development-table", KeyedTable)
        for label, key in (("Status", "status"), ("Kind", "kind"), ("By / follow up", "due"),
                           ("What", "what"), ("Why / with whom", "detail"),
                           ("Raised", "raised")):
            table.add_column(label, key=key)
        self.load()

    @work(exclusive=True, group="development-load")
    async def load(self, select: str | None = None) -> None:
        self.data = await service(self).run(load_follow_ups, self.supervisee_id)
        self.show(select)

    @property
    def today(self) -> date:
        return host(self).clock().date()

    def show(self, select: str | None) -> None:
        assert self.data is not None
        table = self.query_one("#development-table", KeyedTable)
        table.border_title = f"Goals and escalations: {self.data.name}"
        table.clear()
        for f in self.data.items:
            late = f.is_open and f.due is not None and f.due < self.today
            table.add_row(
                Text(f.status.value, style=STATUS_STYLE[f.status.value]), f.kind.value,
                Text(fmt_date(f.due, "—"), style="red" if late else ""),
                Text(f.what), Text(f.detail), fmt_date(f.raised_on or f.raised_at.date()),
                key=f.id)
        if not self.data.items:
            table.add_row("", "", "", Text("None yet: a adds a learning goal, x an escalation.",
                                            style="italic"), "", "", key="-")
        ids = [f.id for f in self.data.items]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        self.show_notes()
        table.focus()

    def selected(self) -> FollowUp | None:
        key = self.query_one("#development-table", KeyedTable).selected_key
        if self.data is None:
            return None
        return next((f for f in self.data.items if f.id == key), None)

    @on(DataTable.RowHighlighted)
    def show_notes(self) -> None:
        item = self.selected()
        text = "\n".join(note_lines(item)) if item else "—"
        self.query_one("#development-notes", Static).update(text)

    def action_back(self) -> None:
        self.dismiss(None)

    @opens_dialog
    @writes
    @work(exclusive=True, group="development-edit")
    async def action_raise(self, kind: str) -> None:
        from supervisor_tui.ui.dialogs.follow_up_form import FollowUpForm

        draft = await self.app.push_screen_wait(FollowUpForm(
            FollowUpKind.GOAL if kind == "goal" else FollowUpKind.ESCALATION))
        if draft is None:
            return
        try:
            item = await service(self).save(raise_follow_up, self.supervisee_id, draft,
                                           self.session_id)
        except (StoreError, ValidationError) as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.notify(f"{item.kind.value.capitalize()} added.")
        self.load(item.id)

    def _open_selected(self) -> FollowUp | None:
        item = self.selected()
        if item is None:
            self.notify("Move to a goal or escalation first.")
        elif not item.is_open:
            self.notify(f"This {item.kind.value} is closed; it stays as recorded.")
            return None
        return item

    @opens_dialog
    @writes
    @work(exclusive=True, group="development-edit")
    async def action_note(self) -> None:
        if (item := self._open_selected()) is None:
            return
        text = await self.app.push_screen_wait(ReasonPrompt(
            "Progress note", f"What has happened with: {item.what}", "kept, dated"))
        if text is None:
            return
        try:
            await service(self).save(note_follow_up, self.supervisee_id, item.id, text,
                                    self.session_id)
        except (StoreError, ValidationError) as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.load(item.id)

    @opens_dialog
    @writes
    @work(exclusive=True, group="development-edit")
    async def action_close_item(self, dropped: bool) -> None:
        if (item := self._open_selected()) is None:
            return
        done = item.done_status.value
        title = f"Drop this {item.kind.value}" if dropped else f"Mark it {done}"
        question = (f"Why is it dropped? ({item.what})" if dropped
                    else f"The outcome: {item.what}")
        outcome = await self.app.push_screen_wait(ReasonPrompt(title, question, "kept"))
        if outcome is None:
            return
        try:
            await service(self).save(close_follow_up, self.supervisee_id, item.id, dropped,
                                    outcome)
        except (StoreError, ValidationError) as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.notify(f"{item.kind.value.capitalize()} {'dropped' if dropped else done}.")
        self.load(item.id)
