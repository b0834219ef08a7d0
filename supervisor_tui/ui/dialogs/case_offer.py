"""Add a case named in a live session to the supervisee's caseload in one more key: its risk
(l, m or h). Opened only on request (F6), so keys typed ahead of it are meant for it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from supervisor_tui.domain.enums import RiskLevel


class CaseOfferScreen(ModalScreen[RiskLevel | None]):
    """Returns the risk the case is added at, or None (not now)."""

    DEFAULT_CSS = """
    CaseOfferScreen .buttons Button {
        width: auto;
        min-width: 0;
    }
    """

    BINDINGS = [
        Binding("l", "answer('low')", "Low risk", id="case-offer.low"),
        Binding("m", "answer('medium')", "Medium risk", id="case-offer.medium"),
        Binding("h", "answer('high')", "High risk", id="case-offer.high"),
        Binding("escape,n", "answer('')", "Not now", id="case-offer.cancel"),
    ]

    def __init__(self, ref: str, name: str) -> None:
        super().__init__()
        self.ref, self.person = ref, name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = f"Add {self.ref} to the caseload"
            yield Label(f"{self.ref} is not on {self.person}'s caseload. Add it at which risk? "
                        "Its label, allocation and review dates can be added later (f on "
                        "home).", classes="question", markup=False)
            with Horizontal(classes="buttons"):
                for level in RiskLevel:
                    yield Button(f"{level.value.capitalize()} ({level.value[0]})",
                                 id=level.value, compact=True)
                yield Button("Not now (esc)", id="cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer("" if event.button.id == "cancel" else str(event.button.id))

    def action_answer(self, level: str) -> None:
        self.dismiss(RiskLevel(level) if level else None)
