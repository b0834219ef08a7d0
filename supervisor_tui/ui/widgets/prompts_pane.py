"""The prompts pane: the reflective prompt library, filtered by function and Kolb stage.

`f` cycles the function filter (then the closing quality questions), `s` the stage filter;
`i` or enter posts `PromptsPane.Insert` and the screen puts the prompt into the notes.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from supervisor_tui.domain.enums import Function, KolbStage
from supervisor_tui.domain.prompts import CLOSING, REFLECTIVE, Prompt, cycle, filter_prompts
from supervisor_tui.domain.session import Session

#: Function filter values: all reflective prompts, one function, or the closing questions.
FUNCTION_FILTERS: list[Function | str | None] = [None, *Function, CLOSING]
STAGE_FILTERS: list[KolbStage | None] = [None, *KolbStage]
STAGE_LABEL = {
    KolbStage.EXPERIENCE: "experience",
    KolbStage.REFLECTION: "reflection",
    KolbStage.ANALYSIS: "analysis",
    KolbStage.ACTION_PLANNING: "action planning",
}


class PromptsPane(Vertical):
    HELP = """
# Prompts

Reflective questions by function of supervision and stage of the reflective cycle. f cycles
the function (then the closing quality questions), s the stage. i or enter puts the prompt
into the notes at the cursor; used prompts are ticked. n writes a prompt of your own, kept in
prompts.toml beside config.toml and offered in every session from then on.
"""
    BORDER_TITLE = "Prompts F3"
    BINDINGS = [
        Binding("f", "cycle_function", "Function", id="prompts.function"),
        Binding("s", "cycle_stage", "Stage", id="prompts.stage"),
        Binding("i", "insert", "Insert", id="prompts.insert"),
        Binding("n", "new_prompt", "New prompt", id="prompts.new"),
    ]

    class Insert(Message):
        """Put this prompt into the notes at the cursor and mark it used."""

        def __init__(self, prompt: Prompt) -> None:
            super().__init__()
            self.prompt = prompt

    class Added(Message):
        """The user wrote a new prompt; the screen keeps it and shows it."""

        def __init__(self, prompt: Prompt) -> None:
            super().__init__()
            self.prompt = prompt

    def __init__(self, session: Session, prompts: list[Prompt], *, id: str = "prompts") -> None:
        super().__init__(id=id, classes="pane")
        self.session = session
        self.prompts = prompts
        self.function: Function | str | None = None
        self.stage: KolbStage | None = None
        self.shown: list[Prompt] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt-filters")
        yield OptionList(id="prompt-list")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#prompt-list", OptionList)

    def on_mount(self) -> None:
        if any(item.source == "wellbeing" for item in self.session.agenda):
            self.function = Function.RESTORATIVE  # the agenda opens with the person: suggest it
        self.refresh_prompts()

    def filtered(self) -> list[Prompt]:
        """The prompts the current filters let through."""
        if self.function == CLOSING:
            return filter_prompts(self.prompts, group=CLOSING)
        function = self.function if isinstance(self.function, Function) else None
        return filter_prompts(self.prompts, function, self.stage, group=REFLECTIVE)

    def label(self, prompt: Prompt) -> Content:
        used = prompt.id in self.session.prompts_used
        where = []
        if prompt.function is not None and self.function is None:
            where.append(prompt.function.value[:4])
        if prompt.stage is not None and self.stage is None and self.function != CLOSING:
            where.append(STAGE_LABEL[prompt.stage])
        return Content.assemble(
            ("✓ " if used else "  ", "bold $success"),
            (prompt.text, "$text-muted" if used else ""),
            (f"  {' · '.join(where)}" if where else "", "italic $text-muted"),
        )

    def refresh_prompts(self, select: str | None = None) -> None:
        options = self.option_list
        keep = select or (options.highlighted_option.id if options.highlighted_option else None)
        self.shown = self.filtered()
        options.set_options(Option(self.label(p), id=p.id) for p in self.shown)
        ids = [p.id for p in self.shown]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        if self.function == CLOSING:
            what = "closing questions"
        else:
            stage = STAGE_LABEL.get(self.stage, "all stages")  # type: ignore[arg-type]
            what = f"{self.function or 'all functions'} · {stage}"
        self.query_one("#prompt-filters", Static).update(
            Content.assemble((f"f/s filter: {what}", "$text-muted"), f"  ({len(ids)})")
        )

    def action_cycle_function(self) -> None:
        self.function = cycle(FUNCTION_FILTERS, self.function)
        self.refresh_prompts()

    def action_cycle_stage(self) -> None:
        if self.function == CLOSING:
            self.function = None
        self.stage = cycle(STAGE_FILTERS, self.stage)
        self.refresh_prompts()

    def action_insert(self) -> None:
        option = self.option_list.highlighted_option
        prompt = next((p for p in self.shown if option and p.id == option.id), None)
        if prompt is not None:
            self.post_message(self.Insert(prompt))

    @work(exclusive=True, group="prompt-form")
    async def action_new_prompt(self) -> None:
        from supervisor_tui.ui.dialogs.prompt_form import PromptForm

        function = self.function if isinstance(self.function, Function) else None
        prompt = await self.app.push_screen_wait(PromptForm(function, self.stage))
        if prompt is not None:
            if self.function == CLOSING:
                self.function = None
            self.post_message(self.Added(prompt))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_insert()
