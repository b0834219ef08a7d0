"""Keys typed ahead land where they were aimed: a score digit, tab and enter move focus while
they are handled, so the letters sent straight after them (in one burst, no pause, as a fast
typist or a paste sends them) reach the next field. Each form is filled 50 times, while the
writer is busy with a slow save."""

from __future__ import annotations

import threading
from datetime import date

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


async def fill(pilot, app, screen, keys: list[str]) -> object:
    """Open `screen`, send every key in one burst, and return what it was dismissed with."""
    results: list[object] = []
    app.push_screen(screen, results.append)
    await pilot.press(*keys)
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
                # tab, tab: past the case ref onto "decided by"; then a tick box, ticked by space
                decision = await fill(pilot, app, DecisionForm("s-sam", "x-1"), [
                    *f"Refer {n}", "enter", *"Seen", "tab", "tab", *f"AB{n}",
                    "tab", "tab", "space", *"C", "ctrl+s"])
                assert (decision.text, decision.rationale, decision.case_ref) == (
                    f"Refer {n}", "Seen", f"AB{n}C"), n
                assert [f.value for f in decision.flags] == ["safeguarding"], n
                checkin = await fill(pilot, app,
                                     CheckInScreen("s-sam", "Sam", CheckInPhase.OPENING),
                                     [*"calm", "shift+tab", "3", "enter"])
                assert (checkin.score, checkin.word) == (3, "calm"), n
    finally:
        release.set()
