"""A 1 to 5 scale chosen with one digit key, showing what each end means."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

LOW_MEANS = "struggling"
HIGH_MEANS = "doing well"


class ScoreScale(Widget, can_focus=True):
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Score {n}", id=f"scale.score_{n}", show=False)
          for n in range(1, 6)),
        Binding("left", "step(-1)", "Lower", id="scale.lower", show=False),
        Binding("right", "step(1)", "Higher", id="scale.higher", show=False),
    ]

    score: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: ScoreScale, score: int, by_digit: bool) -> None:
            super().__init__()
            self.scale = scale
            self.score = score
            self.by_digit = by_digit
            """True when a digit chose the score (not an arrow step)."""

        @property
        def control(self) -> ScoreScale:
            return self.scale

    def __init__(self, score: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ScoreScale.score, score)

    def render(self) -> Text:
        marks = Text()
        for n in range(1, 6):
            style = "bold reverse" if n == self.score else ""
            marks.append(f" {n} ", style=style)
            if n < 5:
                marks.append(" ─ ", style="dim")
        ends = Text(f"1 = {LOW_MEANS}", style="dim")
        right = f"5 = {HIGH_MEANS}"
        gap = max(len(marks) - len(ends) - len(right), 2)
        ends.append(" " * gap + right, style="dim")
        hint = "Press 1 to 5" if self.score is None else f"Score: {self.score} of 5"
        return Text("\n").join([marks, ends, Text(hint, style="italic")])

    def action_choose(self, score: int, by_digit: bool = True) -> None:
        self.score = score
        self.post_message(self.Changed(self, score, by_digit))

    def action_step(self, delta: int) -> None:
        current = self.score if self.score is not None else 3 - delta
        self.action_choose(min(5, max(1, current + delta)), by_digit=False)
