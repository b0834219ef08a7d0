"""Ask for a date and time as free text (and, for an ad hoc session, a length), showing the parsed
value back before it can be used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, Label, Static

from supervisor_tui.domain.dates import describe_moment, parse_moment
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.focus import focus_now


@dataclass
class PlannedTime:
    start: datetime
    minutes: int


class PlanPrompt(DialogScreen[PlannedTime]):
    """`now` fixes the zone: the typed time is wall-clock time there."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="plan.cancel")]

    def __init__(self, title: str, question: str, now: datetime, default_time: time,
                 minutes: int | None = None) -> None:
        super().__init__()
        self.title_text, self.question = title, question
        self.now, self.default_time = now, default_time
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(self.question, classes="question")
            yield Input(id="when", max_length=60, compact=True,
                        placeholder='e.g. "next thu 14:00", "in 2 weeks", "3 dec 09:30"')
            yield Label("", id="parsed")
            if self.minutes is not None:
                yield Label("Length in minutes")
                yield Input(str(self.minutes), id="minutes", type="integer", max_length=3,
                            compact=True)
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        focus_now(self.query_one("#when", Input))

    def parsed(self) -> datetime:
        text = self.query_one("#when", Input).value
        return parse_moment(text, self.now, default_time=self.default_time)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "when":
            return
        label = self.query_one("#parsed", Label)
        if not event.value.strip():
            label.update("")
            return
        try:
            moment = self.parsed()
        except ValidationError as exc:
            label.update(f"[i]{escape(str(exc))}[/i]")
            return
        zone = moment.tzname() or ""
        label.update(f"[b]{describe_moment(moment, self.now)}[/b] {zone}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "when" and self.minutes is not None:
            focus_now(self.query_one("#minutes", Input))
        else:
            self.save()

    def save_now(self) -> None:
        try:
            moment = self.parsed()
            minutes = self.minutes or 0
            if self.minutes is not None:
                text = self.query_one("#minutes", Input).value.strip()
                if not text.isdigit() or not 5 <= int(text) <= 480:
                    raise ValidationError("Length is between 5 and 480 minutes.")
                minutes = int(text)
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(PlannedTime(moment, minutes))
