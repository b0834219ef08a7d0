"""A case named in a live session that is not on the caseload: said once, added with F6 and
its risk; its risk raised from the caseload; when due, it is first on a later session's agenda;
coverage read back from the reopened folder."""

from __future__ import annotations

from textual.widgets import Static

from supervisor_tui.domain.coverage import case_coverage
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.ui.dialogs.case_form import CaseForm
from supervisor_tui.ui.dialogs.case_offer import CaseOfferScreen
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.caseload import CaseloadScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from tests.conftest import reopen
from tests.ui.helpers import burst, heard
from tests.ui.session_helpers import T0, Clock, make_app, seed_person
from tests.waiting import wait_for

SID = "s-000001"


def on(app, screen_type):  # type: ignore[no-untyped-def]
    return lambda: isinstance(app.screen, screen_type)


async def start(pilot, app) -> SessionScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await wait_for(pilot, on(app, CheckInScreen), what="the opening check-in")
    await burst(pilot, "4", "enter")
    await wait_for(pilot, on(app, SessionScreen), what="the session")
    return app.screen


async def end(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f9")
    await wait_for(pilot, on(app, CheckInScreen), what="the closing check-in")
    await burst(pilot, "4", "enter")
    await wait_for(pilot, on(app, ClosingScreen), what="the closing checklist")
    await burst(pilot, "space", "ctrl+s", "y")  # "y" answers the question ctrl+s asks
    await wait_for(pilot, on(app, SignOffScreen), what="the sign-off")
    await pilot.press("escape")  # signed off later
    await wait_for(pilot, on(app, HomeScreen), what="home")


async def test_a_case_named_in_a_decision_is_added_raised_and_brought_back_when_due(
        service, data_dir):
    seed_person(service, "Ana Reyes", SID)
    clock = Clock(T0)
    app = make_app(service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        said = heard(app)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.files_checked, what="home")
        screen = await start(pilot, app)
        await pilot.press("f5", "d")
        await wait_for(pilot, on(app, DecisionForm), what="the decision form")
        await burst(pilot, *"Strategy meeting this week", "enter", *"Two referrals in a month",
                    "tab", *"CD-34", "ctrl+s")
        await wait_for(pilot, lambda: any("CD-34 is not on Ana Reyes's caseload" in s
                                          for s in said), what="the case said unknown")
        assert isinstance(app.screen, SessionScreen)  # said, not asked: nothing took the keys
        await burst(pilot, "f6", "m")
        await wait_for(pilot, lambda: any("CD-34 added to Ana Reyes's caseload at medium risk"
                                          in s for s in said), what="the case added")
        assert not isinstance(app.screen, CaseOfferScreen)
        assert screen.case_offers.pending == []
        await end(pilot, app)

        # The risk is raised from the caseload (f on home).
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and app.screen.caseload is not None, what="the caseload")
        await pilot.press("e")
        await wait_for(pilot, on(app, CaseForm), what="the case form")
        await burst(pilot, "right", "space", "ctrl+s")  # medium -> high
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen) and "raised" in
                       str(app.screen.query_one("#case-changes", Static).render()),
                       what="the risk raised")
        await pilot.press("escape")
        await wait_for(pilot, on(app, HomeScreen), what="home")

        # A session that does not reach it; at the next, a high-risk case is due: first.
        clock.advance(days=28)
        second = await start(pilot, app)
        assert not any(i.case_ref == "CD-34" for i in second.session.agenda)
        await end(pilot, app)
        clock.advance(days=28)
        third = await start(pilot, app)
        assert third.session.agenda[0].case_ref == "CD-34"
        await pilot.press("escape")
        await wait_for(pilot, on(app, HomeScreen), what="home")
    service.close()
    again = reopen(data_dir)
    try:
        records = again.records
        [case] = records.cases(SID)
        assert (case.ref, case.risk) == ("CD-34", RiskLevel.HIGH)
        assert [c.what for c in case.changes] == ["added at medium risk",
                                                  "risk raised from medium to high"]
        assert case.opened_at == T0
        [covered] = case_coverage(records.cases(SID), records.sessions(SID),
                                  records.decisions(SID))
        # Discussed in the first; the second and the third (left in progress) since.
        assert (covered.times_discussed, covered.sessions_since, covered.due) == (1, 2, True)
        first = min(records.sessions(SID), key=lambda s: s.when)
        assert "y" not in "".join(first.sections.values())  # the typed-ahead answer did not
        # land in the closing form
        assert covered.last_discussed is not None and covered.last_discussed.date() == T0.date()
    finally:
        again.close()
