"""Snapshots of the home and live-session screens at 80x24 and 120x36 (fixed clock and data)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import TextArea

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import DecisionFlag
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.ui.session_helpers import (
    T0,
    Clock,
    make_app,
    seed_history,
    seed_live_session,
    seed_person,
)
from tests.waiting import wait_for

SIZES = [(80, 24), (120, 36)]
NOTES = (
    "## Duty rota pressure\n"
    "Two staff off sick; Sam covering duty three days a week.\n"
    "[restorative] 10:07 Sleeping badly before duty days.\n"
    "> What support do you need from me, and by when?\n"
    "Cover for Thursdays until January."
)


def seeded_app(service):
    seed_person(service)
    seed_person(service, "Priya Shah", "s-000002", 60)
    seed_history(service)
    session = seed_live_session(service, notes=NOTES)
    session.prompts_used = ["res-act-2"]
    service.records.save_session(session)
    service.records.add_decision(Decision(
        "s-000001", "x-000001", "Ask the manager for Thursday cover",
        "Two staff off sick; the rota is unsafe otherwise", flags=[DecisionFlag.SAFEGUARDING],
        decided_at=T0 + timedelta(minutes=12), id="d-000001",
    ))
    service.records.save_action(Action(
        "s-000001", "x-000001", "Email the manager about cover", "Sam Okafor",
        due=(T0 + timedelta(days=4)).date(), created_at=T0 + timedelta(minutes=13),
        id="t-000002",
    ))
    return make_app(service, Clock(T0 + timedelta(minutes=14)))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_home_screen(snap_compare, service, size):
    app = seeded_app(service)

    async def loaded(pilot):
        await wait_for(pilot, lambda: app.screen.query_one("#supervisees").row_count == 2,
                       what="home rows")

    assert snap_compare(app, terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_session_screen(snap_compare, service, size):
    app = seeded_app(service)

    async def open_session(pilot):
        await wait_for(pilot, lambda: app.screen.query_one("#supervisees").row_count == 2,
                       what="home rows")
        await pilot.press("down")  # Priya, then Sam: the session is with Sam
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        pane = app.screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: pane.decisions, what="decisions log")
        # The agenda pane focused: the notes cursor (which blinks) is then not drawn.
        await pilot.press("f2")
        await wait_for(pilot, lambda: not app.screen.query_one(TextArea).has_focus,
                       what="the notes unfocused")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_session)
