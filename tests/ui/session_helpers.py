"""Shared set-up for the live-session tests: fixed data, a settable clock, waiting helpers."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from supervisor_tui.app import SupervisorApp, create_app
from supervisor_tui.config import Config
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import CheckInPhase, Function, RiskLevel
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, CheckIn, Session
from supervisor_tui.services.service import Service
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from tests import builders as build
from tests.builders import held_by_hand
from tests.waiting import wait_for

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

# Screens show local times; pin the zone so times and snapshots read the same everywhere.
os.environ["TZ"] = "UTC"
time.tzset()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, at: datetime = T0) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def make_app(service: Service, clock: Callable[[], datetime] | None = None,
             **config: object) -> SupervisorApp:
    return create_app(service, Config(**config), clock or Clock())  # type: ignore[arg-type]


def seed_person(service: Service, name: str = "Sam Okafor", sid: str = "s-000001",
                minutes: int = 50) -> Supervisee:
    records = service.records
    person = records.save_supervisee(
        Supervisee(name, "Social worker", id=sid, created_at=T0 - timedelta(days=90))
    )
    records.save_agreement(Agreement(sid, duration_minutes=minutes, id=f"a-{sid[2:]}",
                                     dtstart=T0 - timedelta(days=90),
                                     created_at=T0 - timedelta(days=90)))
    return person


def seed_live_session(service: Service, sid: str = "s-000001",
                      notes: str = "") -> Session:
    """A session in progress, opening check-in done, agenda with a current item."""
    items = [
        AgendaItem("Review action: Call the school", Function.NORMATIVE, "AB12", 5,
                   source="action", id="i-000001"),
        AgendaItem("Duty rota pressure", Function.RESTORATIVE, None, 10, id="i-000002"),
        AgendaItem("Case CD34: high risk, not discussed for 2 sessions", Function.NORMATIVE,
                   "CD34", 15, source="case", id="i-000003"),
    ]
    session = Session([sid], duration_minutes=50, id="x-000001", created_at=T0,
                      agenda=items, notes=notes)
    session.start(T0)
    session.current_item_id = "i-000002"
    session.current_item_started_at = T0 + timedelta(minutes=5)
    session.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "stretched", at=T0))
    service.records.save_session(session)
    return session


def seed_history(service: Service, sid: str = "s-000001") -> None:
    """Two earlier sessions, an open action and cases, for pre-fill and the home figures."""
    records = service.records
    records.save_case(sid, Case("AB12", RiskLevel.MEDIUM, opened_at=T0 - timedelta(days=90)))
    records.save_case(sid, Case("CD34", RiskLevel.HIGH, opened_at=T0 - timedelta(days=90)))
    for n, score in ((8, 4), (4, 2)):
        at = T0 - timedelta(weeks=n)
        s = held_by_hand(sid, at, session_id=f"x-00010{n}", length=timedelta(hours=1),
                         agenda=[build.item(f"i-00010{n}", "Caseload", case="AB12")],
                         opening=(score, "ok"))
        records.save_session(s)
    records.save_action(Action(sid, "x-000104", "Call the school", "Sam Okafor",
                               due=(T0 - timedelta(days=3)).date(), case_ref="AB12",
                               created_at=T0 - timedelta(weeks=4), id="t-000001"))


async def start_group_from_home(pilot, app: SupervisorApp) -> None:
    """From home with the first of two people selected: `g`, tick the second, start, and
    answer both opening check-ins (4 and 2), until the group's session screen shows."""
    from supervisor_tui.ui.dialogs.checkin import CheckInScreen
    from supervisor_tui.ui.screens.session import SessionScreen

    await pilot.press("g")  # the selected person is already ticked
    await pilot.pause()
    await pilot.press("space", "ctrl+s")  # the cursor starts on the next person
    for score in ("4", "2"):
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen), what="check-in")
        checkin = app.screen
        await pilot.press(score, "enter")
        await wait_for(pilot, lambda s=checkin: app.screen is not s, what="next")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")


async def open_live(pilot, app) -> NotesPane:
    """From home, resume the live session (s) and wait for the notes to have the focus."""
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session screen")
    notes = app.screen.query_one(NotesPane)
    await wait_for(pilot, lambda: app.focused is notes.text_area, what="notes focus")
    return notes


@asynccontextmanager
async def live_notes(service: Service, size: tuple[int, int] = (120, 36),
                     notes: str = "") -> AsyncIterator[tuple[object, NotesPane]]:
    """The seeded person's live session, opened at its notes: (pilot, notes pane)."""
    seed_person(service)
    seed_live_session(service, notes=notes)
    app = make_app(service)
    async with app.run_test(size=size) as pilot:
        yield pilot, await open_live(pilot, app)


def hold_decision_saves(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Decision saves wait on the writer until released: (a save started, release it)."""
    from supervisor_tui.services.live import add_decision
    from supervisor_tui.ui.widgets import decisions_pane

    release = threading.Event()
    saving = threading.Event()

    def held_save(ws: Any, decision: Any) -> Any:
        saving.set()
        assert release.wait(10), "the test never released the save"
        return add_decision(ws, decision)

    monkeypatch.setattr(decisions_pane, "add_decision", held_save)
    return saving, release
