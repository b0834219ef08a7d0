"""The live session: agenda, prompts, notes and decisions panes under a running clock.

The screen holds the one in-memory `Session` the panes share. Structural changes (agenda,
check-ins, prompts used, the close) are saved with `live.save_session`; the notes pane
autosaves its text with `live.save_notes`. Both send a deep copy to the single writer, in
order, so the newest save always carries everything.

Flow: opening check-in per attendee -> the session -> End (F9): closing check-in per attendee,
the closing checklist, finalise and save, optional sign-off per attendee -> home.
"""

from __future__ import annotations

import asyncio
import copy

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import Screen
from textual.worker import Worker

from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.prompts import REFLECTIVE, Prompt, filter_prompts
from supervisor_tui.domain.session import CheckIn
from supervisor_tui.prompts.loader import PromptLibraryError, add_user_prompt
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import (
    LiveSession,
    save_session,
)
from supervisor_tui.ui.case_offers import CaseOffers
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import ClosingScreen
from supervisor_tui.ui.drafts import drop, open_keeping, take_back
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import opens_dialog
from supervisor_tui.ui.private_step import private_step
from supervisor_tui.ui.prompt_library import user_prompts_path
from supervisor_tui.ui.session_call_off import call_off
from supervisor_tui.ui.session_close import plan_next_date_in_diary, sign_offs
from supervisor_tui.ui.widgets.agenda_pane import AgendaPane
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from supervisor_tui.ui.widgets.prompts_pane import PromptsPane
from supervisor_tui.ui.widgets.session_header import SessionHeader

#: Pane name -> the widget that takes focus for it.
PANE_FOCUS = {
    "agenda": "#agenda-list",
    "prompts": "#prompt-list",
    "notes": "#notes-text",
    "decisions": "#decisions",
}


class SessionScreen(Screen[None]):
    HELP = """
# Live session

Four panes: F2 agenda, F3 prompts, F4 notes, F5 decisions; the focused pane is highlighted.
The header shows elapsed and remaining time against the agreed length, and the time box of the
item you have taken up. Notes save by themselves. F8 redoes the opening check-in; F9 ends the
session: closing check-in, the quality checklist, then the record is finalised and can be
signed off. Escape goes home; the session stays open and `s` on home resumes it (for a
group session, `s` on any attendee). A case named in an agenda item, a decision or an action
that is not on the caseload is said once; F6 then its risk (l, m, h) adds it. In a group, F7
is the private step: each attendee alone sees and ticks off their own open actions. ctrl+o
opens the supervisee's learning goals and escalations; ctrl+r their private support note. F10 puts a
mistake right: a session started by accident, with nothing recorded yet, is discarded (it never
counts as held); one that began but cannot go on is cancelled with a reason, keeping what was
recorded.
"""
    CSS_PATH = "session.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f2", "focus_pane('agenda')", "Agenda", id="session.focus-agenda",
                priority=True),
        Binding("f3", "focus_pane('prompts')", "Prompts", id="session.focus-prompts",
                priority=True),
        Binding("f4", "focus_pane('notes')", "Notes", id="session.focus-notes", priority=True),
        Binding("f5", "focus_pane('decisions')", "Decisions", id="session.focus-decisions",
                priority=True),
        # Above the notes' own F6 and F7 (select line and select all).
        Binding("f6", "add_case", "Add case", id="session.add-case", priority=True),
        Binding("f7", "private_step", "Private step", id="session.private-step",
                priority=True),
        Binding("ctrl+o", "development", "Goals/escalations", id="session.development",
                priority=True),
        Binding("ctrl+r", "support_note", "Support note", id="session.support-note",
                priority=True),
        Binding("f8", "checkin", "Check-in", id="session.checkin"),
        Binding("f9", "end", "End session", id="session.end"),
        Binding("f10", "call_off", "Discard/cancel session", id="session.call-off"),
        Binding("escape", "home", "Home", id="session.home"),
    ]

    def __init__(self, live: LiveSession, prompts: list[Prompt]) -> None:
        super().__init__()
        self.session = live.session
        self.names = live.names
        self.prompts = prompts
        self.structure_dirty = False
        self.drafts_in_session: list[tuple[str, str]] = []
        """Drafts (person, kind) whose answer is in the session but not yet on disk: dropped
        by the first save that succeeds, so none is handed back once its answer is saved."""
        self.ending = False
        sid = self.session.supervisee_ids[0]
        self.case_offers = CaseOffers(self, sid, self.names.get(sid, ""), live.session.is_group)

    def compose(self) -> ComposeResult:
        session = self.session
        yield SessionHeader(session, self.names)
        with Grid(id="session-grid"):
            yield AgendaPane(session)
            yield NotesPane(session)
            yield PromptsPane(session, self.prompts)
            decisions = DecisionsPane(session, session.supervisee_ids[0])
            decisions.border_title = "Decisions F5"
            yield decisions
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.query(NotesPane):  # the app closed as this screen was pushed
            return
        self.action_focus_pane("notes")
        if not self.session.is_finalised:
            self.opening_checkins()

    @property
    def notes(self) -> NotesPane:
        return self.query_one(NotesPane)

    @property
    def agenda(self) -> AgendaPane:
        return self.query_one(AgendaPane)

    # -- saving --------------------------------------------------------------------------------
    async def save_session(self) -> bool:
        """Save the whole session (structure and notes as they stand) through the writer."""
        self.structure_dirty = True
        try:
            await service(self).save(save_session, copy.deepcopy(self.session))
        except Exception as exc:  # kept in memory; saved again with the next change or flush
            reason = str(exc) if isinstance(exc, StoreError) else type(exc).__name__
            self.notify(f"Could not save the session ({reason}). It stays on screen and is "
                        "saved again with the next change.", severity="error", timeout=8)
            return False
        self.structure_dirty = False
        for sid, kind in self.drafts_in_session:
            drop(self, sid, kind)
        self.drafts_in_session.clear()
        return True

    async def save_dropping(self, supervisee_id: str, kind: str) -> bool:
        """Save the session, which now holds what a form gave, and drop that form's draft
        once it is saved (now, or with the next save that succeeds)."""
        self.drafts_in_session.append((supervisee_id, kind))
        return await self.save_session()

    def save_soon(self) -> None:
        self.run_worker(self.save_session(), group="session-save", exit_on_error=False)

    async def flush_pending(self) -> bool:
        """Everything typed or changed is on disk when this returns True (awaited on quit)."""
        ok = await self.notes.flush()
        if self.structure_dirty:
            ok = await self.save_session() and ok
        return ok

    def on_screen_suspend(self) -> None:
        if self.notes.dirty:
            self.run_worker(self.notes.save(), group="notes-save", exit_on_error=False)

    def on_screen_resume(self) -> None:
        self.query_one(SessionHeader).update_now()

    # -- pane events ---------------------------------------------------------------------------
    def on_agenda_pane_changed(self, event: AgendaPane.Changed) -> None:
        self.query_one(SessionHeader).update_now()
        self.save_soon()
        self.case_offers.check_soon([i.case_ref for i in self.session.agenda if i.case_ref])

    def on_prompts_pane_insert(self, event: PromptsPane.Insert) -> None:
        notes = self.notes
        if not notes.editable():
            return
        notes.insert_text(f"> {event.prompt.text}\n", own_line=True)
        if event.prompt.id not in self.session.prompts_used:
            self.session.prompts_used.append(event.prompt.id)
            self.session.prompt_wording[event.prompt.id] = event.prompt.text
            self.query_one(PromptsPane).refresh_prompts()
            self.save_soon()
        self.action_focus_pane("notes")

    async def on_prompts_pane_added(self, event: PromptsPane.Added) -> None:
        path = user_prompts_path(self)
        try:
            await asyncio.to_thread(add_user_prompt, path, event.prompt)
        except (OSError, StoreError, PromptLibraryError) as exc:
            self.notify(f"Prompt not saved: {exc}", severity="error", timeout=10)
            return
        pane = self.query_one(PromptsPane)
        pane.prompts.insert(len(filter_prompts(pane.prompts, group=REFLECTIVE)), event.prompt)
        pane.refresh_prompts(select=event.prompt.id)
        self.notify(f"Prompt added to {path}.")

    def on_decisions_pane_changed(self, event: DecisionsPane.Changed) -> None:
        event.stop()
        if event.item.case_ref:
            self.case_offers.check_soon([event.item.case_ref])

    @opens_dialog
    @work(group="session-flow")
    async def action_private_step(self) -> None:
        """A group session: each attendee in turn sees their own open actions alone and ticks
        what is done; nothing of theirs stays on the shared screen."""
        if not self.session.is_group:
            self.notify("The private step is for group sessions: in a one-to-one, the "
                        "actions are in the decisions pane (F5).")
            return
        if self.session.is_finalised:
            self.notify("This record is finalised.", severity="warning")
            return
        await private_step(self, self.session, self.names)

    @opens_dialog
    @work(group="session-flow")
    async def action_support_note(self) -> None:
        """The supervisee's private support note, on request only (never on a group's
        screen)."""
        from supervisor_tui.ui.support_note import show_support_note

        if self.session.is_group:
            self.notify("A support note is one person's own: not on a group's screen.",
                        severity="warning")
            return
        sid = self.session.supervisee_ids[0]
        await show_support_note(self, sid, self.names.get(sid, ""))

    def action_development(self) -> None:
        """The supervisee's learning goals and escalations, updated in the session."""
        from supervisor_tui.ui.screens.development import DevelopmentScreen

        if self.session.is_group:
            self.notify("Goals and escalations are each person's own: open them from their "
                        "home row (v).", severity="warning")
            return
        self.app.push_screen(DevelopmentScreen(self.session.supervisee_ids[0],
                                               self.session.id))

    @opens_dialog
    @work(group="session-flow")
    async def action_add_case(self) -> None:
        await self.case_offers.add()

    # -- actions -------------------------------------------------------------------------------
    def action_focus_pane(self, name: str) -> None:
        focus_now(self.query_one(PANE_FOCUS[name]))

    @work(group="session-flow")
    async def opening_checkins(self, redo: bool = False) -> None:
        """Ask each attendee how they arrive (missing ones only, unless redoing)."""
        for sid in self.session.supervisee_ids:
            current = self.session.checkin(sid, CheckInPhase.OPENING)
            if current is not None and not redo:
                continue
            result = await self.checkin_form(sid, CheckInPhase.OPENING, current)
            if result is not None:
                try:
                    self.session.record_checkin(result)
                except ValidationError as exc:
                    self.notify(str(exc), severity="warning")
                    continue
                await self.save_dropping(sid, self.checkin_kind(CheckInPhase.OPENING))

    def checkin_kind(self, phase: CheckInPhase) -> str:
        return f"checkin-{phase.value}:{self.session.id}"

    async def checkin_form(self, sid: str, phase: CheckInPhase,
                           current: CheckIn | None) -> CheckIn | None:
        """Ask `sid` to check in, from what they had typed and not saved, if anything."""
        kind = self.checkin_kind(phase)
        draft = await take_back(self, sid, kind)
        if len(self.session.supervisee_ids) > 1:
            current = None  # a group sees the screen: one person's answer is not shown again
        return await open_keeping(self, CheckInScreen(
            sid, self.names.get(sid, ""), phase, current, draft), sid, kind)

    @opens_dialog
    def action_checkin(self) -> Worker[None] | None:
        if self.session.is_finalised:
            self.notify("This record is finalised; check-ins can no longer change.",
                        severity="warning")
            return None
        return self.opening_checkins(redo=True)

    def action_home(self) -> None:
        self.leave()

    @work(group="session-flow")
    async def leave(self) -> None:
        if not await self.flush_pending():
            self.notify("Not leaving: the session is not saved yet (see the notes pane). "
                        "It is retried; try again in a moment.", severity="error")
            return
        self.dismiss()

    @opens_dialog
    def action_end(self) -> Worker[None] | None:
        return None if self.ending else self.end_session()

    @opens_dialog
    @work(group="session-flow")
    async def action_call_off(self) -> None:
        """Discard a session started by accident, or cancel one that cannot go on."""
        await call_off(self, self.session, self.flush_pending)

    @work(group="session-flow")
    async def end_session(self) -> None:
        self.ending = True
        try:
            if not self.session.is_finalised and not await self.close_record():
                return
            if self.structure_dirty and not await self.save_session():
                return  # F9 again retries the save, then the sign-offs
            await plan_next_date_in_diary(self, self.session)
            await sign_offs(self, self.session, self.names, self.save_session)
            if self.structure_dirty and not await self.save_session():
                return  # stay until the record is safely on disk
            self.dismiss()
        finally:
            self.ending = False

    async def close_record(self) -> bool:
        """Closing check-ins, the checklist, then finalise and save. False: back to the session."""
        if not await self.notes.flush():
            self.notify("The notes are not saved yet, so the session stays open.",
                        severity="error")
            return False
        session = self.session
        for sid in session.supervisee_ids:
            result = await self.checkin_form(sid, CheckInPhase.CLOSING,
                                             session.checkin(sid, CheckInPhase.CLOSING))
            if result is not None:
                session.record_checkin(result)
                # kept even if the session is not ended now
                await self.save_dropping(sid, self.checkin_kind(CheckInPhase.CLOSING))
        first, kind = session.supervisee_ids[0], f"closing:{session.id}"
        draft = await take_back(self, first, kind)
        closing = await open_keeping(self, ClosingScreen(session, self.names, draft), first, kind)
        if closing is None:
            self.save_soon()
            self.notify("The session continues.", timeout=3)
            return False
        session.checklist = dict(closing.checklist)
        session.sections = dict(closing.sections)
        session.next_date = closing.next_date
        session.finalise(host(self).clock())
        self.notes.make_read_only()
        self.agenda.refresh_items()
        self.query_one(SessionHeader).update_now()
        return await self.save_dropping(first, kind)

