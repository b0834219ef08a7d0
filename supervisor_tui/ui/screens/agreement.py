"""The supervision agreement of one supervisee: edit it (a save is a new version) and see earlier
versions. Dates are typed as free text and shown back, parsed, before anything is saved."""

from __future__ import annotations

import copy
import os
from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from supervisor_tui.domain.dates import parse_day, parse_time_of_day
from supervisor_tui.domain.people import GROUP_RHYTHMS, Agreement, ValidationError
from supervisor_tui.domain.recurrence import (
    CUSTOM,
    PRESETS,
    WEEKDAY_NAMES,
    check_rule,
    describe_rule,
    match_preset,
    preset_rule,
    rule_warnings,
    zone_of,
)
from supervisor_tui.domain.scheduling import agreement_start, versions_in_order
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.schedule import (
    ScheduleData,
    agreement_draft,
    keep_agreement_draft,
    load_schedule,
    save_agreement_version,
    supervisee_agrees,
)
from supervisor_tui.ui.agreement_preview import preview_lines
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.widgets.key_footer import KeyFooter

TEXT_FIELDS = ("confidentiality", "exceptions", "records")


def default_zone() -> str:
    """The zone a first agreement starts with: $TZ when it names a zone, else Europe/London."""
    name = os.environ.get("TZ", "").lstrip(":")
    try:
        zone_of(name)
        return name
    except ValidationError:
        return "Europe/London"


class AgreementScreen(Screen[None]):
    HELP = """
# Agreement

The supervision agreement: how often you meet (a preset or an RFC 5545 rule), when, for how
long, what stays confidential and the exceptions, how records are kept, and when you review it.
Dates are typed in words ("next tue", "1 jun 2027") and shown back below the form before saving.
Saving makes a new version from its start date; earlier versions stay as history.
"""
    CSS_PATH = "agreement.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save new version", id="agreement.save"),
        Binding("escape", "back", "Back", id="agreement.back"),
        Binding("f2", "focus_form", "Form", id="agreement.focus-form"),
        Binding("f3", "focus_history", "History", id="agreement.focus-history"),
        Binding("ctrl+g", "supervisee_agrees", "Supervisee agrees",
                id="agreement.supervisee-agrees"),
    ]

    def __init__(self, supervisee_id: str) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.data: ScheduleData | None = None
        self.saved_form: dict[str, str] = {}
        """The form as last loaded or saved: leaving with anything else asks first."""
        self.is_new = True

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="agreement-form", classes="pane") as form:
            form.border_title = "Agreement"
            with Grid(id="agreement-grid"):
                yield Label("Frequency")
                yield Select([(label, key) for key, (label, _) in PRESETS.items()]
                             + [("Custom rule", CUSTOM)], id="preset", allow_blank=False,
                             value="4-weekly", compact=True)
                yield Label("Weekday")
                yield Select([(name, n) for n, name in enumerate(WEEKDAY_NAMES)], id="weekday",
                             allow_blank=False, value=1, compact=True)
                yield Label("Rule (RRULE)")
                yield Input(id="rrule", compact=True, max_length=200,
                            placeholder="e.g. FREQ=WEEKLY;INTERVAL=4;BYDAY=TU")
                yield Label("Starts from")
                yield Input(id="start", compact=True, max_length=60,
                            placeholder='a date, e.g. "next tue" or "1 dec 2026"')
                yield Label("Time")
                yield Input("10:00", id="time", compact=True, max_length=5, placeholder="10:00")
                yield Label("Time zone")
                yield Input(id="zone", compact=True, max_length=60, placeholder="Europe/London")
                yield Label("Group sessions")
                yield Select([(label, rule) for rule, label in GROUP_RHYTHMS.items()],
                             id="group", allow_blank=False, value="", compact=True)
                yield Label("Length (min)")
                yield Input("60", id="duration", compact=True, max_length=3, type="integer")
                yield Label("Confidentiality")
                yield Input(id="confidentiality", compact=True, max_length=1000,
                            placeholder="what stays between us")
                yield Label("Exceptions")
                yield Input(id="exceptions", compact=True, max_length=1000,
                            placeholder="e.g. risk of serious harm to anyone")
                yield Label("Records kept")
                yield Input(id="records", compact=True, max_length=1000,
                            placeholder="how and where the record is kept, who sees it")
                yield Label("Review date")
                yield Input(id="review", compact=True, max_length=60,
                            placeholder='e.g. "in 6 months" or "1 jun 2027"')
            yield Static("", id="agreement-preview")
            yield Static("", id="agreement-agreed", markup=False)
            yield Label("", id="agreement-error", classes="error")
        with Vertical(id="agreement-history", classes="pane") as history:
            history.border_title = "Earlier agreements"
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        for label, width in (("Agreed", 11), ("From", 17), ("Frequency", 36), ("Length", 7),
                             ("Review", 11)):
            table.add_column(label, width=width)
        self.query_one("#duration", Input).value = str(host(self).config.session_minutes)
        self.load()

    @work(exclusive=True, group="agreement-load")
    async def load(self) -> None:
        self.data = await service(self).run(load_schedule, self.supervisee_id)
        draft = await service(self).run(agreement_draft, self.supervisee_id)
        name = self.data.supervisee.name
        self.query_one("#agreement-form").border_title = f"Agreement: {name}"
        self.fill(self.data.agreements[-1] if self.data.agreements else None)
        if draft is not None:
            for field_id in self.form_values():
                if field_id in draft:
                    self.set_field(field_id, draft[field_id])
            self.sync_preset(self.query_one("#rrule", Input).value.strip().upper())
            self.notify("Restored changes that were not saved last time.")
        self.show_history()
        self.show_agreed()
        focus_now(self.query_one("#preset", Select))

    async def flush_pending(self) -> None:
        """On quit: keep unsaved edits as a draft that the editor restores next time."""
        if self.data is not None and self.dirty:
            await service(self).save(keep_agreement_draft, self.supervisee_id,
                                    self.form_values())

    async def clear_draft(self) -> None:
        await service(self).save(keep_agreement_draft, self.supervisee_id, None)

    def fill(self, agreement: Agreement | None) -> None:
        today = host(self).clock().date()
        values = {"zone": default_zone(), "rrule": preset_rule("4-weekly", 1), "group": ""}
        if agreement is not None:
            start = agreement_start(agreement)
            values = {
                "rrule": agreement.rrule, "zone": agreement.timezone,
                "start": start.strftime("%d %b %Y"), "time": start.strftime("%H:%M"),
                "duration": str(agreement.duration_minutes), "group": agreement.group_rrule,
                "confidentiality": agreement.confidentiality,
                "exceptions": agreement.exceptions, "records": agreement.records,
                "review": agreement.review_date.strftime("%d %b %Y")
                if agreement.review_date else "",
            }
        elif not self.query_one("#start", Input).value:
            values["start"] = today.strftime("%d %b %Y")
        for field_id, value in values.items():
            self.set_field(field_id, value)
        self.sync_preset(values["rrule"])
        self.saved_form = self.form_values()
        self.is_new = agreement is None
        self.refresh_preview()

    def set_field(self, field_id: str, value: str) -> None:
        if field_id == "group":
            self.query_one("#group", Select).value = value if value in GROUP_RHYTHMS else ""
        else:
            self.query_one(f"#{field_id}", Input).value = value

    def show_history(self) -> None:
        assert self.data is not None
        table = self.query_one("#history-table", DataTable)
        table.clear()
        versions = versions_in_order(self.data.agreements)
        for a in reversed(versions[:-1]):
            start = agreement_start(a)
            table.add_row(
                a.created_at.strftime("%d %b %Y"), start.strftime("%d %b %Y %H:%M"),
                describe_rule(a.rrule, start.replace(tzinfo=None)),
                f"{a.duration_minutes} min",
                a.review_date.strftime("%d %b %Y") if a.review_date else "—",
                key=a.id,
            )
        if len(versions) < 2:
            table.add_row("—", "", "No earlier agreements", "", "")

    # -- keeping the rule, the preset and the weekday in step ----------------------------------
    def sync_preset(self, rule: str) -> None:
        key, weekday = match_preset(rule)
        preset = self.query_one("#preset", Select)
        with preset.prevent(Select.Changed):
            preset.value = key
        day = self.query_one("#weekday", Select)
        if weekday is not None:
            with day.prevent(Select.Changed):
                day.value = weekday
        day.disabled = key == CUSTOM or "{wd}" not in PRESETS[key][1]

    @on(Select.Changed)
    def preset_or_weekday_changed(self, event: Select.Changed) -> None:
        if event.select.id == "group":
            self.refresh_preview()
            return
        key = self.query_one("#preset", Select).value
        weekday = self.query_one("#weekday", Select).value
        if key != CUSTOM and isinstance(key, str) and isinstance(weekday, int):
            rule_input = self.query_one("#rrule", Input)
            with rule_input.prevent(Input.Changed):
                rule_input.value = preset_rule(key, weekday)
            self.query_one("#weekday", Select).disabled = "{wd}" not in PRESETS[key][1]
        self.refresh_preview()

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "rrule":
            self.sync_preset(event.value.strip().upper())
        self.refresh_preview()

    @on(Input.Submitted)
    def input_submitted(self) -> None:
        self.focus_next()

    # -- reading the form --------------------------------------------------------------------
    def form_values(self) -> dict[str, str]:
        ids = ("rrule", "start", "time", "zone", "duration", *TEXT_FIELDS, "review")
        values = {i: self.query_one(f"#{i}", Input).value.strip() for i in ids}
        return {**values, "group": str(self.query_one("#group", Select).value)}

    @property
    def dirty(self) -> bool:
        values = self.form_values()
        return values != self.saved_form

    def build(self) -> tuple[Agreement, list[str]]:
        """The agreement the form describes, checked; plus warnings. Raises ValidationError."""
        v = self.form_values()
        today = host(self).clock().date()
        zone = zone_of(v["zone"] or "")
        day = parse_day(v["start"], today, prefer_future=False)
        start = datetime.combine(day, parse_time_of_day(v["time"]))
        rule = check_rule(v["rrule"], v["zone"], start)
        if not v["duration"].isdigit():
            raise ValidationError("Session length is a number of minutes.")
        review = parse_day(v["review"], today) if v["review"] else None
        agreement = Agreement(
            supervisee_id=self.supervisee_id, rrule=rule, dtstart=start.replace(tzinfo=zone),
            timezone=v["zone"], duration_minutes=int(v["duration"]),
            confidentiality=v["confidentiality"], exceptions=v["exceptions"],
            records=v["records"], review_date=review, created_at=host(self).clock(),
            group_rrule=v["group"],
        )
        agreement.validate()
        return agreement, rule_warnings(rule, start)

    def refresh_preview(self) -> None:
        preview = self.query_one("#agreement-preview", Static)
        try:
            agreement, warnings = self.build()
        except ValidationError as exc:
            preview.update(f"[b]Not ready to save:[/b] {escape(str(exc))}")
            preview.set_class(True, "invalid")
            return
        preview.set_class(False, "invalid")
        now = host(self).clock()
        start = agreement_start(agreement).date()
        preview.update("\n".join(preview_lines(
            agreement, warnings, now, self.replans_the_past(start, now.date()))))

    def replans_the_past(self, start: date, today: date) -> bool:
        if self.is_new or start >= today:
            return False
        values = self.form_values()
        pattern = ("rrule", "start", "time", "zone")
        return any(values[k] != self.saved_form.get(k) for k in pattern)

    # -- actions -----------------------------------------------------------------------------
    async def action_save(self) -> None:
        error = self.query_one("#agreement-error", Label)
        if self.data is None:
            return
        try:
            agreement, _ = self.build()
        except ValidationError as exc:
            error.update(str(exc))
            return
        if not self.is_new and self.form_values() == self.saved_form:
            error.update("Nothing has changed since the agreement in force.")
            return
        error.update("")
        try:
            await service(self).save(save_agreement_version, copy.deepcopy(agreement))
        except StoreError as exc:
            error.update(f"Not saved: {exc}")
            return
        await self.clear_draft()
        self.data.agreements.append(agreement)
        self.saved_form = self.form_values()
        self.is_new = False
        self.show_history()
        self.show_agreed()
        earlier = len(self.data.agreements) > 1
        self.notify("Agreement saved; the earlier one is kept as history." if earlier
                    else "Agreement saved.")

    def show_agreed(self) -> None:
        """Whether the supervisee agreed to the version in force, and when."""
        shown = self.query_one("#agreement-agreed", Static)
        current = self.data.agreements[-1] if self.data and self.data.agreements else None
        if current is None:
            shown.update("")
        elif current.supervisee_agreed and current.supervisee_agreed_at is not None:
            shown.update(f"Agreed by the supervisee ({current.supervisee_agreed}) on "
                         f"{current.supervisee_agreed_at:%d %b %Y}; by you on "
                         f"{current.created_at:%d %b %Y}.")
        else:
            shown.update("Not yet agreed by the supervisee: ctrl+g when they agree.")

    @work(exclusive=True, group="agreement-agree")
    async def action_supervisee_agrees(self) -> None:
        from supervisor_tui.ui.dialogs.closing import SignOffScreen

        if self.data is None or not self.data.agreements or self.dirty:
            self.notify("Save the agreement first (ctrl+s): they agree to a saved version.",
                        severity="warning")
            return
        name = self.data.supervisee.name
        signoff = await self.app.push_screen_wait(SignOffScreen(
            self.supervisee_id, name, note=f"{name}, your initials say you agree to this "
            "supervision agreement (this version, as saved)."))
        if signoff is None:
            return
        try:
            agreed = await service(self).save(supervisee_agrees, self.supervisee_id,
                                             signoff.initials)
        except (StoreError, ValidationError) as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.data.agreements[-1] = agreed
        self.show_agreed()
        self.notify(f"Agreed by {name}.")

    @work(exclusive=True, group="agreement-back")
    async def action_back(self) -> None:
        if self.dirty and not await self.app.push_screen_wait(ConfirmScreen(
                "Leave without saving the changed agreement?", "Leave", "Stay")):
            return
        await self.clear_draft()
        self.dismiss(None)

    def action_focus_form(self) -> None:
        focus_now(self.query_one("#preset", Select))

    def action_focus_history(self) -> None:
        focus_now(self.query_one("#history-table", DataTable))
