"""A small host app for driving one modal or the decisions pane in tests, on a fixed clock.

Try a form by hand: `python -m tests.ui.form_host decision|action|checkin|closing|signoff`,
or the pane on a scratch folder: `python -m tests.ui.form_host pane /tmp/somewhere`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

import supervisor_tui
from supervisor_tui.domain.enums import CheckInPhase, SessionStatus
from supervisor_tui.domain.session import AgendaItem, Session
from supervisor_tui.ui.keys_ahead import TypesAhead
from tests.support import STAMP

APP_TCSS = Path(supervisor_tui.__file__).parent / "ui" / "app.tcss"
FIXED_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""A Monday: "next friday" is 27 Nov 2026."""


def fixed_clock() -> datetime:
    return FIXED_NOW


def sample_session(supervisee_id: str = "s-sam") -> Session:
    item = AgendaItem(title="Family AB12: contact plan", case_ref="AB12", id="i-1")
    return Session(supervisee_ids=[supervisee_id], status=SessionStatus.IN_PROGRESS,
                   started_at=FIXED_NOW, agenda=[item], current_item_id=item.id, id="x-today",
                   created_at=FIXED_NOW)


class FormHost(TypesAhead):
    """Pushes one screen on mount and keeps whatever it is dismissed with; keys typed ahead
    are held and routed as the app does."""

    CSS_PATH = str(APP_TCSS)

    def __init__(self, make_screen: Callable[[], Screen[Any]], service: Any = None,
                 clock: Callable[[], datetime] = fixed_clock) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.service = service
        self.clock = clock
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("session screen", id="behind")
        yield Footer()

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


class PaneHost(TypesAhead):
    """Hosts the decisions pane on its own, as the session screen will."""

    CSS_PATH = str(APP_TCSS)

    def __init__(self, session: Session, supervisee_id: str, service: Any,
                 clock: Callable[[], datetime] = fixed_clock) -> None:
        super().__init__()
        self.session = session
        self.supervisee_id = supervisee_id
        self.service = service
        self.clock = clock
        self.changes: list[Any] = []
        self.messages: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:
        self.messages.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane

        yield DecisionsPane(self.session, self.supervisee_id, id="decisions")
        yield Footer()

    def on_decisions_pane_changed(self, event: Any) -> None:
        self.changes.append(event)


def _demo(kind: str) -> None:
    from supervisor_tui.ui.dialogs.action_form import ActionForm
    from supervisor_tui.ui.dialogs.checkin import CheckInScreen
    from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
    from supervisor_tui.ui.dialogs.decision_form import DecisionForm

    screens: dict[str, Callable[[], Screen[Any]]] = {
        "decision": lambda: DecisionForm("s-sam", "x-today", case_ref="AB12"),
        "action": lambda: ActionForm("s-sam", "x-today", owner="Sam Okafor", case_ref="AB12"),
        "checkin": lambda: CheckInScreen("s-sam", "Sam Okafor", CheckInPhase.OPENING),
        "closing": lambda: ClosingScreen(sample_session(), {"s-sam": "Sam Okafor"}),
        "signoff": lambda: SignOffScreen("s-sam", "Sam Okafor"),
    }
    app = FormHost(screens[kind])
    app.run()
    print(app.results)


def _pane(path: str) -> None:
    from supervisor_tui.domain.people import Supervisee
    from tests.support import open_service

    service = open_service(path)
    service.records.save_supervisee(Supervisee(name="Sam Okafor", id="s-sam", created_at=STAMP))
    try:
        PaneHost(sample_session(), "s-sam", service).run()
    finally:
        service.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["pane"]:
        _pane(sys.argv[2])
    else:
        _demo(sys.argv[1] if len(sys.argv) > 1 else "decision")
