"""Cancel a planned session: the reason and who cancelled are both required; a date to rebook
it for may be given in the same step (free text, shown back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static

from supervisor_tui.domain.dates import parse_moment
from supervisor_tui.domain.enums import CancelledBy
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.dialogs.moment_echo import echo_moment
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host
from supervisor_tui.ui.widgets.toggles import Choice

REBOOK_HINT = "optional, e.g. in 2 weeks"


@dataclass
class Cancellation:
    reason: str
    by: CancelledBy
    rebook: datetime | None = None
    """When it was rebooked for, in the same step (None: not rebooked yet)."""


class CancelPrompt(DialogScreen[Cancellation]):
    DEFAULT_CSS = """
    CancelPrompt #by {
        layout: horizontal;
        width: 100%;
        height: auto;
    }
    CancelPrompt #by Choice {
        width: auto;
        margin-right: 2;
    }
    CancelPrompt .rebook {
        height: auto;
    }
    CancelPrompt #rebook {
        width: 24;
    }
    CancelPrompt #rebook-shown {
        width: 1fr;
        margin-left: 2;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Back", id="cancel-session.back")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Cancel a session"
            yield Static(self.what, classes="question")
            yield Label("Reason")
            yield Input(id="reason", max_length=300, compact=True,
                        placeholder="e.g. court hearing, sickness")
            yield Label("Cancelled by")
            with RadioSet(id="by", compact=True):
                for who in CancelledBy:
                    yield Choice(who.value.capitalize(), id=f"by-{who.value}", compact=True)
            yield Label("Rebook for")
            with Horizontal(classes="rebook"):
                yield Input(id="rebook", max_length=60, compact=True, placeholder="date and time")
                yield Static(REBOOK_HINT, id="rebook-shown", classes="hint")
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel session (enter)", id="save", variant="error")
                yield Button("Keep it (esc)", id="keep")

    def on_mount(self) -> None:
        focus_now(self.query_one("#reason", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "rebook":
            return
        echo_moment(self.query_one("#rebook-shown", Static), event.value, host(self).clock(),
                    REBOOK_HINT)

    def on_input_submitted(self) -> None:
        has_reason = bool(self.query_one("#reason", Input).value.strip())
        if has_reason and self.chosen() is None:
            self.show_error("", focus="#by")
        else:
            self.save()

    def chosen(self) -> CancelledBy | None:
        pressed = self.query_one("#by", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return None
        return CancelledBy(pressed.id.removeprefix("by-"))

    def save_now(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        by = self.chosen()
        if not reason:
            self.show_error("Give a reason for the cancellation.", focus="#reason")
        elif by is None:
            self.show_error("Choose who cancelled (arrows, then space).",
                            focus="#by")
        else:
            rebook = None
            text = self.query_one("#rebook", Input).value
            if text.strip():
                try:
                    rebook = parse_moment(text, host(self).clock())
                except ValidationError as exc:
                    self.show_error(f"Rebook for: {exc}", focus="#rebook")
                    return
            self.dismiss(Cancellation(reason, by, rebook))
