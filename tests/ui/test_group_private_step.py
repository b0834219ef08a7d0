"""The private step of a group session (F7): each attendee alone sees their own open actions
and ticks what is done; it is kept in their own log, and nothing of it stays on the screen the
group shares."""

from __future__ import annotations

from datetime import timedelta

from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import ActionStatus, CheckInPhase, SessionType
from supervisor_tui.domain.session import CheckIn, Session
from supervisor_tui.ui.dialogs.own_actions import OwnActionsScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.conftest import reopen
from tests.ui.session_helpers import T0, Clock, make_app
from tests.ui.svg_text import screen_text as svg_text
from tests.ui.test_group_sessions import (
    PRIYA,
    SAM,
    catch_notices,
    home_with_rows,
    listed,
    select_row,
    two_people,
)
from tests.waiting import wait_for


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return svg_text(app.export_screenshot())


async def test_each_attendee_ticks_their_own_actions_in_private(service, data_dir):
    two_people(service)
    for sid, text, n in ((PRIYA, "Book the safeguarding refresher", 1),
                         (PRIYA, "Write up the home visit", 2),
                         (SAM, "Self-refer to the staff counselling service", 3)):
        service.records.save_action(Action(sid, f"x-one-{n}", text, "them",
                                           created_at=T0 - timedelta(days=14), id=f"t-{n}"))
    group = Session([PRIYA, SAM], type=SessionType.GROUP, id="x-group", created_at=T0,
                    duration_minutes=60)
    group.start(T0)
    for sid in (PRIYA, SAM):
        group.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "fine", at=T0))
    service.records.save_session(group)
    app = make_app(service, Clock(T0 + timedelta(minutes=20)))
    notices = catch_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await home_with_rows(pilot, app)
        await select_row(pilot, home, "Sam Okafor")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        session_screen = app.screen
        pane = session_screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: pane.names, what="the pane loaded")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, OwnActionsScreen)
                       and app.screen.person == "Priya Shah", what="Priya's private step")
        shown = screen_text(app)
        assert "Write up the home visit" in shown
        assert "Self-refer" not in shown  # Sam's are not in Priya's view
        await pilot.press("down", "space", "enter")  # the second: the home visit write-up
        await wait_for(pilot, lambda: isinstance(app.screen, OwnActionsScreen)
                       and app.screen.person == "Sam Okafor", what="Sam's private step")
        assert "Self-refer to the staff counselling service" in screen_text(app)
        await pilot.press("escape")  # Sam skips his
        await wait_for(pilot, lambda: app.screen is session_screen, what="the shared screen")
        await wait_for(pilot, lambda: any("1 of Priya Shah's actions marked done" in n
                                          for n in notices), what="the notice")
        # Left and resumed, the shared screen is drawn afresh from disk: still none of it.
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home, what="home")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="resumed")
        session_screen = app.screen
        pane = session_screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: pane.names, what="the pane loaded again")
        shared = "\n".join(listed(session_screen)) + screen_text(app)
        assert "Decisions" in shared  # the shared screen, drawn
        for own in ("home visit", "safeguarding refresher", "Self-refer"):
            assert own not in shared
    service.close()
    fresh = reopen(data_dir)
    try:
        priya = {a.id: a for a in fresh.records.actions(PRIYA)}
        assert priya["t-2"].status is ActionStatus.DONE
        assert priya["t-2"].closed_in_session == "x-group"
        assert priya["t-2"].closed_at == T0 + timedelta(minutes=20)
        assert priya["t-1"].is_open
        [sams] = fresh.records.actions(SAM)
        assert sams.is_open
    finally:
        fresh.close()
