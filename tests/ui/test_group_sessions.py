"""Group sessions from the home screen: `s` on any attendee resumes the group session in
progress, and the shared screen shows only what belongs to the group."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import OptionList

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.enums import CheckInPhase, SessionType
from supervisor_tui.domain.session import CheckIn, Session
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.conftest import reopen
from tests.ui.session_helpers import (
    T0,
    Clock,
    make_app,
    seed_live_session,
    seed_person,
    start_group_from_home,
)
from tests.waiting import wait_for

SAM, PRIYA = "s-000001", "s-000002"


def two_people(service) -> None:
    seed_person(service)                            # Sam Okafor
    seed_person(service, "Priya Shah", PRIYA, 60)   # listed first on home (by name)


def catch_notices(app) -> list[str]:
    notices: list[str] = []
    notify = app.notify

    def keep(message: str, **kwargs: Any) -> None:
        notices.append(message)
        notify(message, **kwargs)

    app.notify = keep
    return notices


async def home_with_rows(pilot, app, count: int = 2) -> HomeScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
    await wait_for(pilot, lambda: len(app.screen.rows) == count, what="rows")
    return app.screen


async def select_row(pilot, home: HomeScreen, name: str) -> None:
    """Move the cursor with the arrow keys, as a person would, onto `name`."""
    names = [row.supervisee.name for row in home.rows]
    for _ in range(len(names)):
        if home.selected.supervisee.name == name:
            return
        here = names.index(home.selected.supervisee.name)
        await pilot.press("down" if names.index(name) > here else "up")
    assert home.selected.supervisee.name == name


def header_line(screen: SessionScreen) -> str:
    return str(screen.query_one("#session-clock").content)


async def test_s_on_the_second_attendee_resumes_the_group_session(service, data_dir):
    two_people(service)
    clock = Clock(T0)
    app = make_app(service, clock)
    notices = catch_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await home_with_rows(pilot, app)
        await start_group_from_home(pilot, app)
        group_id = app.screen.session.id
        await pilot.press(*"Shared worries about the rota")
        clock.advance(minutes=20)
        await pilot.press("escape")
        home = await home_with_rows(pilot, app)
        await select_row(pilot, home, "Sam Okafor")  # the second attendee
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="resumed")
        screen = app.screen
        await pilot.pause()
        assert not isinstance(app.screen, CheckInScreen)  # both opening check-ins kept
        assert screen.session.id == group_id
        assert screen.session.supervisee_ids == [PRIYA, SAM]
        assert screen.names == {PRIYA: "Priya Shah", SAM: "Sam Okafor"}
        assert header_line(screen).startswith("Priya Shah, Sam Okafor · from 10:00, 60 min")
        assert screen.session.notes == "Shared worries about the rota"
        assert "Resuming the group with Priya Shah, Sam Okafor, in progress." in notices
    service.close()  # as quitting would: everything queued is written first
    fresh = reopen(data_dir)
    try:
        for sid in (SAM, PRIYA):
            [stored] = fresh.records.sessions(sid)
            assert stored.id == group_id and stored.type is SessionType.GROUP
            assert stored.notes == "Shared worries about the rota"
    finally:
        fresh.close()


async def test_with_an_older_one_to_one_open_s_resumes_the_newer_group_and_says_so(
        service, data_dir):
    two_people(service)
    one_to_one = seed_live_session(service)  # Sam's, started at T0 and never ended
    group = Session([PRIYA, SAM], type=SessionType.GROUP, id="x-group",
                    created_at=T0 + timedelta(days=1), duration_minutes=60)
    group.start(T0 + timedelta(days=1))
    for sid in (PRIYA, SAM):
        group.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "fine", at=group.started_at))
    service.records.save_session(group)
    app = make_app(service, Clock(T0 + timedelta(days=1, minutes=5)))
    notices = catch_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await home_with_rows(pilot, app)
        await select_row(pilot, home, "Sam Okafor")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="resumed")
        assert app.screen.session.id == "x-group"
        [notice] = [n for n in notices if "Resuming" in n or "resuming" in n]
        assert notice.startswith("2 sessions are in progress: resuming the most recently "
                                 "started, the group with Priya Shah, Sam Okafor")
        assert "Still open: one-to-one from 23 Nov 2026 10:00." in notice
    service.close()  # as quitting would: everything queued is written first
    fresh = reopen(data_dir)
    try:
        assert sorted(s.id for s in fresh.records.sessions(SAM)) == sorted(
            [one_to_one.id, "x-group"])
        assert [s.id for s in fresh.records.sessions(PRIYA)] == ["x-group"]
    finally:
        fresh.close()


def listed(screen) -> list[str]:
    listing = screen.query_one("#decisions-list", OptionList)
    return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]


async def test_the_decisions_pane_of_a_group_shows_only_the_groups_own_entries(
        service, data_dir):
    """The screen of a group session may be seen by the whole group: each person's one-to-one
    decisions and actions are not drawn there, only what the group decides."""
    two_people(service)
    earlier = [
        Decision(SAM, "x-old-sam", "Sam takes the duty rota review", "He asked for it",
                 decided_at=T0 - timedelta(days=20), id="d-sam"),
        Decision(PRIYA, "x-old-priya", "Priya shadows the court work", "New to the team",
                 decided_at=T0 - timedelta(days=10), id="d-priya"),
    ]
    for d in earlier:
        service.records.add_decision(d)
    group = Session([PRIYA, SAM], type=SessionType.GROUP, id="x-group", created_at=T0,
                    duration_minutes=60)
    group.start(T0)
    for sid in (PRIYA, SAM):
        group.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "fine", at=T0))
    service.records.save_session(group)
    clock = Clock(T0 + timedelta(minutes=30))
    app = make_app(service, clock)
    notices = catch_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await home_with_rows(pilot, app)
        await select_row(pilot, home, "Sam Okafor")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        screen = app.screen
        pane = screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: pane.names, what="the pane loaded")
        assert pane.decisions == []
        await pilot.press("f5", "l")  # no running logs on a group's screen
        await wait_for(pilot, lambda: any("only what belongs to the group" in n
                                          for n in notices), what="the notice")
        assert listed(screen)[0] == "Decisions (0)"
        assert str(screen.query_one("#decisions-view").content) == "This group session"

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="form")
        await pilot.press(*"Rota concerns go to the manager together", "enter",
                          *"Both raised the same risk", "ctrl+s")
        await wait_for(pilot, lambda: len(pane.decisions) == 1, what="saved")
        lines = listed(screen)
        assert lines[0] == "Decisions (1)"
        assert lines[1].startswith("◆ Priya Shah · Rota concerns go to the manager together")
        shown = "\n".join(lines)
        assert "duty rota review" not in shown and "court work" not in shown
    service.close()  # as quitting would: everything queued is written first
    fresh = reopen(data_dir)
    try:
        # A group decision is written once, to the first attendee's log.
        priya = fresh.records.decisions(PRIYA)
        assert [d.text for d in priya] == ["Priya shadows the court work",
                                           "Rota concerns go to the manager together"]
        assert priya[1].session_id == "x-group"
        assert priya[1].decided_at == T0 + timedelta(minutes=30)
        assert [d.id for d in fresh.records.decisions(SAM)] == ["d-sam"]
    finally:
        fresh.close()


async def test_amending_a_group_decision_keeps_it_in_the_log_it_was_written_to(
        service, data_dir):
    two_people(service)
    group = Session([PRIYA, SAM], type=SessionType.GROUP, id="x-group", created_at=T0)
    group.start(T0)
    for sid in (PRIYA, SAM):
        group.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "fine", at=T0))
    service.records.save_session(group)
    service.records.add_decision(Decision(
        SAM, "x-group", "Weekly visits", "Risk is low", decided_at=T0, id="d-sam"))
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(120, 36)) as pilot:
        await home_with_rows(pilot, app)
        await pilot.press("s")  # Priya, the first attendee
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        pane = app.screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: len(pane.decisions) == 1, what="log")
        await pilot.press("f5", "down", "m")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="form")
        await pilot.press("ctrl+u", *"Fortnightly visits", "ctrl+s")
        await wait_for(pilot, lambda: len(pane.decisions) == 2, what="saved")
    service.close()  # as quitting would: everything queued is written first
    fresh = reopen(data_dir)
    try:
        sam = fresh.records.decisions(SAM)
        assert [(d.text, d.amends) for d in sam] == [("Weekly visits", None),
                                                     ("Fortnightly visits", "d-sam")]
        assert fresh.records.decisions(PRIYA) == []
    finally:
        fresh.close()


async def test_a_group_of_the_demo_people_shows_none_of_their_one_to_one_material(tmp_path):
    """The four demo people in one group session: the screen (every pane, the agenda and the
    decisions log included) holds none of their own actions, decisions or check-in words."""
    from supervisor_tui.domain.enums import SessionStatus
    from supervisor_tui.services.live import open_live_session
    from supervisor_tui.services.people import fill_with_demo
    from tests.support import open_service
    from tests.ui.svg_text import screen_text

    svc = open_service(tmp_path / "data", clock=Clock(T0))
    fill_with_demo(svc.workspace)
    records = svc.records
    people = [p.id for p in records.supervisees()]
    private: set[str] = set()
    for sid in people:
        private |= {a.text[:18] for a in records.actions(sid)}
        private |= {d.text[:18] for d in records.decisions(sid)}
        private |= {d.rationale[:18] for d in records.decisions(sid) if len(d.rationale) > 8}
        private |= {c.word for s in records.sessions(sid) for c in s.checkins
                    if len(c.word) > 4 and s.status is SessionStatus.FINALISED}
    assert len(private) > 20  # the demo's people have a history of their own
    live = open_live_session(svc.workspace, people, 60).session
    for sid in people:
        live.record_checkin(CheckIn(sid, CheckInPhase.OPENING, 3, "here", at=T0))
    records.save_session(live)
    app = make_app(svc, Clock(T0 + timedelta(minutes=5)))
    async with app.run_test(size=(120, 36)) as pilot:
        await home_with_rows(pilot, app, count=len(people))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        pane = app.screen.query_one(DecisionsPane)
        await wait_for(pilot, lambda: pane.names, what="the decisions pane")
        for keys in ([], ["f5", "l"], ["f2"], ["f3"]):
            await pilot.press(*keys)
            await pilot.pause()
            shown = screen_text(app.export_screenshot())
            assert [text for text in private if text in shown] == []
    svc.close()
