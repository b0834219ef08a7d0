"""The whole journey of a supervision session, driven by keys, then checked on disk."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from supervisor_tui.domain.enums import CheckInPhase, Function, SessionStatus
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.conftest import reopen
from tests.ui.session_helpers import T0, Clock, make_app
from tests.waiting import wait_for


def on(app, screen_type):
    return lambda: isinstance(app.screen, screen_type)


async def test_whole_session_journey_reaches_disk_exactly(service, data_dir):
    clock = Clock(T0)  # Monday 23 Nov 2026, 10:00 UTC
    app = make_app(service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        # Home: create the supervisee.
        await pilot.press("n", *"Sam Okafor", "enter", *"Social worker", "enter")
        await wait_for(pilot, lambda: app.screen.query_one(RosterTable).row_count == 1,
                       what="the new supervisee on home")
        assert isinstance(app.screen, HomeScreen)

        # Start the session: the opening check-in comes first.
        await pilot.press("s")
        await wait_for(pilot, on(app, CheckInScreen), what="opening check-in")
        await pilot.press("4", *"tired", "enter")
        await wait_for(pilot, on(app, SessionScreen), what="session screen")
        screen = app.screen

        # Agenda: two items; the first with function, case ref and time box.
        clock.advance(minutes=2)
        await pilot.press("f2", "a")
        await wait_for(pilot, on(app, AgendaItemForm), what="agenda form")
        await pilot.press(*"Duty rota pressure", "tab", "enter", "down", "down", "down", "enter",
                          "tab", *"JB", "tab", *"10", "enter")
        await wait_for(pilot, on(app, SessionScreen), what="back from the form")
        await pilot.press("a", *"Training plan", "enter")
        await wait_for(pilot, lambda: len(screen.session.agenda) == 2, what="second item")
        # Refused input stays in the form with a message.
        await pilot.press("a", *"Bad ref", "tab", "tab", *"Jane Smith", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaItemForm)
        assert "case reference" in str(app.screen.query_one("#error", Static).content)
        await pilot.press("escape", "y")
        await wait_for(pilot, on(app, SessionScreen), what="form discarded")
        await pilot.press("up", "enter")  # take up the first item: its time box starts
        assert screen.session.current_item.title == "Duty rota pressure"

        # Notes: heading of the current item, typed text, a timestamp, a function tag.
        clock.advance(minutes=1)
        await pilot.press("f4", "ctrl+g", *"Two staff off sick this month.", "enter",
                          "ctrl+t", *"Agreed to raise it", "ctrl+l", "ctrl+l", "ctrl+l")
        # Prompts: restorative filter, insert the first one.
        await pilot.press("f3", "f", "f", "f", "i")
        await wait_for(pilot, lambda: screen.session.prompts_used == ["res-exp-1"],
                       what="prompt marked used")
        assert app.focused is screen.query_one(NotesPane).text_area
        await pilot.press(*"Tired but coping.")

        # Decision: an empty rationale is refused first.
        clock.advance(minutes=5)
        await pilot.press("f5", "d")
        await wait_for(pilot, on(app, DecisionForm), what="decision form")
        await pilot.press(*"Ask the manager for rota cover", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        assert "rationale" in str(app.screen.query_one("#error", Static).content)
        await pilot.press(*"Two staff off sick; caseload unsafe otherwise", "ctrl+s")
        await wait_for(pilot, on(app, SessionScreen), what="decision saved")

        # Action with a free-text due date, shown back before saving.
        await pilot.press("a")
        await wait_for(pilot, on(app, ActionForm), what="action form")
        await pilot.press(*"Email the manager", "enter", "enter", *"next friday")
        assert str(app.screen.query_one("#due-shown", Static).content).startswith(
            "Fri 27 Nov 2026")
        await pilot.press("enter", "enter")
        await wait_for(pilot, on(app, SessionScreen), timeout=5, what="action saved")

        # End: closing check-in, checklist, finalise, sign-off, back home.
        clock.advance(minutes=40)
        await pilot.press("f9")
        await wait_for(pilot, on(app, CheckInScreen), what="closing check-in")
        await pilot.press("3", *"calmer", "enter")
        await wait_for(pilot, on(app, ClosingScreen), what="closing checklist")
        await pilot.press("space", "ctrl+s", "y")  # ending finalises: asked once
        await wait_for(pilot, on(app, SignOffScreen), what="sign-off")
        assert screen.query_one(NotesPane).text_area.read_only
        await pilot.press(*"SO", "enter")
        await wait_for(pilot, on(app, HomeScreen), what="home again")
        await pilot.press("ctrl+q")

    service.close()
    again = reopen(data_dir)
    try:
        records = again.records
        [person] = records.supervisees()
        assert (person.name, person.role) == ("Sam Okafor", "Social worker")
        sid = person.id
        [session] = records.sessions(sid)
        assert session.status is SessionStatus.FINALISED
        assert session.supervisee_ids == [sid]
        assert session.started_at == T0
        assert session.ended_at == session.finalised_at == T0 + timedelta(minutes=48)
        assert [(c.phase, c.score, c.word, c.at) for c in session.checkins] == [
            (CheckInPhase.OPENING, 4, "tired", T0),
            (CheckInPhase.CLOSING, 3, "calmer", T0 + timedelta(minutes=48)),
        ]
        first, second = session.agenda
        assert (first.title, first.function, first.case_ref, first.timebox_minutes,
                first.source) == ("Duty rota pressure", Function.RESTORATIVE, "JB", 10, "manual")
        assert (second.title, second.function, second.case_ref) == ("Training plan", None, None)
        assert session.current_item_id == first.id
        assert session.current_item_started_at == T0 + timedelta(minutes=2)
        assert session.notes == (
            "## Duty rota pressure (JB)\n"
            "Two staff off sick this month.\n"
            "[restorative] 10:03 Agreed to raise it\n"
            "> How has the work been for you since we last met?\n"
            "Tired but coping."
        )
        assert session.prompts_used == ["res-exp-1"]
        assert session.checklist["time_protected"] is True
        assert sum(session.checklist.values()) == 1
        assert [(s.supervisee_id, s.initials) for s in session.signoffs] == [(sid, "SO")]
        [decision] = records.decisions(sid)
        assert (decision.text, decision.rationale, decision.case_ref, decision.session_id) == (
            "Ask the manager for rota cover", "Two staff off sick; caseload unsafe otherwise",
            "JB", session.id)
        assert decision.hash
        [action] = records.actions(sid)
        assert (action.text, action.owner, action.due, action.case_ref, action.session_id) == (
            "Email the manager", "Sam Okafor", date(2026, 11, 27), "JB", session.id)
        assert action.is_open
    finally:
        again.close()



async def test_the_next_date_agreed_at_the_close_reaches_the_diary_and_home(service, data_dir):
    """Agreed at the close: Wed 16 Dec 14:00, a day after the agreement's own date (Tue 15 Dec
    10:00), which moves there: home shows it, and the diary holds it once."""
    from datetime import UTC, datetime

    from supervisor_tui.services.schedule import diaries_for_export
    from tests.support import at_time
    from tests.ui.helpers import heard
    from tests.ui.session_helpers import seed_live_session, seed_person

    seed_person(service)
    seed_live_session(service)
    clock = Clock(T0 + timedelta(minutes=45))
    app = make_app(service, clock)
    said = heard(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.screen.query_one(RosterTable).row_count == 1, what="home")
        await pilot.press("s")
        await wait_for(pilot, on(app, SessionScreen), what="the session, resumed")
        await pilot.press("f9")
        await wait_for(pilot, on(app, CheckInScreen), what="closing check-in")
        await pilot.press("3", "enter")
        await wait_for(pilot, on(app, ClosingScreen), what="closing checklist")
        app.screen.query_one("#next").focus()
        await pilot.press(*"16 dec 14:00", "ctrl+s", "y")
        await wait_for(pilot, on(app, SignOffScreen), what="sign-off")
        await pilot.press(*"SO", "enter")
        await wait_for(pilot, on(app, HomeScreen), what="home again")
        assert any(s.startswith("Next session planned: ") for s in said)
        await wait_for(pilot, lambda: "16 Dec 2026" in " ".join(
            str(c) for c in app.screen.query_one(RosterTable).get_row_at(0)),
            what="home's next date")
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        agreed = datetime(2026, 12, 16, 14, tzinfo=UTC)
        planned = [(s.planned_start, s.rescheduled_from) for s in again.records.sessions(
            "s-000001") if s.status is SessionStatus.PLANNED]
        assert planned == [(agreed, datetime(2026, 12, 15, 10, tzinfo=UTC))]
        [(_, entries)] = diaries_for_export(at_time(again, T0 + timedelta(hours=1)),
                                           "s-000001", 2)
        upcoming = [e.when for e in entries if e.when > T0 + timedelta(hours=1)]
        assert upcoming[:2] == [agreed, datetime(2027, 1, 12, 10, tzinfo=UTC)]
    finally:
        again.close()


async def test_a_low_check_in_marks_home_and_opens_the_next_agenda_with_a_restorative_item(
        service, data_dir):
    """A session opened with "2, flat" and closed: home's Today panel names the person, and
    their next session's agenda begins with time for them (restorative), read back from disk."""
    from supervisor_tui.domain.enums import Function
    from supervisor_tui.ui.widgets.today_panel import TodayPanel
    from tests.ui.session_helpers import seed_person

    seed_person(service)
    clock = Clock(T0)
    app = make_app(service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.screen.query_one(RosterTable).row_count == 1, what="home")
        await pilot.press("s")
        await wait_for(pilot, on(app, CheckInScreen), what="opening check-in")
        await pilot.press("2", *"flat", "enter")
        await wait_for(pilot, on(app, SessionScreen), what="session")
        clock.advance(minutes=50)
        await pilot.press("f9")
        await wait_for(pilot, on(app, CheckInScreen), what="closing check-in")
        await pilot.press("3", "enter")
        await wait_for(pilot, on(app, ClosingScreen), what="closing checklist")
        await pilot.press("ctrl+s", "y")
        await wait_for(pilot, on(app, SignOffScreen), what="sign-off")
        await pilot.press(*"SO", "enter")
        await wait_for(pilot, on(app, HomeScreen), what="home again")
        panel = app.screen.query_one(TodayPanel)
        await wait_for(pilot, lambda: "Wellbeing: Sam Okafor (last check-in 2/5)" in panel.text,
                       what="the mark on home")
        assert panel.picture is not None and panel.picture.wellbeing
        clock.advance(days=28)
        await pilot.press("s")
        await wait_for(pilot, on(app, CheckInScreen), what="the next session's check-in")
        await pilot.press("escape")
        await wait_for(pilot, on(app, SessionScreen), what="the next session")
        await pilot.press("ctrl+q")
    service.close()
    again = reopen(data_dir)
    try:
        later = [s for s in again.records.sessions("s-000001")
                 if s.status is SessionStatus.IN_PROGRESS]
        first_item = later[0].agenda[0]
        assert first_item.function is Function.RESTORATIVE
        assert first_item.title.startswith("Wellbeing (last check-in 2/5)")
    finally:
        again.close()
