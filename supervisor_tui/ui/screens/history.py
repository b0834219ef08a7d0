"""History and review of one supervisee: sessions newest first beside the selected record, the
running decisions log, open actions, case coverage, and function balance with wellbeing."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from functools import partial
from typing import Concatenate, ParamSpec

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, TabbedContent, TabPane
from textual.widgets.data_table import RowDoesNotExist

from supervisor_tui.domain.codec import DecodeError, from_dict
from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.people import FirstTryKept, ValidationError
from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.session import RecordEntry, Session
from supervisor_tui.reports.record import session_markdown
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.history import (
    History,
    add_record_entry,
    close_action,
    copy_to_case_record,
    load_history,
    redate_action,
    sign_off_later,
)
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.ui.dialogs.action_forms import CloseActionScreen, RedateScreen
from supervisor_tui.ui.dialogs.entry_form import EntryForm
from supervisor_tui.ui.drafts import open_keeping, save_dropping, take_back
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import opens_dialog
from supervisor_tui.ui.landing import landed
from supervisor_tui.ui.navigation import SessionJump
from supervisor_tui.ui.read_only import ReadOnlyBanner, writes
from supervisor_tui.ui.widgets.action_list import ActionList
from supervisor_tui.ui.widgets.balance_chart import BalanceChart
from supervisor_tui.ui.widgets.coverage_table import CoverageTable
from supervisor_tui.ui.widgets.decision_log import DecisionLog
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.session_list import SessionList

P = ParamSpec("P")

NOTES = {
    SessionStatus.FINALISED: "finalised · read-only",
    SessionStatus.IN_PROGRESS: "in progress",
    SessionStatus.PLANNED: "planned",
    SessionStatus.CANCELLED: "cancelled",
    SessionStatus.DISCARDED: "discarded · never held",
}
REVIEW_TABS = {"decisions": DecisionLog, "actions": ActionList, "coverage": CoverageTable,
               "balance": BalanceChart}



class HistoryScreen(Screen[None]):
    HELP = """
# History and review

One supervisee's sessions, newest first, beside the selected session's record. Below, the
running decisions log, open actions, case coverage and function balance with wellbeing.
A finalised record is read-only: corrections are amendments (with a reason) and additions are
late entries, both added to the record labelled, leaving the original as it was. s signs off a
finalised record later, for the person whose history this is: the record shows it was signed
later, and when.
"""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("l", "focus_list", "Sessions", id="history.focus-list"),
        Binding("r", "focus_record", "Record", id="history.focus-record"),
        Binding("d", "review('decisions')", "Decisions", id="history.decisions", show=False),
        Binding("o", "review('actions')", "Open actions", id="history.actions", show=False),
        Binding("c", "review('coverage')", "Case coverage", id="history.coverage", show=False),
        Binding("b", "review('balance')", "Balance", id="history.balance", show=False),
        Binding("e", "add_entry", "Amend/late entry", id="history.entry"),
        Binding("s", "sign_off", "Sign off", id="history.sign-off"),
        Binding("slash", "search", "Search", id="history.search"),
        Binding("f", "caseload", "Caseload", id="history.caseload"),
        Binding("v", "development", "Goals and escalations", id="history.development"),
        Binding("y", "copy_to_case_record", "Copy to case record",
                id="history.copy-to-case-record"),
    ]

    def __init__(self, supervisee_id: str, select: str | None = None,
                 find: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.history: History | None = None
        self._select = select
        self.find = find
        """Words searched for: marked in the record of the session opened from the search."""
        self.prompt_texts: dict[str, str] = {}
        """Prompt wording by id, so the record names the prompts used."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        with Horizontal(id="history-top"):
            yield SessionList()
            yield RecordView()
        with Vertical(id="review", classes="pane") as review:
            review.border_title = "Review"
            with TabbedContent(initial="decisions"):
                with TabPane("Decisions (d)", id="decisions"):
                    yield DecisionLog()
                with TabPane("Open actions (o)", id="actions"):
                    yield ActionList()
                with TabPane("Coverage (c)", id="coverage"):
                    yield CoverageTable()
                with TabPane("Balance (b)", id="balance"):
                    yield BalanceChart()
        yield KeyFooter()

    def on_mount(self) -> None:
        focus_now(self.query_one(SessionList))
        self.reload(self._select)

    def on_screen_resume(self) -> None:
        if self.history is not None:  # back from another screen: records may have changed
            self.reload()

    # -- loading and showing -----------------------------------------------------------------
    @work(exclusive=True, group="history-load")
    async def reload(self, select: str | None = None) -> None:
        if not self.prompt_texts:
            from supervisor_tui.prompts.loader import PromptLibraryError
            from supervisor_tui.ui.prompt_library import load_prompt_library

            try:
                library = await load_prompt_library(self)
            except (PromptLibraryError, OSError):
                library = []  # the record then shows prompt ids instead of their wording
            self.prompt_texts = {p.id: p.text for p in library}
        try:
            self.history = await service(self).run(load_history, self.supervisee_id)
        except StoreError as exc:
            self.notify(str(exc), title="Could not read the history", severity="error")
            return
        self.show_history(select)

    def show_history(self, select: str | None) -> None:
        h = self.history
        assert h is not None
        today = host(self).clock().date()
        self.title = f"History: {h.supervisee.name}"
        held = sum(1 for s in h.sessions if s.held)
        self.sub_title = f"{h.supervisee.role} · {held} held sessions".lstrip(" ·")
        self.query_one(SessionList).show(h.sessions, h.decision_counts, select)
        self.query_one(DecisionLog).show(h.log, h.copied)
        self.query_one(ActionList).show(h.actions, today)
        self.query_one(CoverageTable).show(h.coverage)
        self.query_one(BalanceChart).show(h.balance, h.wellbeing, h.group_balance)
        if not h.sessions:
            self.query_one(RecordView).show("No sessions recorded yet.", "")
        else:
            self.show_record(self.query_one(SessionList).selected_key)

    @property
    def selected_session(self) -> Session | None:
        key = self.query_one(SessionList).selected_key
        if self.history is None or key is None:
            return None
        return next((s for s in self.history.sessions if s.id == key), None)

    def show_record(self, session_id: str | None) -> None:
        h = self.history
        session = next((s for s in h.sessions if s.id == session_id), None) if h else None
        if h is None or session is None:
            return
        text = session_markdown(session, h.names, h.decisions, h.actions, QUALITY_QUESTIONS,
                                self.prompt_texts, h.cases, own=self.supervisee_id)
        terms = self.find if session.id == self._select else ()
        self.query_one(RecordView).show(text, NOTES[session.status], session.id, terms)

    @on(DataTable.RowHighlighted, "#sessions")
    def session_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_record(event.row_key.value)

    @on(DataTable.RowSelected, "#decision-log")
    def decision_chosen(self, event: DataTable.RowSelected) -> None:
        found = [d for d in (self.history.decisions if self.history else [])
                 if d.id == event.row_key.value]
        if found:
            self.select_session(found[0].session_id)

    @on(DataTable.RowSelected, "#action-list")
    def action_chosen(self, event: DataTable.RowSelected) -> None:
        action = self.query_one(ActionList).actions.get(event.row_key.value or "")
        if action:
            self.select_session(action.session_id)

    def select_session(self, session_id: str) -> None:
        sessions = self.query_one(SessionList)
        try:
            sessions.reveal(session_id)
            row = sessions.get_row_index(session_id)
        except RowDoesNotExist:
            self.notify("That session is not in this history.", severity="warning")
            return
        sessions.move_cursor(row=row)
        focus_now(sessions)

    # -- keys --------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_focus_list(self) -> None:
        focus_now(self.query_one(SessionList))

    def action_focus_record(self) -> None:
        focus_now(self.query_one(RecordView))

    def action_review(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus_now(self.query_one(REVIEW_TABS[tab]))

    @opens_dialog
    @writes
    @work(exclusive=True, group="history-edit")
    async def action_copy_to_case_record(self) -> None:
        """The selected decision of the log as text for its case record (shown, and put on
        the clipboard), kept as copied."""
        from supervisor_tui.ui.dialogs.case_record import CaseRecordScreen

        self.action_review("decisions")
        decision_id = self.query_one(DecisionLog).selected_key
        if decision_id in (None, "-"):
            self.notify("Choose a decision in the decisions log (d) first.")
            return
        try:
            found = await service(self).save(copy_to_case_record, self.supervisee_id,
                                            decision_id)
        except (StoreError, ValidationError) as exc:
            self.notify(str(exc), title="Not copied", severity="error")
            return
        await self.app.push_screen_wait(CaseRecordScreen(found))  # history reloads after

    def action_caseload(self) -> None:
        from supervisor_tui.ui.screens.caseload import CaseloadScreen

        self.app.push_screen(CaseloadScreen(self.supervisee_id))

    def action_development(self) -> None:
        from supervisor_tui.ui.screens.development import DevelopmentScreen

        self.app.push_screen(DevelopmentScreen(self.supervisee_id))

    def action_search(self) -> None:
        from supervisor_tui.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.supervisee_id), self.follow_jump)

    def follow_jump(self, jump: SessionJump | None) -> None:
        if jump is None:
            return
        if jump.supervisee_id == self.supervisee_id:
            self._select, self.find = jump.session_id, jump.terms
            self.select_session(jump.session_id)
            self.show_record(jump.session_id)  # the words found are marked even if shown
        else:
            self.app.push_screen(HistoryScreen(jump.supervisee_id, select=jump.session_id,
                                               find=jump.terms))

    @opens_dialog
    @writes
    @work(exclusive=True, group="history-edit")
    async def action_add_entry(self) -> None:
        session = self.selected_session
        if session is None or self.history is None:
            return
        if not session.is_finalised:
            self.notify("Amendments and late entries are for finalised records; this session "
                        f"is {session.status.value.replace('_', ' ')}.", severity="warning")
            return
        label = f"{self.history.supervisee.name}, {fmt_date(session.when)}"
        sid, kind = self.supervisee_id, f"entry:{session.id}"
        draft = None
        if (doc := await take_back(self, sid, kind)) is not None:
            with contextlib.suppress(DecodeError):
                draft = from_dict(RecordEntry, doc)

        async def lands(entry: RecordEntry) -> None:
            heading = entry.kind.heading
            try:
                await landed(self, save_dropping(
                    self, sid, kind, add_record_entry, self.supervisee_id, session.id,
                    copy.deepcopy(entry)), heading,
                    partial(self.edited, f"{heading} added to the record.", session.id))
            except FirstTryKept:  # the first try is in the record: show it there
                self.reload(session.id)
                raise

        form = EntryForm(label, host(self).clock, draft)
        form.lands = lands  # saved before the form closes; a failure is said in the form
        await open_keeping(self, form, sid, kind)

    def edited(self, message: str, select: str | None = None, _saved: object = None) -> None:
        """An edit of the record has landed: say so and show the record again."""
        self.notify(message)
        self.reload(select)

    async def edit(self, what: str, done: str, select: str | None,
                   job: Callable[Concatenate[Workspace, P], object],
                   *args: P.args, **kwargs: P.kwargs) -> None:
        """Run one edit of the record on the writer; once it lands, say `done` and show the
        record again, also if this worker is cancelled meanwhile (`landed`). A refusal is
        said."""
        try:
            await landed(self, service(self).submit(job, *args, **kwargs), what,
                         partial(self.edited, done, select))
        except (StoreError, ValidationError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")

    @opens_dialog
    @writes
    @work(exclusive=True, group="history-edit")
    async def action_sign_off(self) -> None:
        """The supervisee signs off a finalised record later (who and when are kept)."""
        from supervisor_tui.ui.dialogs.closing import SignOffScreen

        session = self.selected_session
        if session is None or self.history is None:
            return
        if not session.is_finalised:
            self.notify("Only a finalised record is signed off; this session is "
                        f"{session.status.value.replace('_', ' ')}.", severity="warning")
            return
        sid = self.supervisee_id
        if any(s.supervisee_id == sid for s in session.signoffs):
            self.notify(f"{self.history.supervisee.name} has already signed off this record.")
            return
        signoff = await self.app.push_screen_wait(SignOffScreen(
            sid, self.history.supervisee.name, fmt_date(session.when)))
        if signoff is None:
            return
        await self.edit("The sign-off", "Signed off; the record shows it was signed later.",
                        session.id, sign_off_later, sid, session.id, signoff.initials)

    @on(ActionList.CloseRequested)
    @work(exclusive=True, group="history-edit")
    async def close_requested(self, message: ActionList.CloseRequested) -> None:
        action = self.query_one(ActionList).actions.get(message.action_id)
        if action is None:
            return
        status = await self.app.push_screen_wait(CloseActionScreen(action))
        if status is None:
            return
        await self.edit("The action", f"Action marked {status.value}.", None,
                        close_action, self.supervisee_id, action.id, status)

    @on(ActionList.RedateRequested)
    @work(exclusive=True, group="history-edit")
    async def redate_requested(self, message: ActionList.RedateRequested) -> None:
        action = self.query_one(ActionList).actions.get(message.action_id)
        if action is None:
            return
        due = await self.app.push_screen_wait(RedateScreen(action, host(self).clock().date()))
        if due is None:
            return
        await self.edit("The new date", f"Action now due {fmt_date(due)}.", None,
                        redate_action, self.supervisee_id, action.id, due)
