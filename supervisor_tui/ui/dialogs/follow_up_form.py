"""Raise a learning goal (what, why, by when) or an escalation or disagreement (what, raised
with whom, when, when to follow it up). Dates are free text, shown back as they are typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from supervisor_tui.domain.dates import parse_day
from supervisor_tui.domain.development import FollowUp, FollowUpKind
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.services.development import FollowUpDraft
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.dialogs.moment_echo import echo_day
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host

#: field id -> (label, placeholder, for a goal / for an escalation)
FIELDS = {
    FollowUpKind.GOAL: {
        "what": ("Goal", "e.g. run a strategy meeting on my own"),
        "detail": ("Why", "what it will change in their practice (optional)"),
        "due": ("By when", 'e.g. "end of march", "in 3 months" (optional)'),
    },
    FollowUpKind.ESCALATION: {
        "what": ("Escalation", "what was raised or disputed, and why"),
        "detail": ("With whom", "a role, e.g. team manager, IRO; never a client's name"),
        "raised": ("Raised on", 'e.g. "today", "last mon"'),
        "due": ("Follow up", 'by when, e.g. "next fri" (optional)'),
    },
}


class FollowUpForm(FormScreen[FollowUpDraft]):
    """Returns what to raise (nothing is saved here), or None when cancelled."""

    def __init__(self, kind: FollowUpKind) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="form follow-up") as form:
            form.border_title = ("New learning goal" if self.kind is FollowUpKind.GOAL
                                 else "New escalation or disagreement")
            for key, (title, hint) in FIELDS[self.kind].items():
                with Horizontal(classes="row"):
                    yield Label(title, classes="field-label")
                    yield Input("today" if key == "raised" else "", id=key, compact=True,
                                max_length=300 if key in ("what", "detail") else 60,
                                placeholder=hint)
                if key in ("due", "raised"):
                    yield Static("", id=f"{key}-shown", classes="hint")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        focus_now(self.query_one("#what", Input))
        if self.kind is FollowUpKind.ESCALATION:
            self.show_day("raised", "today")

    @property
    def today(self) -> date:
        return host(self).clock().date()

    def _day(self, key: str, text: str) -> date | None:
        if not text.strip():
            return None
        day = parse_day(text, self.today, prefer_future=key == "due")
        if key == "raised" and day > self.today:
            raise ValidationError("That day is still to come: give the day it was raised.")
        return day

    def show_day(self, key: str, text: str) -> None:
        echo_day(self.query_one(f"#{key}-shown", Static), text, self.today,
                 lambda typed: self._day(key, typed))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("due", "raised"):
            self.show_day(event.input.id, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = list(FIELDS[self.kind])
        if event.input.id == fields[-1]:
            self.save()
        else:
            self.focus_next()

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def has_input(self) -> bool:
        return any(self._value(k) for k in FIELDS[self.kind] if k != "raised")

    def draft_doc(self) -> dict[str, Any]:
        return {k: self._value(k) for k in FIELDS[self.kind]}

    def save_now(self) -> None:
        days: dict[str, date | None] = {}
        for key in ("due", "raised"):
            if key not in FIELDS[self.kind]:
                continue
            try:
                days[key] = self._day(key, self._value(key))
            except ValidationError as exc:
                self.show_error(str(exc), f"#{key}")
                return
        draft = FollowUpDraft(self.kind, self._value("what"), self._value("detail"),
                              days.get("due"), days.get("raised"))
        try:
            FollowUp("-", draft.kind, draft.what, draft.detail, draft.due,
                     raised_at=host(self).clock()).validate()
        except ValidationError as exc:
            message = str(exc)
            detail = "detail" in message or "raised with" in message
            self.show_error(message, "#detail" if detail else "#what")
            return
        self.finish(draft)
