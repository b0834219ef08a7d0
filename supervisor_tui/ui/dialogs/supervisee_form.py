"""Add or edit a supervisee: name (required) and role, with inline errors."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from supervisor_tui.domain.people import Supervisee, ValidationError
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host


class SuperviseeForm(DialogScreen[Supervisee]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, supervisee: Supervisee | None = None) -> None:
        super().__init__()
        self.original = supervisee

    def compose(self) -> ComposeResult:
        title = "Edit supervisee" if self.original else "New supervisee"
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = title
            yield Label("Name")
            yield Input(self.original.name if self.original else "", id="name",
                        placeholder="e.g. Sam Okafor", max_length=200)
            yield Label("Role")
            yield Input(self.original.role if self.original else "", id="role",
                        placeholder="e.g. Social worker, child protection", max_length=200)
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            focus_now(self.query_one("#role", Input))
        else:
            self.save()

    def save_now(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        role = self.query_one("#role", Input).value.strip()
        person = replace(self.original, name=name, role=role) if self.original else Supervisee(
            name=name, role=role, created_at=host(self).clock()
        )
        try:
            person.validate()
        except ValidationError as exc:
            self.show_error(str(exc), focus="#name")
            return
        self.dismiss(person)
