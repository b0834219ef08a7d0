"""The session panes driven by keys: agenda editing and pre-fill, prompts, notes quick keys,
the header's clocks, resuming, and a finalised record refusing changes."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from supervisor_tui.domain.enums import Function, KolbStage, SessionStatus
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.agenda_pane import AgendaPane
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from supervisor_tui.ui.widgets.prompts_pane import PromptsPane
from tests.ui.session_helpers import (
    T0,
    Clock,
    make_app,
    seed_history,
    seed_live_session,
    seed_person,
    start_group_from_home,
)
from tests.waiting import wait_for


async def open_session(pilot, app) -> SessionScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
    return app.screen


def titles(screen: SessionScreen) -> list[str]:
    return [i.title for i in screen.session.agenda]


def header(screen: SessionScreen) -> tuple[str, str]:
    return (str(screen.query_one("#session-clock", Static).content),
            str(screen.query_one("#session-item", Static).content))


async def test_new_session_is_prefilled_and_starts_with_the_opening_checkin(service):
    seed_person(service)
    seed_history(service)
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen), what="check-in")
        await pilot.press("escape")  # skipped: can be done later with F8
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        screen = app.screen
        # The last session opened at 2/5: time for the person comes first, then the high-risk
        # case it did not reach, then the open action.
        assert [(i.source, i.case_ref) for i in screen.session.agenda] == [
            ("wellbeing", None), ("case", "CD34"), ("action", "AB12")]
        # ... and the prompts offered are the restorative ones.
        assert screen.query_one(PromptsPane).function is Function.RESTORATIVE
        assert titles(screen)[2] == "Review action: Call the school (overdue since 20 Nov)"
        assert screen.session.duration_minutes == 50  # from the agreement
        stored = service.records.session("s-000001", screen.session.id)
        assert stored.status is SessionStatus.IN_PROGRESS and stored.agenda == screen.session.agenda
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen), what="F8 check-in")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: screen.session.checkins, what="check-in recorded")
        await app.service.flush()
        assert service.records.session("s-000001", screen.session.id).checkins[0].score == 2


async def test_agenda_reorder_done_remove_current_and_time_box(service):
    seed_person(service)
    seed_live_session(service)
    clock = Clock(T0 + timedelta(minutes=10))
    app = make_app(service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, app)
        assert header(screen) == (
            "Sam Okafor · from 10:00, 50 min · 10:00 elapsed · 40:00 left",
            "Now: Duty rota pressure · 5:00 of 10 min left",
        )
        await pilot.press("f2", "home", "shift+down")
        assert titles(screen)[:2] == ["Duty rota pressure", "Review action: Call the school"]
        await pilot.press("K")
        assert titles(screen)[0] == "Review action: Call the school"
        await pilot.press("space")
        assert screen.session.agenda[0].done
        await pilot.press("end", "enter")  # take up the case item
        assert screen.session.current_item.case_ref == "CD34"
        assert screen.session.current_item_started_at == clock.at
        clock.advance(minutes=16)
        screen.query_one("SessionHeader").update_now()
        clock_line, item_line = header(screen)
        assert item_line == "Now: Case CD34: high risk, not discussed for 2 sessions · " \
                            "OVER time box by 1:00"
        assert screen.query_one("#session-item").has_class("-over")
        clock.advance(minutes=30)
        screen.query_one("SessionHeader").update_now()
        assert header(screen)[0].endswith("OVER by 6:00")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(screen.session.agenda) == 2, what="removed")
        assert screen.session.current_item is None
        await app.flush_all()
        stored = service.records.session("s-000001", "x-000001")
        assert [i.title for i in stored.agenda] == titles(screen)
        assert stored.agenda[0].done and stored.current_item_id is None


async def test_prompt_filters_and_insert(service):
    seed_person(service)
    seed_live_session(service, notes="Opening line")
    app = make_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(pilot, app)
        pane = screen.query_one(PromptsPane)
        await pilot.press("f3")
        assert len(pane.shown) == 48
        await pilot.press("f", "f")  # formative
        await pilot.press("s", "s", "s")  # analysis
        assert (pane.function, pane.stage) == (Function.FORMATIVE, KolbStage.ANALYSIS)
        assert [p.id for p in pane.shown] == ["for-ana-1", "for-ana-2", "for-ana-3"]
        assert "formative · analysis" in str(screen.query_one("#prompt-filters").content)
        await pilot.press("down", "i")
        await wait_for(pilot, lambda: screen.session.prompts_used == ["for-ana-2"],
                       what="prompt used")
        text = screen.query_one(NotesPane).text_area.text
        assert text == ("Opening line\n> What would a colleague from another discipline "
                        "notice here?\n")
        assert str(pane.option_list.get_option_at_index(1).prompt).startswith("✓ ")
        await pilot.press("f3", "f", "f", "f")  # past mediation: the closing questions
        assert pane.function == "closing" and len(pane.shown) == 8
        await pilot.press("ctrl+q")
    assert service.records.session("s-000001", "x-000001").prompts_used == ["for-ana-2"]


def record_notices(app, monkeypatch) -> list[str]:
    """Collect the messages the app shows as notifications."""
    seen: list[str] = []
    real = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return real(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return seen


async def test_notes_quick_keys(service, monkeypatch):
    seed_person(service)
    seed_live_session(service, notes="- first point\nsecond point")
    clock = Clock(T0 + timedelta(minutes=7))
    app = make_app(service, clock)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(pilot, app)
        area = screen.query_one(NotesPane).text_area
        area.move_cursor((0, 0))
        area.move_cursor((1, 3), select=True)  # both lines selected
        await pilot.press("ctrl+l")
        assert area.text == "- [normative] first point\n[normative] second point"
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+l", "ctrl+l")  # round to no tag
        assert area.text == "- first point\nsecond point"
        area.move_cursor((1, 6))
        await pilot.press("ctrl+g")
        assert area.text == "- first point\nsecond\n## Duty rota pressure\n point"
        await pilot.press("ctrl+t")
        assert area.text.endswith("## Duty rota pressure\n10:07  point")
        screen.session.current_item_id = None
        await pilot.press("ctrl+g")
        assert notices[-1].startswith("No current agenda item")
        await pilot.press("ctrl+q")
    assert service.records.session("s-000001", "x-000001").notes.endswith("10:07  point")


async def test_leaving_and_coming_back_resumes_the_same_session(service):
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(pilot, app)
        await pilot.press(*"kept")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        assert service.records.session("s-000001", "x-000001").notes == "kept"
        again = await open_session(pilot, app)
        assert again is not screen and again.session.id == "x-000001"
        assert again.query_one(NotesPane).text_area.text == "kept"
        assert len(service.records.sessions("s-000001")) == 1


async def test_a_finalised_record_refuses_changes(service, monkeypatch):
    seed_person(service)
    seed_live_session(service, notes="Final words")
    app = make_app(service)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(pilot, app)
        screen.session.finalise(T0 + timedelta(minutes=50))
        screen.query_one(NotesPane).make_read_only()
        before = [i.title for i in screen.session.agenda]
        await pilot.press("f4", *"more", "ctrl+t")
        assert screen.query_one(NotesPane).text_area.text == "Final words"
        await pilot.press("f2", "shift+down", "space", "x", "a")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert titles(screen) == before and not any(i.done for i in screen.session.agenda)
        assert sum("finalised" in m for m in notices) >= 4  # notes, done, remove, add
        assert screen.query_one(AgendaPane).session.is_finalised


async def test_group_session_from_home_reaches_every_attendee(service, data_dir):
    seed_person(service)
    seed_person(service, "Priya Shah", "s-000002", 60)
    clock = Clock(T0)
    app = make_app(service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        await wait_for(pilot, lambda: len(app.screen.rows) == 2, what="rows")
        await start_group_from_home(pilot, app)
        screen = app.screen
        assert header(screen)[0].startswith("Priya Shah, Sam Okafor · from 10:00, 60 min")
        await pilot.press(*"Team pressures")
        clock.advance(minutes=60)
        await pilot.press("f9")
        for _ in range(2):
            await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen), what="closing")
            checkin = app.screen
            await pilot.press("escape")  # a closing check-in may be skipped
            await wait_for(pilot, lambda s=checkin: app.screen is not s, what="next")
        await pilot.press("ctrl+s", "y")  # closing checklist as it stands; finalise
        for initials in ("PS", "SO"):
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SignOffScreen",
                           what="sign-off")
            signoff = app.screen
            await pilot.press(*initials, "enter")
            await wait_for(pilot, lambda s=signoff: app.screen is not s, what="next")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
    for sid in ("s-000001", "s-000002"):
        [stored] = service.records.sessions(sid)
        assert stored.supervisee_ids == ["s-000002", "s-000001"]
        assert stored.notes == "Team pressures" and stored.is_finalised
        assert [s.initials for s in stored.signoffs] == ["PS", "SO"]
        assert sorted(c.score for c in stored.checkins) == [2, 4]


async def test_the_header_clock_is_redrawn_each_second_without_a_layout(service):
    seed_person(service)
    seed_live_session(service)
    clock = Clock(T0 + timedelta(minutes=10))
    app = make_app(service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, app)
        line = screen.query_one("#session-clock", Static)
        refreshes: list[bool] = []
        refresh = line.refresh

        def recorded(*regions, layout: bool = False, **kwargs):
            refreshes.append(layout)
            return refresh(*regions, layout=layout, **kwargs)

        line.refresh = recorded  # type: ignore[method-assign]
        clock.advance(seconds=1)
        await wait_for(pilot, lambda: "10:01 elapsed" in line.render_line(0).text,
                       what="the clock drawn a second later")
        assert refreshes and not any(refreshes)  # repainted, never laid out again
        assert line.size.height == 1
