"""Add a case to a supervisee's caseload, or edit one: a de-identified reference (never a name),
its risk, when that risk was last reviewed, a short label and the allocation date. Dates are free
text, shown back as they are typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static

from supervisor_tui.domain.caseload import check_new_ref
from supervisor_tui.domain.dates import parse_day
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Case, ValidationError
from supervisor_tui.services.caseload import CaseEdit
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.dialogs.moment_echo import echo_day
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host
from supervisor_tui.ui.widgets.toggles import Choice, highlight_pressed

DATE_FIELDS = {"reviewed": "Reviewed", "allocated": "Allocated"}


class CaseForm(FormScreen[CaseEdit]):
    """Returns what to save (nothing is saved here), or None when cancelled."""

    DEFAULT_CSS = """
    CaseForm #risk {
        width: 1fr;
        layout: horizontal;
        height: auto;
    }
    CaseForm #risk Choice {
        width: auto;
        margin-right: 2;
    }
    """

    def __init__(self, caseload: list[Case], case: Case | None = None) -> None:
        super().__init__()
        self.caseload = caseload
        self.case = case
        self.start = {
            "ref": case.ref if case else "",
            "label": case.label if case else "",
            "reviewed": case.risk_reviewed.isoformat() if case and case.risk_reviewed else "",
            "allocated": case.allocated.isoformat() if case and case.allocated else "",
        }
        self.start_risk = case.risk if case else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form case") as form:
            form.border_title = f"Case {self.case.ref}" if self.case else "New case"
            with Horizontal(classes="row"):
                yield Label("Case ref", classes="field-label")
                yield Input(self.start["ref"], id="ref", max_length=32, compact=True,
                            disabled=self.case is not None,
                            placeholder="initials or case number, never a name")
            with Horizontal(classes="row"):
                yield Label("Risk", classes="field-label")
                with RadioSet(id="risk", compact=True):
                    for level in RiskLevel:
                        yield Choice(level.value.capitalize(), id=f"risk-{level.value}",
                                     value=level is self.start_risk, compact=True)
            for key, title in DATE_FIELDS.items():
                with Horizontal(classes="row"):
                    yield Label(title, classes="field-label")
                    yield Input(self.start[key], id=key, max_length=60, compact=True,
                                placeholder='e.g. "today", "3 nov" (optional)')
                yield Static("", id=f"{key}-shown", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Label", classes="field-label")
                yield Input(self.start["label"], id="label", max_length=60, compact=True,
                            placeholder="optional: a few words, no names")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        highlight_pressed(self.query_one("#risk", RadioSet))
        focus_now(self.query_one("#risk" if self.case else "#ref"))
        for key in DATE_FIELDS:
            self.show_day(key, self.start[key])

    @property
    def today(self) -> date:
        return host(self).clock().date()

    def _day(self, text: str) -> date | None:
        """The day typed (in the past, as review and allocation dates are), or None."""
        if not text.strip():
            return None
        day = parse_day(text, self.today, prefer_future=False)
        if day > self.today:
            raise ValidationError("That date is still to come: give the day it happened.")
        return day

    def show_day(self, key: str, text: str) -> None:
        echo_day(self.query_one(f"#{key}-shown", Static), text, self.today, self._day)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in DATE_FIELDS:
            self.show_day(event.input.id, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def risk(self) -> RiskLevel | None:
        pressed = self.query_one("#risk", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return None
        return RiskLevel(pressed.id.removeprefix("risk-"))

    def has_input(self) -> bool:
        return self.risk() is not self.start_risk or any(
            self._value(k) != v for k, v in self.start.items())

    def draft_doc(self) -> dict[str, Any]:
        return {k: self._value(k) for k in self.start}

    def save_now(self) -> None:
        ref = self._value("ref")
        if self.case is None:
            try:
                ref = check_new_ref(ref, self.caseload) if ref else ""
            except ValidationError as exc:
                self.show_error(str(exc), "#ref")
                return
            if not ref:
                self.show_error("Give the case reference: initials or a case number.", "#ref")
                return
        risk = self.risk()
        if risk is None:
            self.show_error("Choose the case's risk (arrows, then space).", "#risk")
            return
        days: dict[str, date | None] = {}
        for key in DATE_FIELDS:
            try:
                days[key] = self._day(self._value(key))
            except ValidationError as exc:
                self.show_error(str(exc), f"#{key}")
                return
        label = self._value("label")
        try:
            Case(ref, risk, opened_at=host(self).clock(), label=label).validate()
        except ValidationError as exc:
            self.show_error(str(exc), "#label")
            return
        self.finish(CaseEdit(ref, risk, label, days["allocated"], days["reviewed"]))
