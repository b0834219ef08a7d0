"""The bare reference apps: the home screen's widget types with no data; one TextArea.

The roster table is the project's own widget (the home screen draws its rows with it); it
imports only Textual and Rich, so the reference pays nothing of the app's domain or storage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Static

from benchmarks.drivers.pilot import finish_after_frame, type_keys, wait_until
from supervisor_tui.ui.widgets.roster_table import Column, RosterTable

COLUMNS = [Column(label, label.lower()) for label in
           ["Name", "Role", "Last held", "Next due", "Overdue", "Open actions", "Wellbeing",
            "Balance"]]


class BareHome(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield RosterTable(COLUMNS)
        yield Static("")
        yield Footer()


class BareNotes(App[None]):
    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea  # here: the startup figure should not load it

        self.area = TextArea()
        yield self.area

    def on_mount(self) -> None:
        self.area.focus()


def home(report: Path) -> None:
    app = BareHome()

    async def pilot(pilot: Pilot[Any]) -> None:
        await wait_until(lambda: bool(app.query(RosterTable)))
        finish_after_frame(app, report, {})

    app.run(auto_pilot=pilot)


def typing(report: Path, count: int) -> None:
    app = BareNotes()

    async def pilot(pilot: Pilot[Any]) -> None:
        await wait_until(lambda: app.focused is not None)
        area = app.area
        spent = await type_keys(app, area, count)
        finish_after_frame(app, report, {**spent, "chars": len(area.text)})

    app.run(auto_pilot=pilot)
