"""The diary of one supervisee: planned dates with what happened to them, and the regularity
figures (overdue, cancellation rate, agreement review). Move, cancel, add or export from here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.recurrence import describe_rule
from supervisor_tui.domain.regularity import ScheduleFigures, figures
from supervisor_tui.domain.scheduling import (
    EntryStatus,
    ScheduleEntry,
    agreement_in_force,
    agreement_start,
    agreement_zone,
)
from supervisor_tui.domain.session import Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.schedule import (
    ScheduleData,
    add_ad_hoc,
    cancel_occurrence,
    export_ics,
    held_for,
    load_schedule,
    rebook_later,
    reschedule_occurrence,
    slots_near,
    waive_rebooking,
)
from supervisor_tui.ui.dialogs.cancel_prompt import CancelPrompt
from supervisor_tui.ui.dialogs.export_prompt import ExportPrompt
from supervisor_tui.ui.dialogs.plan_prompt import PlanPrompt
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.widgets.key_footer import KeyFooter

STATUS_WORDS = {
    EntryStatus.PLANNED: "planned",
    EntryStatus.HELD: "held",
    EntryStatus.IN_PROGRESS: "in progress",
    EntryStatus.CANCELLED: "cancelled",
    EntryStatus.NOT_HELD: "no record",
}


def describe_figures(f: ScheduleFigures, zone: ZoneInfo | None) -> str:
    parts = []
    if f.overdue_days is None:
        parts.append("No agreement yet: press t to agree one.")
    elif f.overdue_days:
        parts.append(f"[b]{f.overdue_days} days overdue[/b] (due {f.due:%a %d %b})")
    elif f.due is not None:
        parts.append(f"On time (next due by {f.due:%a %d %b})")
    if f.next_planned is not None:
        shown = f.next_planned.astimezone(zone) if zone else f.next_planned
        parts.append(f"Next: {shown:%a %d %b %H:%M}")
    line1 = "  ·  ".join(parts)
    line2 = (f"Cancelled: last 6 months {f.cancelled_6m.describe()}, "
             f"12 months {f.cancelled_12m.describe()}")
    if f.review_in_days is not None:
        if f.review_in_days < 0:
            line2 += f"  ·  [b]Agreement review overdue by {-f.review_in_days} days[/b]"
        elif f.review_in_days <= 30:
            line2 += f"  ·  [b]Agreement review due in {f.review_in_days} days[/b]"
        else:
            line2 += f"  ·  Agreement review in {f.review_in_days} days"
    return f"{line1}\n{line2}"


def entry_note(e: ScheduleEntry) -> str:
    notes = []
    if e.ad_hoc:
        notes.append("ad hoc")
    if e.moved_from is not None:
        notes.append(f"moved from {e.moved_from.astimezone(e.when.tzinfo):%a %d %b %H:%M}")
    elif e.original is not None and e.session is not None and e.original != e.when \
            and e.status in (EntryStatus.HELD, EntryStatus.IN_PROGRESS):
        notes.append(f"for the {e.original.astimezone(e.when.tzinfo):%a %d %b %H:%M} date")
    s = e.session
    if s is not None and e.status is EntryStatus.CANCELLED:
        who = s.cancelled_by.value if s.cancelled_by else "?"
        if s.rebooked_to is not None:
            notes.append(f"rebooked for {s.rebooked_to.astimezone(e.when.tzinfo):%a %d %b %H:%M}")
        if s.rebook_waived:
            notes.append(f"not rebooked: {s.rebook_waived}")
        notes.append(f"by {who}: {s.cancel_reason}")
    if s is not None and s.is_group:
        notes.append("group")
    return "; ".join(notes)


class ScheduleScreen(Screen[None]):
    HELP = """
# Schedule

The planned dates from the agreement, with what happened to each: held, cancelled (with the
reason and who cancelled), moved, or no record. `r` moves the selected date, `x` cancels it
(rebooking it in the same step if the new date is known), `b` rebooks a cancelled one later,
`w` says why a cancelled one will not be rebooked (kept in the record; home stops asking),
`a` adds an ad hoc session, `e` writes the diary as an .ics file for your calendar (names and
times only). A session held early or late stands for the nearest planned date, shown beside
it; `k` changes which (or makes it an extra session). Overdue counts days past the agreed
interval since the last held session.
"""
    CSS_PATH = "schedule.tcss"
    BINDINGS = [
        Binding("r", "reschedule", "Move", id="schedule.reschedule"),
        Binding("x", "cancel_session", "Cancel session", id="schedule.cancel"),
        Binding("b", "rebook", "Rebook", id="schedule.rebook"),
        Binding("w", "waive_rebooking", "Not rebooking", id="schedule.waive-rebooking"),
        Binding("a", "ad_hoc", "Ad hoc", id="schedule.ad-hoc"),
        Binding("k", "held_for", "Held for", id="schedule.held-for", show=False),
        Binding("e", "export", "Export .ics", id="schedule.export"),
        Binding("t", "agreement", "Agreement", id="schedule.agreement"),
        Binding("escape", "back", "Back", id="schedule.back"),
    ]

    def __init__(self, supervisee_id: str) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.data: ScheduleData | None = None
        self.entries: list[ScheduleEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        figures_pane = Static("", id="schedule-figures", classes="pane")
        figures_pane.border_title = "Regularity"
        yield figures_pane
        table: DataTable[str] = DataTable(id="schedule-table", cursor_type="row",
                                          zebra_stripes=True, classes="pane")
        table.border_title = "Diary"
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("Date", "date", 15), ("Time", "time", 5),
                                  ("Length", "length", 7), ("Status", "status", 11),
                                  ("Notes", "notes", 60)):
            table.add_column(label, key=key, width=width)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def zone(self) -> ZoneInfo | None:
        if self.data is None or not self.data.agreements:
            return None
        current = agreement_in_force(self.data.agreements, host(self).clock())
        return agreement_zone(current) if current else None

    @work(exclusive=True, group="schedule-load")
    async def reload(self) -> None:
        self.data = await service(self).run(load_schedule, self.supervisee_id)
        self.render_diary()

    def render_diary(self) -> None:
        assert self.data is not None
        now = host(self).clock()
        try:
            f = figures(self.data.agreements, self.data.sessions, now)
        except ValidationError as exc:
            self.entries = []
            self.query_one(DataTable).clear()
            self.query_one("#schedule-figures", Static).update(
                f"The agreement's rule cannot be read ({escape(str(exc))}). Press t to fix it.")
            return
        self.entries = f.entries
        zone = self.zone
        figures_pane = self.query_one("#schedule-figures", Static)
        figures_pane.update(describe_figures(f, zone))
        current = agreement_in_force(self.data.agreements, now)
        if current is not None:
            start = agreement_start(current)
            figures_pane.border_title = (
                f"{escape(self.data.supervisee.name)}: "
                f"{describe_rule(current.rrule, start.replace(tzinfo=None))} "
                f"at {start:%H:%M} ({escape(current.timezone)})")
        else:
            figures_pane.border_title = escape(self.data.supervisee.name)
        table = self.query_one(DataTable)
        keep = table.cursor_row if table.row_count else None
        table.clear()
        first_upcoming = next((i for i, e in enumerate(self.entries) if e.when >= now),
                              len(self.entries) - 1)
        for i, e in enumerate(self.entries):
            when = e.when.astimezone(zone) if zone else e.when
            table.add_row(f"{when:%a %d %b %Y}", f"{when:%H:%M}", f"{e.duration_minutes} min",
                          STATUS_WORDS[e.status], Text(entry_note(e)), key=f"{i}")
        if self.entries:
            table.move_cursor(row=keep if keep is not None else max(first_upcoming, 0))

    @property
    def selected(self) -> ScheduleEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def _movable(self, verb: str) -> ScheduleEntry | None:
        entry = self.selected
        if entry is None:
            self.notify("There is no session to choose.", severity="warning")
            return None
        if entry.status not in (EntryStatus.PLANNED, EntryStatus.NOT_HELD):
            self.notify(f"Only a planned session can be {verb}; this one is "
                        f"{STATUS_WORDS[entry.status]}.", severity="warning")
            return None
        return entry

    def _cancelled(self, what: str) -> tuple[ScheduleEntry, Session] | None:
        """The selected entry and its session, if it is a cancelled one (else say so)."""
        entry = self.selected
        if entry is None or entry.status is not EntryStatus.CANCELLED or entry.session is None:
            self.notify(f"Choose a cancelled session {what}.", severity="warning")
            return None
        return entry, entry.session

    def _local_now(self) -> datetime:
        zone = self.zone
        now = host(self).clock()
        return now.astimezone(zone) if zone else now

    async def _save(self, fn: Callable[..., Session], *args: Any) -> bool:
        try:
            await service(self).save(fn, self.supervisee_id, *args)
        except ValidationError as exc:
            self.notify(str(exc), severity="error")
            return False
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return False
        self.reload()
        return True

    async def _ask_date(self, entry: ScheduleEntry, title: str, question: str) -> datetime | None:
        """A new date for `entry` (`question` names its date at `{}`), at its time unless
        another is typed; None if the dialog is closed."""
        now = self._local_now()
        when = entry.when.astimezone(now.tzinfo)
        answer = await self.app.push_screen_wait(PlanPrompt(
            title, question.format(f"{when:%a %d %b %Y %H:%M}"), now, default_time=when.time()))
        return None if answer is None else answer.start

    # -- actions -----------------------------------------------------------------------------
    @work(exclusive=True, group="schedule-edit")
    async def action_reschedule(self) -> None:
        entry = self._movable("moved")
        if entry is None:
            return
        start = await self._ask_date(entry, "Move a session", "Move the session of {} to:")
        if start is None:
            return
        sid = entry.session.id if entry.session else None
        if await self._save(reschedule_occurrence, sid, entry.original, start):
            self.notify(f"Moved to {start:%a %d %b %H:%M}.")

    @work(exclusive=True, group="schedule-edit")
    async def action_held_for(self) -> None:
        """Change which planned date a held one-to-one stood for (or none)."""
        from supervisor_tui.ui.dialogs.slot_picker import NONE, SlotPicker

        entry = self.selected
        s = entry.session if entry is not None else None
        if entry is None or s is None or not s.held or s.is_group:
            self.notify("Move to a held one-to-one first, then press k.", severity="warning")
            return
        slots = await service(self).run(slots_near, self.supervisee_id, s.id)
        chosen = await self.app.push_screen_wait(SlotPicker(entry.when, slots, entry.original,
                                                            self.zone))
        if chosen is None:
            return
        slot = None if chosen == NONE else datetime.fromisoformat(chosen)
        if slot == entry.original:
            return
        if await self._save(held_for, s.id, slot):
            self.notify("Now an extra session." if slot is None else
                        f"Now held for {slot.astimezone(self._local_now().tzinfo):%a %d %b}.")

    @work(exclusive=True, group="schedule-edit")
    async def action_rebook(self) -> None:
        if (found := self._cancelled("to rebook")) is None:
            return
        entry, cancelled = found
        start = await self._ask_date(entry, "Rebook a session", "Rebook the session of {} for:")
        if start is None:
            return
        if await self._save(rebook_later, cancelled.id, start):
            self.notify(f"Rebooked for {start:%a %d %b %H:%M}.")

    @work(exclusive=True, group="schedule-edit")
    async def action_waive_rebooking(self) -> None:
        from supervisor_tui.ui.dialogs.reason_prompt import ReasonPrompt

        if (found := self._cancelled("first")) is None:
            return
        entry, cancelled = found
        when = entry.when.astimezone(self._local_now().tzinfo)
        reason = await self.app.push_screen_wait(ReasonPrompt(
            "Not rebooking", f"Why will the session of {when:%a %d %b %Y %H:%M} not be "
            "rebooked?", "e.g. made up in the group on 3 Dec; left the team"))
        if reason is not None and await self._save(waive_rebooking, cancelled.id, reason):
            self.notify("Kept in the record: it will not be rebooked.")

    @work(exclusive=True, group="schedule-edit")
    async def action_cancel_session(self) -> None:
        entry = self._movable("cancelled")
        if entry is None:
            return
        when = entry.when.astimezone(self._local_now().tzinfo)
        answer = await self.app.push_screen_wait(
            CancelPrompt(f"The session of {when:%a %d %b %Y %H:%M}"))
        if answer is None:
            return
        sid = entry.session.id if entry.session else None
        if await self._save(cancel_occurrence, sid, entry.original, answer.reason, answer.by,
                            answer.rebook):
            self.notify("Cancellation recorded." if answer.rebook is None else
                        f"Cancellation recorded; rebooked for {answer.rebook:%a %d %b %Y %H:%M}.")

    @work(exclusive=True, group="schedule-edit")
    async def action_ad_hoc(self) -> None:
        now = self._local_now()
        usual = time(10, 0)
        minutes = host(self).config.session_minutes
        if self.data is not None and self.data.agreements:
            current = agreement_in_force(self.data.agreements, host(self).clock())
            if current is not None:
                usual = agreement_start(current).time()
                minutes = current.duration_minutes
        answer = await self.app.push_screen_wait(PlanPrompt(
            "Ad hoc session", "A session outside the agreed pattern, on:", now,
            default_time=usual, minutes=minutes))
        if answer is None:
            return
        if await self._save(add_ad_hoc, answer.start, answer.minutes):
            self.notify(f"Ad hoc session planned for {answer.start:%a %d %b %H:%M}.")

    @work(exclusive=True, group="schedule-edit")
    async def action_export(self) -> None:
        if self.data is None:
            return
        choice = await self.app.push_screen_wait(
            ExportPrompt(self.data.supervisee.name, Path("~/supervision.ics")))
        if choice is None:
            return
        who = None if choice.everyone else self.supervisee_id
        try:
            count, _ = await service(self).save(export_ics, choice.path, who, choice.months)
        except (OSError, StoreError, ValidationError) as exc:
            self.notify(f"Not exported: {exc}", severity="error", timeout=10)
            return
        self.notify(f"Wrote {count} sessions to {choice.path}.")

    def action_agreement(self) -> None:
        from supervisor_tui.ui.screens.agreement import AgreementScreen

        self.app.push_screen(AgreementScreen(self.supervisee_id))

    def action_back(self) -> None:
        self.dismiss(None)
