"""Home: the table of supervisees with the figures a supervisor scans before the day starts."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from supervisor_tui.domain.balance import WellbeingRule
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.home import HomeRow, home_rows, today_picture
from supervisor_tui.services.people import save_supervisee
from supervisor_tui.ui.commands import PaletteCommand
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import key_holder_of, opens_dialog
from supervisor_tui.ui.read_only import ReadOnlyBanner, writes
from supervisor_tui.ui.roster_rows import COLUMNS, table_row
from supervisor_tui.ui.widgets.key_footer import KeyFooter
from supervisor_tui.ui.widgets.roster_table import RosterTable
from supervisor_tui.ui.widgets.today_panel import TodayPanel

if TYPE_CHECKING:
    from supervisor_tui.ui.navigation import SessionJump

WARM_AFTER = 0.3
"""Seconds the cursor rests on a person before their history is read ahead (moving down the
list reads nobody's on the way)."""

FILE_CHECK_DELAY = 1.0
"""Seconds after home first shows its rows before every data file is read once: reading a
large folder competes with drawing, so it waits until the first screens are up."""

class HomeScreen(Screen[None]):
    HELP = """
# Home

Everyone you supervise, with what needs your attention: when you last met, when the next
session is due, open actions and how they have been feeling at check-in (oldest to newest;
a "…" first when older ones are cut to fit).
Balance is the share of agenda time per function over the latest sessions (N normative,
F formative, R restorative, M mediation).
Move with the arrow keys (or j/k, Home/End, Page Up/Down); the keys below act on the
selected person, and Enter opens their history.
"Overdue" counts the days past the agreed interval since the last held session; `o` puts the
most overdue first. `t` opens the agreement (terms), `c` the diary of planned sessions.
`s` starts a session, or resumes the one the person is in: a group session too, from any of
its attendees. `g` starts a group session; choosing the same attendees resumes it.

Under the list, Today: sessions in progress, supervision overdue or due in the coming week,
actions overdue or due in the coming week, and anyone whose file cannot be read (their row
says "file damaged"; restore the file from a backup before opening their records).
Tab moves to Today; the arrow keys (or j/k, Home/End) scroll it when it is longer than the
window, and Shift+Tab goes back to the list.
"""
    BINDINGS = [
        Binding("n", "new", "New supervisee", id="home.new"),
        Binding("e", "edit", "Edit", id="home.edit"),
        Binding("a", "archive", "Archive", id="home.archive"),
        Binding("s", "start", "Start/resume session", id="home.start"),
        Binding("g", "group", "Group session", id="home.group"),
        Binding("u", "audit", "Audit", id="home.audit"),
        Binding("r", "export_record", "Export record", id="home.export-record"),
        Binding("h", "history", "History", id="home.history"),
        Binding("slash", "search", "Search", id="home.search"),
        Binding("t", "agreement", "Agreement", id="home.agreement"),
        Binding("f", "caseload", "Caseload", id="home.caseload"),
        Binding("v", "development", "Goals and escalations", id="home.development"),
        Binding("w", "support_note", "Support note", id="home.support-note"),
        Binding("c", "schedule", "Schedule", id="home.schedule"),
        Binding("o", "sort_overdue", "Sort by overdue", id="home.sort-overdue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HomeRow] = []
        self.sort_overdue = False
        self._pending_select: str | None = None
        self._left = False
        self._warm_timer: Timer | None = None
        self._held_for_rows: int | None = None
        """The hold on the keys typed before the first rows showed (see `on_mount`)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        table = RosterTable(COLUMNS, id="supervisees")
        table.border_title = "Supervisees"
        yield table
        yield Static("", id="home-empty")
        yield TodayPanel()
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the rows read while the app was built, at once if they are ready (the first
        frame then has them), or as soon as they are: the keys typed meanwhile wait for them
        (`s` typed at once starts a session with the first person, as it would a moment later)."""
        prefetched = host(self).take_home_rows()
        if prefetched is not None and prefetched.done() and prefetched.exception() is None:
            self.rows = prefetched.result()
            self.render_rows()
        else:
            holder = key_holder_of(self.app)
            self._held_for_rows = holder.hold(limit=None) if holder else None
            self.reload(prefetched)

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        """Back from another screen: its changes may show here (the first showing loads on
        mount, so the rows are read once at startup)."""
        if self._left:
            self.reload()

    @work(exclusive=True, group="home-load")
    async def reload(self, prefetched: Future[list[HomeRow]] | None = None) -> None:
        """Read the rows again and show them; then let the keys held for them go on (a reload
        cancelled by a later one leaves them to it)."""
        if host(self).service is None:  # being opened again after a repair: reloads on return
            self._let_keys_go()
            return
        try:
            if prefetched is not None:
                self.rows = await asyncio.wrap_future(prefetched)
            else:
                self.rows = await service(self).run(home_rows)
        except StoreError as exc:
            self.notify(str(exc), title="Could not load", severity="error", timeout=15)
            self._let_keys_go()
            return
        self.render_rows()
        self._let_keys_go()

    def on_unmount(self) -> None:
        self._let_keys_go()

    def _let_keys_go(self) -> None:
        token, self._held_for_rows = self._held_for_rows, None
        if token is not None and (holder := key_holder_of(self.app)) is not None:
            holder.release(token)

    async def _save(self, person: Supervisee) -> bool:
        try:
            await service(self).save(save_supervisee, person)
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return False
        return True

    def render_rows(self) -> None:
        tables = self.query(RosterTable)
        if not tables:  # rows read while the app was closing: nothing left to show them in
            return
        table = tables.first()
        if self.sort_overdue:
            self.rows.sort(key=lambda r: (-r.late, r.supervisee.name.casefold()))
        else:
            self.rows.sort(key=lambda r: r.supervisee.name.casefold())
        today = host(self).clock().date()
        table.set_rows([table_row(row, today) for row in self.rows])
        if self._pending_select:
            self.select(self._pending_select)
        empty = self.query_one("#home-empty", Static)
        empty.display = not self.rows
        empty.update("No supervisees yet. Press n to add the first one.")
        today_panel = self.query_one(TodayPanel)
        today_panel.display = bool(self.rows)
        config = host(self).config
        rule = WellbeingRule(config.wellbeing_low, config.wellbeing_fall)
        found = host(self).service
        today_panel.show(today_picture(self.rows, host(self).clock(), rule,
                                       config.cancellation_warning,
                                       len(found.changed_outside) if found else 0))
        if not host(self).files_checked:
            self.set_timer(FILE_CHECK_DELAY, host(self).start_file_check, name="file check")
        self.call_after_refresh(host(self).startup_finished)

    @property
    def selected(self) -> HomeRow | None:
        if not self.rows:
            return None
        return self.rows[min(self.query_one(RosterTable).cursor_row, len(self.rows) - 1)]

    def on_roster_table_row_highlighted(self, event: RosterTable.RowHighlighted) -> None:
        if self._warm_timer is not None:
            self._warm_timer.stop()
        self._warm_timer = self.set_timer(WARM_AFTER, self.warm_selected, name="warm history")

    def warm_selected(self) -> None:
        row = self.selected
        if (row is not None and row.damaged is None and self.is_current
                and host(self).service is not None):
            self.warm(row.supervisee.id)

    @work(exclusive=True, group="warm-history")
    async def warm(self, supervisee_id: str) -> None:
        """Read the selected person's history ahead, so `h` opens it at once."""
        from supervisor_tui.services.history import warm_history  # 8 ms: not before home shows

        try:
            await service(self).run(warm_history, supervisee_id)
        except StoreError:
            pass  # opening their history says what is wrong

    def readable(self) -> HomeRow | None:
        """The selected person, if their file can be read; else say why not, and None."""
        row = self.selected
        if row is not None and row.damaged is not None:
            self.notify(f"{row.supervisee.name}'s file is damaged ({row.damaged}), so their "
                        "records cannot be opened. Restore the file from a backup "
                        "(supervisor-tui restore), or ask for help; nothing is written to it.",
                        title="Cannot be read", severity="error", timeout=15)
            return None
        return row

    def select(self, supervisee_id: str) -> None:
        """Put the cursor on this supervisee (after the rows load, if they are loading)."""
        ids = [row.supervisee.id for row in self.rows]
        if supervisee_id in ids:
            self.query_one(RosterTable).move_cursor(ids.index(supervisee_id))
            self._pending_select = None
        else:
            self._pending_select = supervisee_id

    def palette_commands(self) -> list[PaletteCommand]:
        row = self.selected
        if row is None:
            return []
        name = row.supervisee.name
        return [
            PaletteCommand(f"Edit {name}", "Change name or role", self.action_edit),
            PaletteCommand(f"Archive {name}", "Hide from the list; records are kept",
                           self.action_archive),
            PaletteCommand(f"History of {name}", "Sessions, decisions, actions, coverage",
                           self.action_history),
            PaletteCommand(f"Agreement for {name}", "Frequency, confidentiality, review date",
                           self.action_agreement),
            PaletteCommand(f"Schedule of {name}", "Planned dates, cancellations, .ics export",
                           self.action_schedule),
        ]

    # -- actions -----------------------------------------------------------------------------
    @opens_dialog
    @writes
    @work(exclusive=True, group="home-edit")
    async def action_new(self) -> None:
        from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm

        person = await self.app.push_screen_wait(SuperviseeForm())
        if person is not None and await self._save(person):
            self.notify(f"Added {person.name}.")
            self.select(person.id)
            self.reload()

    @opens_dialog
    @writes
    @work(exclusive=True, group="home-edit")
    async def action_edit(self) -> None:
        from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm

        row = self.selected
        if row is None:
            return
        person = await self.app.push_screen_wait(SuperviseeForm(row.supervisee))
        if person is not None and await self._save(person):
            self.reload()

    @writes
    @work(exclusive=True, group="home-edit")
    async def action_archive(self) -> None:
        from supervisor_tui.ui.dialogs.confirm import ConfirmScreen

        row = self.selected
        if row is None:
            return
        question = f"Archive {row.supervisee.name}? Their records are kept."
        confirmed = await self.app.push_screen_wait(ConfirmScreen(question, "Archive", "Keep"))
        if confirmed and await self._save(replace(row.supervisee, archived=True)):
            self.notify(f"Archived {row.supervisee.name}.")
            self.reload()

    @opens_dialog
    @writes
    @work(exclusive=True, group="home-edit")
    async def action_start(self) -> None:
        """Start a session with the selected supervisee, or resume the one in progress."""
        from supervisor_tui.ui.screens.session_open import open_session

        if self.selected is None:
            self.notify("Add a supervisee first (n).", severity="warning")
            return
        if (row := self.readable()) is not None:
            await open_session(self, [row.supervisee.id])

    @opens_dialog
    @writes
    @work(exclusive=True, group="home-edit")
    async def action_group(self) -> None:
        """Choose two or more attendees and start (or resume) their group session."""
        from supervisor_tui.ui.dialogs.group_form import GroupForm
        from supervisor_tui.ui.screens.session_open import open_session

        people = [row.supervisee for row in self.rows if row.damaged is None]
        if len(people) < 2:
            self.notify("A group session needs at least two supervisees.", severity="warning")
            return
        row = self.selected
        chosen = await self.app.push_screen_wait(
            GroupForm(people, row.supervisee.id if row and row.damaged is None else None)
        )
        if chosen:
            await open_session(self, list(chosen))

    def action_audit(self) -> None:
        from supervisor_tui.ui.screens.audit import AuditScreen

        self.app.push_screen(AuditScreen())

    @work(exclusive=True, group="home-export")
    async def action_export_record(self) -> None:
        from supervisor_tui.ui.screens.record_export import export_record

        row = self.readable()
        if row is not None:
            await export_record(self, row.supervisee)

    def on_roster_table_row_chosen(self, event: RosterTable.RowChosen) -> None:
        self.action_history()

    def action_history(self) -> None:
        from supervisor_tui.ui.screens.history import HistoryScreen

        row = self.readable()
        if row is not None:
            self.app.push_screen(HistoryScreen(row.supervisee.id))

    def action_search(self) -> None:
        from supervisor_tui.ui.screens.search import SearchScreen

        row = self.selected
        self.app.push_screen(SearchScreen(row.supervisee.id if row else None, everyone=True),
                             self.follow_jump)

    def follow_jump(self, jump: SessionJump | None) -> None:
        from supervisor_tui.ui.screens.history import HistoryScreen

        if jump is not None:
            self.app.push_screen(HistoryScreen(jump.supervisee_id, select=jump.session_id,
                                               find=jump.terms))

    def action_sort_overdue(self) -> None:
        """Toggle between name order and most overdue first."""
        self.sort_overdue = not self.sort_overdue
        self.render_rows()
        self.notify("Most overdue first." if self.sort_overdue else "Sorted by name.")

    def action_agreement(self) -> None:
        from supervisor_tui.ui.screens.agreement import AgreementScreen

        if (row := self.readable()) is not None:
            self.app.push_screen(AgreementScreen(row.supervisee.id))

    def action_caseload(self) -> None:
        from supervisor_tui.ui.screens.caseload import CaseloadScreen

        if (row := self.readable()) is not None:
            self.app.push_screen(CaseloadScreen(row.supervisee.id))

    @opens_dialog
    @work(exclusive=True, group="home-edit")
    async def action_support_note(self) -> None:
        from supervisor_tui.ui.support_note import show_support_note

        if (row := self.readable()) is not None:
            await show_support_note(self, row.supervisee.id, row.supervisee.name)

    def action_development(self) -> None:
        from supervisor_tui.ui.screens.development import DevelopmentScreen

        if (row := self.readable()) is not None:
            self.app.push_screen(DevelopmentScreen(row.supervisee.id))

    def action_schedule(self) -> None:
        from supervisor_tui.ui.screens.schedule import ScheduleScreen

        if (row := self.readable()) is not None:
            self.app.push_screen(ScheduleScreen(row.supervisee.id))
