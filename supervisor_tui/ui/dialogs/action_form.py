"""Agree an action: what, who, by when (free text, parsed and shown back live), case ref."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.dates import describe_day, parse_day
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.people import ValidationError, check_case_ref
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host

DUE_HINT = 'e.g. "next fri", "in 2 weeks", "14 dec"'
SHOWN_EMPTY = "the day is shown here as you type"


class ActionForm(FormScreen[Action]):
    """Returns a new `Action` (never saved here), or None when cancelled."""

    def __init__(self, supervisee_id: str, session_id: str, owner: str = "",
                 case_ref: str | None = None, draft: Action | None = None,
                 due_text: str = "") -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.session_id = session_id
        self.answer_id = draft.id if draft is not None else None
        self.baseline = {"what": "", "owner": owner, "due": "", "case": case_ref or ""}
        """What the form holds untouched; `start` may be a draft typed earlier."""
        self.start = {
            "what": draft.text if draft else "",
            "owner": draft.owner if draft else owner,
            "due": due_text or (draft.due.strftime("%d %b %Y") if draft and draft.due else ""),
            "case": (draft.case_ref if draft else case_ref) or "",
        }

    def compose(self) -> ComposeResult:
        with Vertical(classes="form action") as form:
            form.border_title = "New action"
            with Horizontal(classes="row"):
                yield Label("What", classes="field-label")
                yield Input(self.start["what"], id="what", max_length=500, compact=True,
                            placeholder="what will be done")
            with Horizontal(classes="row"):
                yield Label("Owner", classes="field-label")
                yield Input(self.start["owner"], id="owner", max_length=100, compact=True,
                            placeholder="who will do it")
            with Horizontal(classes="row"):
                yield Label("Due", classes="field-label")
                yield Input(self.start["due"], id="due", max_length=60, compact=True,
                            placeholder=DUE_HINT)
            yield Static(SHOWN_EMPTY, id="due-shown", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Case ref", classes="field-label")
                yield Input(self.start["case"], id="case", max_length=32, compact=True,
                            placeholder="optional: initials or case number")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#what", Input))
        self.show_due(self.start["due"])

    @property
    def today(self) -> date:
        return host(self).clock().date()

    def show_due(self, text: str) -> None:
        """Show back, as the user types, the day the due text will be saved as."""
        shown = self.query_one("#due-shown", Static)
        if not text.strip():
            shown.set_classes("hint")
            shown.update(SHOWN_EMPTY)
            return
        try:
            day = parse_day(text, self.today)
        except ValidationError:
            shown.set_classes("hint")
            shown.update("not a date yet")
            return
        shown.set_classes("shown-back")
        shown.update(describe_day(day, self.today))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self.show_due(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = ["what", "owner", "due", "case"]
        current = event.input.id or ""
        if current in order[:-1]:
            focus_now(self.query_one(f"#{order[order.index(current) + 1]}", Input))
        else:
            self.save()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def draft_doc(self) -> dict[str, Any]:
        what, owner, due_text, case = (self._value(f) for f in ("what", "owner", "due", "case"))
        action = Action(self.supervisee_id, self.session_id, what, owner, case_ref=case or None,
                        created_at=host(self).clock())
        self.keeps_id(action)
        return {"action": to_dict(action), "due_text": due_text}

    def has_input(self) -> bool:
        return any(self._value(f) != self.baseline[f].strip() for f in self.baseline)

    def save_now(self) -> None:
        what, owner, due_text, case = (self._value(f) for f in ("what", "owner", "due", "case"))
        if not what:
            self.show_error("Write what will be done.", "#what")
            return
        if not owner:
            self.show_error("Name who will do it.", "#owner")
            return
        if not due_text:
            self.show_error(f"Give a due date: by when? {DUE_HINT}.", "#due")
            return
        try:
            due = parse_day(due_text, self.today)
        except ValidationError as exc:
            self.show_error(str(exc), "#due")
            return
        try:
            case_ref = check_case_ref(case) if case else None
        except ValidationError as exc:
            self.show_error(str(exc), "#case")
            return
        action = Action(supervisee_id=self.supervisee_id, session_id=self.session_id, text=what,
                        owner=owner, due=due, case_ref=case_ref, created_at=host(self).clock())
        try:
            action.validate()
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        self.finish(action)
