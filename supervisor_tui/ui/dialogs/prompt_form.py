"""Write a reflective prompt of your own: its wording, function and reflective-cycle stage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from supervisor_tui.domain.clock import new_id
from supervisor_tui.domain.enums import Function, KolbStage
from supervisor_tui.domain.prompts import Prompt
from supervisor_tui.prompts.loader import MAX_TEXT
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now


class PromptForm(FormScreen[Prompt]):
    """Returns the new prompt, or None when cancelled."""

    def __init__(self, function: Function | None = None, stage: KolbStage | None = None) -> None:
        super().__init__()
        self.function = function
        self.stage = stage

    def compose(self) -> ComposeResult:
        with Vertical(classes="form prompt-form") as form:
            form.border_title = "New prompt"
            with Horizontal(classes="row"):
                yield Label("Prompt", classes="field-label")
                yield Input("", id="text", max_length=MAX_TEXT, compact=True,
                            placeholder="e.g. What would you want a colleague to notice?")
            with Horizontal(classes="row"):
                yield Label("Function", classes="field-label")
                yield Select([(f.value.capitalize(), f) for f in Function],
                             value=self.function or Select.NULL, prompt="(choose)",
                             id="function", compact=True)
            with Horizontal(classes="row"):
                yield Label("Stage", classes="field-label")
                yield Select([(s.value.replace("_", " ").capitalize(), s) for s in KolbStage],
                             value=self.stage or Select.NULL, prompt="(choose)",
                             id="stage", compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#text", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        focus_now(self.query_one("#function", Select))

    def has_input(self) -> bool:
        return bool(self.query_one("#text", Input).value.strip())

    def save_now(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        function = self.query_one("#function", Select).value
        stage = self.query_one("#stage", Select).value
        if not text:
            self.show_error("Write the prompt's wording.", "#text")
        elif not isinstance(function, Function):
            self.show_error("Choose the function it serves.", "#function")
        elif not isinstance(stage, KolbStage):
            self.show_error("Choose its stage of the reflective cycle.", "#stage")
        else:
            self.finish(Prompt(new_id("my-"), text, function, stage))
