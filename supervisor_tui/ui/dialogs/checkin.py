"""Opening or closing check-in: a 1 to 5 score by one digit key, and a word."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import CheckIn
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host
from supervisor_tui.ui.widgets.score_scale import ScoreScale

QUESTION = {
    CheckInPhase.OPENING: "How are you arriving today?",
    CheckInPhase.CLOSING: "How are you leaving?",
}


def _from_draft(doc: dict[str, Any] | None, baseline: tuple[int | None, str]
                ) -> tuple[int | None, str]:
    """What the form opens with: a draft's score and word where usable, else `baseline`."""
    if not doc:
        return baseline
    score, word = doc.get("score"), doc.get("word")
    return (score if isinstance(score, int) and 1 <= score <= 5 else baseline[0],
            word[:80] if isinstance(word, str) else baseline[1])


class CheckInScreen(FormScreen[CheckIn]):
    BINDINGS = [
        Binding("enter", "save", "Save", id="checkin.save"),
        Binding("escape", "skip", "Skip", id="checkin.skip"),
        # A score digit moves on to the word while the digit is handled: letters typed
        # straight after it go to the word, not to the scale.
        *(Binding(str(n), f"score({n})", show=False, priority=True, id=f"checkin.score-{n}")
          for n in range(1, 6)),
    ]

    def __init__(self, supervisee_id: str, supervisee_name: str, phase: CheckInPhase,
                 current: CheckIn | None = None, draft: dict[str, Any] | None = None) -> None:
        """`draft`: a score and word typed and not saved (`draft_doc`)."""
        super().__init__()
        self.supervisee_id = supervisee_id
        self.supervisee_name = supervisee_name
        self.phase = phase
        self.current = current
        self.baseline = (current.score, current.word) if current else (None, "")
        self.start = _from_draft(draft, self.baseline)

    def compose(self) -> ComposeResult:
        title = "Opening check-in" if self.phase is CheckInPhase.OPENING else "Closing check-in"
        with Vertical(classes="form checkin") as form:
            form.border_title = f"{title}: {self.supervisee_name}"
            yield Static(QUESTION.get(self.phase, "How are you?"), classes="note")
            yield ScoreScale(self.start[0], id="score")
            with Horizontal(classes="row"):
                yield Label("A word", classes="field-label")
                yield Input(self.start[1], id="word",
                            placeholder="one word or a few", max_length=80, compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary", compact=True)
                yield Button("Skip (esc)", id="skip", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one(ScoreScale))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "score":
            return isinstance(self.focused, ScoreScale)
        return super().check_action(action, parameters)

    def text_field_for(self, event: events.Key) -> Input | TextArea | None:
        if isinstance(self.focused, ScoreScale) and (event.character or "").isdigit():
            return None  # a digit on the scale is a score, not the start of the word
        return super().text_field_for(event)

    def on_key(self, event: events.Key) -> None:
        # Another digit on the scale is a score out of range, not the start of the word.
        if isinstance(self.focused, ScoreScale) and (event.character or "").isdigit():
            event.prevent_default()
            event.stop()
            self.query_one("#error", Static).update("The score is 1 to 5.")

    def action_score(self, score: int) -> None:
        scale = self.query_one(ScoreScale)
        scale.score = score
        self.query_one("#error", Static).update("")
        focus_now(self.query_one("#word", Input))
        self.draft_changed()

    def on_score_scale_changed(self, event: ScoreScale.Changed) -> None:
        self.query_one("#error", Static).update("")
        if event.by_digit:
            focus_now(self.query_one("#word", Input))
        self.draft_changed()

    def _values(self) -> tuple[int | None, str]:
        return self.query_one(ScoreScale).score, self.query_one("#word", Input).value.strip()

    def has_input(self) -> bool:
        return self._values() != self.baseline

    def draft_doc(self) -> dict[str, Any]:
        score, word = self._values()
        return {"score": score, "word": word}

    def save_now(self) -> None:
        self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_skip()

    def action_save(self) -> None:
        score = self.query_one(ScoreScale).score
        error = self.query_one("#error", Static)
        if score is None:
            error.update("Press a digit from 1 to 5 for the score, or escape to skip.")
            focus_now(self.query_one(ScoreScale))
            return
        checkin = CheckIn(supervisee_id=self.supervisee_id, phase=self.phase, score=score,
                          word=self.query_one("#word", Input).value.strip(), at=host(self).clock())
        try:
            checkin.validate()
        except ValidationError as exc:
            error.update(str(exc))
            return
        self.finish(checkin)

    def action_skip(self) -> None:
        self.dismiss(None)
