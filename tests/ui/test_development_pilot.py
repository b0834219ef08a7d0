"""Learning goals and escalations driven from a live session (ctrl+o): raised in one session,
back on the next agenda, a progress note and the escalation resolved in the next; closed, it is
no longer carried; the goal is carried on; the practitioner file tells it over time."""

from __future__ import annotations

from datetime import timedelta

from supervisor_tui.domain.development import FollowUpKind, FollowUpStatus
from supervisor_tui.reports.practitioner import practitioner_markdown
from supervisor_tui.store.bundle import load_bundle
from supervisor_tui.ui.dialogs.follow_up_form import FollowUpForm
from supervisor_tui.ui.dialogs.reason_prompt import ReasonPrompt
from supervisor_tui.ui.screens.development import DevelopmentScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from tests.conftest import reopen
from tests.ui.helpers import burst, heard
from tests.ui.session_helpers import T0, Clock, make_app, seed_person
from tests.ui.test_case_from_session import end, start
from tests.waiting import wait_for

SID = "s-000001"


async def development(pilot, app) -> DevelopmentScreen:  # type: ignore[no-untyped-def]
    await burst(pilot, "ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, DevelopmentScreen)
                   and app.screen.data is not None, what="goals and escalations")
    return app.screen


async def test_a_goal_and_an_escalation_carried_from_session_to_session(service, data_dir):
    seed_person(service, "Ana Reyes", SID)
    clock = Clock(T0)  # Mon 23 Nov 2026
    app = make_app(service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        said = heard(app)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.files_checked, what="home")
        first = await start(pilot, app)
        screen = await development(pilot, app)
        await burst(pilot, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm), what="goal form")
        await burst(pilot, *"Chair a strategy meeting", "tab", *"Confidence with partners",
                    "tab", *"in 3 weeks", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.data is not None
                       and len(screen.data.items) == 1, what="the goal listed")
        await burst(pilot, "x")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm), what="escalation")
        await burst(pilot, *"Rota leaves Fridays without cover", "tab", *"team manager",
                    "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.data is not None
                       and len(screen.data.items) == 2, what="the escalation listed")
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is first, what="back in the session")
        await end(pilot, app)

        clock.advance(days=14)
        second = await start(pilot, app)
        titles = [i.title for i in second.session.agenda]
        assert "Escalation: Rota leaves Fridays without cover (raised with team manager " \
               "23 Nov)" in titles
        assert "Learning goal: Chair a strategy meeting (by 14 Dec 2026)" in titles
        screen = await development(pilot, app)
        assert screen.selected() is not None
        assert screen.selected().kind is FollowUpKind.ESCALATION  # open escalations first
        await burst(pilot, "n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonPrompt), what="note")
        await burst(pilot, *"Manager raising it at the service meeting", "enter")
        await wait_for(pilot, lambda: app.screen is screen, what="the note kept")
        await burst(pilot, "c")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonPrompt), what="outcome")
        await burst(pilot, *"Cover agreed from January", "enter")
        await wait_for(pilot, lambda: any("Escalation resolved" in s for s in said),
                       what="the escalation resolved")
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        await end(pilot, app)

        clock.advance(days=28)
        third = await start(pilot, app)
        titles = [i.title for i in third.session.agenda]
        assert not any(t.startswith("Escalation:") for t in titles)
        assert "Learning goal: Chair a strategy meeting (by 14 Dec 2026, overdue)" in titles
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
    service.close()
    again = reopen(data_dir)
    try:
        goal, rota = again.records.follow_ups(SID)
        assert (goal.kind, goal.status, goal.due) == (
            FollowUpKind.GOAL, FollowUpStatus.OPEN, (T0 + timedelta(days=21)).date())
        assert goal.session_id is not None  # raised in the first session
        assert (rota.status, rota.outcome, rota.detail) == (
            FollowUpStatus.RESOLVED, "Cover agreed from January", "team manager")
        assert [n.text for n in rota.notes] == ["Manager raising it at the service meeting"]
        assert rota.closed_at == T0 + timedelta(days=14)
        text = practitioner_markdown(load_bundle(again.records, SID), T0, T0.date(), {}, {})
    finally:
        again.close()
    assert "- Chair a strategy meeting (why: Confidence with partners); by 2026-12-14: open" \
        in text
    assert "- Rota leaves Fridays without cover; raised with team manager on 2026-11-23: " \
        "resolved" in text
    assert ": resolved: Cover agreed from January" in text
