"""Add or edit an agenda item: title, function, case reference and time box, checked inline."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import AgendaItem
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now


def _from_draft(doc: dict[str, Any] | None) -> AgendaItem | None:
    """A new item typed earlier and kept as a draft; None if there is none (or it is unusable)."""
    if not doc:
        return None
    try:
        function = Function(doc["function"]) if doc.get("function") else None
        timebox = str(doc.get("timebox") or "")
        return AgendaItem(str(doc.get("title") or ""), function, doc.get("case_ref") or None,
                          int(timebox) if timebox.isdigit() else None)
    except (ValueError, TypeError, KeyError):
        return None


class AgendaItemForm(FormScreen[AgendaItem]):
    """Returns the new or edited item (validated), or None when cancelled."""

    def __init__(self, item: AgendaItem | None = None,
                 draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.original = item
        self.start = item if item is not None else _from_draft(draft)
        """What the form opens with: the item being edited, or a new one typed earlier."""

    def compose(self) -> ComposeResult:
        item = self.start
        with Vertical(classes="form agenda-form") as form:
            form.border_title = "Edit agenda item" if self.original else "New agenda item"
            with Horizontal(classes="row"):
                yield Label("Title", classes="field-label")
                yield Input(item.title if item else "", id="title", max_length=200,
                            placeholder="e.g. Duty rota pressure", compact=True)
            with Horizontal(classes="row"):
                yield Label("Function", classes="field-label")
                yield Select(
                    [(f.value.capitalize(), f) for f in Function],
                    value=item.function if item and item.function else Select.NULL,
                    prompt="(none)", id="function", compact=True,
                )
            with Horizontal(classes="row"):
                yield Label("Case ref", classes="field-label")
                yield Input((item.case_ref or "") if item else "", id="case", max_length=32,
                            placeholder="initials or case number, e.g. JB", compact=True)
            with Horizontal(classes="row"):
                yield Label("Time box", classes="field-label")
                yield Input(
                    str(item.timebox_minutes) if item and item.timebox_minutes else "",
                    id="timebox", type="integer", max_length=3, compact=True,
                    placeholder="minutes, e.g. 10",
                )
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#title", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def fields(self) -> tuple[str, Function | None, str | None, str]:
        """Title, function, case ref and the time box as typed."""
        function = self.query_one("#function", Select).value
        return (self.query_one("#title", Input).value.strip(),
                function if isinstance(function, Function) else None,
                self.query_one("#case", Input).value.strip() or None,
                self.query_one("#timebox", Input).value.strip())

    def draft_doc(self) -> dict[str, Any]:
        title, function, case_ref, timebox = self.fields()
        return {"title": title, "function": function.value if function else None,
                "case_ref": case_ref, "timebox": timebox}

    def has_input(self) -> bool:
        item = self.original
        before = (item.title, item.function, item.case_ref,
                  str(item.timebox_minutes or "")) if item else ("", None, None, "")
        return self.fields() != before

    def save_now(self) -> None:
        title, function, case_ref, raw = self.fields()
        try:
            minutes = int(raw) if raw else None
        except ValueError:
            self.show_error("The time box is a whole number of minutes.", "#timebox")
            return
        if self.original is not None:
            item = replace(self.original, title=title, function=function, case_ref=case_ref,
                           timebox_minutes=minutes)
        else:
            item = AgendaItem(title, function, case_ref, minutes)
        try:
            item.validate()
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        self.finish(item)
