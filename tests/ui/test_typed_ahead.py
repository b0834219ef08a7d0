"""Keys typed ahead land where they were aimed: a score digit, tab and enter move focus while
they are handled, so the letters sent straight after them (in one burst, no pause, as a fast
typist or a paste sends them) reach the next field. Each form is filled 50 times, while the
writer is busy with a slow save."""

from __future__ import annotations

import threading
from datetime import date

from textual.widgets import TextArea

from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.service import Service
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.home import HomeScreen
from tests.support import STAMP
from tests.ui.helpers import burst, key_event
from tests.ui.session_helpers import make_app
from tests.waiting import wait_for

ROUNDS = 50


def busy_writer(service: Service) -> threading.Event:
    """Keep the writer thread busy with a slow job until the returned event is set."""
    release = threading.Event()

    def slow(ws: Workspace) -> None:
        release.wait(60)

    service.submit(slow)
    return release


def decisions_on_disk(data_dir) -> list[str]:
    """The seeded person's decisions as read back from disk (the service closed first)."""
    from tests.conftest import reopen

    again = reopen(data_dir)
    try:
        return [d.text for d in again.records.decisions("s-000001")]
    finally:
        again.close()


async def fill(pilot, app, screen, keys: list[str], then: list[str] = (),
               after=None) -> object:
    """Open `screen`, send every key in one burst once it shows (has put the focus in it),
    and return what it was dismissed with; `then`: a second burst once `after()` holds."""
    results: list[object] = []
    app.push_screen(screen, results.append)
    await wait_for(pilot, lambda: app.screen is screen and screen.focused is not None,
                   what=f"{type(screen).__name__} shown")
    await burst(pilot, *keys)
    if then:
        await wait_for(pilot, after, what="the first burst handled")
        await burst(pilot, *then)
    await wait_for(pilot, lambda: results, what=f"{type(screen).__name__} dismissed")
    return results[0]


async def test_a_score_digit_then_the_word_at_once(service: Service) -> None:
    service.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
    app = make_app(service)
    release = busy_writer(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            for n in range(ROUNDS):
                score = n % 5 + 1
                word = f"steady {n}"
                checkin = await fill(pilot, app,
                                     CheckInScreen("s-sam", "Sam", CheckInPhase.OPENING),
                                     [str(score), *word, "enter"])
                assert (checkin.score, checkin.word) == (score, word), f"round {n}"
    finally:
        release.set()


async def test_an_action_typed_with_tab_between_fields(service: Service) -> None:
    app = make_app(service)
    release = busy_writer(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            for n in range(ROUNDS):
                form = ActionForm("s-sam", "x-1", owner="")
                action = await fill(pilot, app, form, [
                    *f"Call the school {n}", "tab", *"Sam Okafor", "tab", *"2027-01-15",
                    "tab", *f"JB{n}", "ctrl+s"])
                assert (action.text, action.owner, action.due, action.case_ref) == (
                    f"Call the school {n}", "Sam Okafor", date(2027, 1, 15), f"JB{n}"), n
    finally:
        release.set()


async def test_an_agenda_item_typed_with_tab_and_enter(service: Service) -> None:
    app = make_app(service)
    release = busy_writer(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            for n in range(ROUNDS):
                item = await fill(pilot, app, AgendaItemForm(), [
                    *f"Duty rota {n}", "tab", "tab", *"JB", "tab", *"10", "enter"])
                assert (item.title, item.function, item.case_ref, item.timebox_minutes) == (
                    f"Duty rota {n}", None, "JB", 10), n
    finally:
        release.set()


async def test_a_decision_typed_with_enter_into_the_rationale(service: Service) -> None:
    app = make_app(service)
    release = busy_writer(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            for n in range(ROUNDS):
                decision = await fill(pilot, app, DecisionForm("s-sam", "x-1"), [
                    *f"Refer {n}", "enter", *"Bruising seen", "tab", *f"AB{n}", "ctrl+s"])
                assert (decision.text, decision.rationale, decision.case_ref) == (
                    f"Refer {n}", "Bruising seen", f"AB{n}"), n
    finally:
        release.set()



async def test_letters_typed_on_a_choice_go_to_the_text_field_last_used(
        service: Service) -> None:
    app = make_app(service)
    release = busy_writer(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            for n in range(ROUNDS // 5):
                # tab, tab: past the case ref onto "decided by"; then a tick box, ticked by
                # space, and a letter typed once the tick shows (a key a tick box binds is
                # resolved where the focus is when it is handled, so it is not sent in one
                # burst with a letter that takes the focus away).
                form = DecisionForm("s-sam", "x-1")
                decision = await fill(pilot, app, form, [
                    *f"Refer {n}", "enter", *"Seen", "tab", "tab", *f"AB{n}",
                    "tab", "tab", "space"], then=[*"C", "ctrl+s"],
                    after=lambda form=form: form.query_one("#flag-safeguarding").value)
                assert (decision.text, decision.rationale, decision.case_ref) == (
                    f"Refer {n}", "Seen", f"AB{n}C"), n
                assert [f.value for f in decision.flags] == ["safeguarding"], n
                checkin = await fill(pilot, app,
                                     CheckInScreen("s-sam", "Sam", CheckInPhase.OPENING),
                                     [*"calm", "shift+tab", "3", "enter"])
                assert (checkin.score, checkin.word) == (3, "calm"), n
    finally:
        release.set()


async def test_the_key_that_opens_a_form_then_the_form_in_one_burst(service: Service,
                                                                    data_dir) -> None:
    """"d", then the decision at once: the form opens a moment later (its draft is read back
    through the writer first), and the keys typed meanwhile go to it, not to the panes behind;
    the same for "a" and an action. Read back from disk."""
    from supervisor_tui.ui.screens.session import SessionScreen
    from supervisor_tui.ui.widgets.notes_pane import NotesPane
    from tests.conftest import reopen
    from tests.ui.session_helpers import seed_live_session, seed_person

    seed_person(service)
    seed_live_session(service, notes="Earlier line.\n")
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        notes = app.screen.query_one(NotesPane)
        await wait_for(pilot, lambda: app.focused is notes.text_area, what="notes focus")
        for n in range(ROUNDS // 10):
            await burst(pilot, "f5", "d", *f"Refer {n} to MASH", "enter", *"Bruising seen",
                        "tab", *f"AB{n}", "ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                           and not app.key_holder.holding, what="the decision saved")
            await burst(pilot, "a", *f"Call school {n}", "tab", *"Sam Okafor", "tab",
                        *"2027-01-15", "tab", *f"AB{n}", "ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                           and not app.key_holder.holding, what="the action saved")
        await app.screen.query_one(NotesPane).save()
    service.close()
    again = reopen(data_dir)
    try:
        records = again.records
        decisions = [(d.text, d.rationale, d.case_ref) for d in records.decisions("s-000001")]
        actions = [(a.text, a.owner, a.due, a.case_ref) for a in records.actions("s-000001")]
        assert decisions == [(f"Refer {n} to MASH", "Bruising seen", f"AB{n}")
                             for n in range(ROUNDS // 10)]
        assert actions == [(f"Call school {n}", "Sam Okafor", date(2027, 1, 15), f"AB{n}")
                           for n in range(ROUNDS // 10)]
        assert records.session("s-000001", "x-000001").notes == "Earlier line.\n"
    finally:
        again.close()


async def test_keys_typed_after_ctrl_s_wait_for_the_save_then_go_to_the_screen_behind(
        service: Service, data_dir, monkeypatch) -> None:
    """ctrl+s, then at once f4 and a line of notes, in one burst: the form stays open until
    its decision is on disk (held on the writer here until the keys have been read), none of
    those keys lands in it, and once it closes they go to the notes. Read back from disk."""
    from supervisor_tui.ui.dialogs.form import FormScreen
    from tests.conftest import reopen
    from tests.ui.session_helpers import hold_decision_saves, live_notes

    saving, release = hold_decision_saves(monkeypatch)
    try:
        async with live_notes(service, (80, 24), notes="Earlier line.\n") as (pilot, notes):
            app = pilot.app
            session = app.screen
            await burst(pilot, "f5", "d", *"Refer to MASH", "enter", *"Bruising seen",
                        "ctrl+s", "f4", *"Then the school.")
            await wait_for(pilot, saving.is_set, what="the save started")
            form = app.screen
            assert isinstance(form, FormScreen) and form.landing, "open while it saves"
            await wait_for(pilot, lambda: app.key_holder.held == 17,
                           what="the keys after ctrl+s held")
            assert form.query_one("#rationale").text == "Bruising seen"
            release.set()
            await wait_for(pilot, lambda: app.screen is session
                           and notes.text_area.text.endswith("Then the school."),
                           what="the keys typed ahead in the notes")
            assert app.focused is notes.text_area
            await notes.save()
    finally:
        release.set()
    service.close()
    again = reopen(data_dir)
    try:
        records = again.records
        assert [(d.text, d.rationale) for d in records.decisions("s-000001")] == [
            ("Refer to MASH", "Bruising seen")]
        assert records.session("s-000001", "x-000001").notes.endswith("Then the school.")
    finally:
        again.close()


async def test_the_screen_blanked_while_a_decision_saves_stays_blank_until_a_key(
        service: Service, data_dir, monkeypatch) -> None:
    """ctrl+s and a few words for the notes in one burst, then ctrl+b (someone came in) while
    the decision is slow to reach the disk: the save lands behind the blank screen,
    which stays until a key is pressed for it; then the form has closed and the words typed
    before the blanking are in the notes. Read back from disk."""
    from supervisor_tui.ui.screens.privacy import BlankScreen
    from tests.ui.session_helpers import hold_decision_saves, live_notes

    saving, release = hold_decision_saves(monkeypatch)
    try:
        async with live_notes(service, (80, 24), notes="Earlier line.\n") as (pilot, notes):
            app = pilot.app
            session = app.screen
            await burst(pilot, "f5", "d", *"Refer to MASH", "enter", *"Bruising seen")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm)
                           and app.screen.query_one("#rationale").text == "Bruising seen",
                           what="the decision typed")
            await burst(pilot, "ctrl+s", "f4", *"Seen.")
            await wait_for(pilot, saving.is_set, what="the save started")
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen),
                           what="blank while the decision saves")
            release.set()
            await service.flush()
            await pilot.pause()
            assert isinstance(app.screen, BlankScreen), "the save does not unblank"
            assert [type(s).__name__ for s in app.screen_stack] == [
                "HomeScreen", "SessionScreen", "DecisionForm", "BlankScreen"]
            await pilot.press("space")
            await wait_for(pilot, lambda: app.screen is session
                           and notes.text_area.text.endswith("Seen."),
                           what="the form closed, the words in the notes")
            assert notes.text_area.text == "Earlier line.\nSeen."
            await notes.save()
    finally:
        release.set()
    service.close()
    assert decisions_on_disk(data_dir) == ["Refer to MASH"]


async def test_a_form_still_opening_when_the_screen_is_blanked_opens_once_it_comes_back(
        service: Service, data_dir) -> None:
    """"d", the first words of a decision, then ctrl+b (someone came in) before the form has
    opened: the form does not open over the blank screen, and the words held for it do not
    bring the work back, even once the hold on them has run out. A key brings it back; then
    the form shows with the words in it, and after them the words typed on at once. Read
    back from disk."""
    from supervisor_tui.ui.screens.privacy import BlankScreen
    from supervisor_tui.ui.screens.session import SessionScreen
    from tests.ui.session_helpers import live_notes

    async with live_notes(service, (80, 24), notes="Earlier line.\n") as (pilot, notes):
        app = pilot.app
        await burst(pilot, "f5")
        await wait_for(pilot, lambda: app.focused is app.screen.query_one("#decisions-list"),
                       what="the decisions pane")
        release = busy_writer(service)  # the form's draft is read through the writer first
        await burst(pilot, "d", *"Refer to")
        await wait_for(pilot, lambda: any(w.group == "decisions-form" and w.is_running
                                          for w in app.workers), what="the form asked for")
        await burst(pilot, "ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
        release.set()
        await service.flush()  # the draft read: the form is asked for now
        await wait_for(pilot, lambda: not app.key_holder.holding,
                       what="the hold on the typed words run out")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == [
            "HomeScreen", "SessionScreen", "BlankScreen"]
        assert "Refer" not in app.export_screenshot()
        pop = app.pop_screen

        def pop_then_type_on() -> object:  # typed on at once, before the form has shown
            popped = pop()
            for key in " MASH":
                app.post_message(key_event(key))
            return popped

        app.pop_screen = pop_then_type_on
        await burst(pilot, "space")
        await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm)
                       and app.screen.query_one("#text").value == "Refer to MASH",
                       what="the form, with the words typed for it, in order")
        await burst(pilot, "enter", *"Bruising seen", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                       and not app.key_holder.holding, what="the decision saved")
        assert notes.text_area.text == "Earlier line.\n"
    service.close()
    assert decisions_on_disk(data_dir) == ["Refer to MASH"]


async def test_a_key_typed_before_homes_rows_come_waits_for_them(service: Service) -> None:
    """Home shows before its rows are read (the writer is busy): `s` typed at once starts the
    session of the person the cursor will be on, as it would a moment later, instead of
    being told to add a supervisee first."""
    from supervisor_tui.ui.screens.session import SessionScreen
    from tests.ui.session_helpers import seed_live_session, seed_person

    seed_person(service)
    seed_live_session(service)
    release = busy_writer(service)  # home's first rows are asked for behind it
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        assert app.screen.rows == []
        await burst(pilot, "s")
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                       and isinstance(app.focused, TextArea), what="the session, ready")
        assert app.screen.session.id == "x-000001"


async def test_keys_held_for_homes_rows_stay_held_across_the_blank_screen(
        service: Service) -> None:
    """`s` before the rows, then ctrl+b and back: coming back reads the rows again (a new
    read in place of the first), and `s` still waits for them."""
    from supervisor_tui.ui.screens.privacy import BlankScreen
    from supervisor_tui.ui.screens.session import SessionScreen
    from tests.ui.session_helpers import seed_live_session, seed_person

    seed_person(service)
    seed_live_session(service)
    release = busy_writer(service)
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        home = app.screen
        await burst(pilot, "s")
        await burst(pilot, "ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BlankScreen), what="blank")
        await burst(pilot, "space")
        await wait_for(pilot, lambda: app.screen is home, what="home again")
        assert home.rows == [] and app.key_holder.held == 1, "s waits for the rows"
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                       and isinstance(app.focused, TextArea), what="the session, ready")
        assert app.screen.session.id == "x-000001"
