"""A form whose answer is saved before it closes: it closes once saved, saves once however
often ctrl+s is pressed, says so when the save is slow, and stays open, with what was typed,
when the save fails."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Button, Input, Static

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.people import FirstTryKept
from supervisor_tui.domain.session import RecordEntry
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.ui.dialogs import form as form_module
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.dialogs.entry_form import EntryForm
from supervisor_tui.ui.dialogs.form import FormScreen
from tests.support import STAMP
from tests.ui.form_host import FormHost
from tests.waiting import wait_for


class Landing:
    """Stands in for the writer: records each answer, fails the first `failures` of them,
    and waits for `go` (set at once unless the test holds it)."""

    def __init__(self, failures: int = 0, held: bool = False) -> None:
        self.answers: list[object] = []
        self.failures = failures
        self.go = asyncio.Event()
        if not held:
            self.go.set()

    async def __call__(self, answer: object) -> object:
        self.answers.append(answer)
        await self.go.wait()
        if len(self.answers) <= self.failures:
            raise StoreWriteError("s-sam.json", "the disk is full")
        return answer


def landing_host(make: Callable[[], FormScreen[Any]], landing: Landing) -> FormHost:
    def build() -> FormScreen[Any]:
        form = make()
        form.lands = landing
        return form

    return FormHost(build)


def error_text(app: FormHost) -> str:
    return str(app.screen.query_one("#error", Static).content)


def decision_form() -> DecisionForm:
    return DecisionForm("s-sam", "x-today")


async def test_it_closes_with_the_answer_once_saved_and_saves_it_once() -> None:
    landing = Landing(held=True)
    app = landing_host(decision_form, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.screen
        await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s")
        await wait_for(pilot, lambda: landing.answers, what="the save asked for")
        await pilot.press("ctrl+s", "ctrl+s")  # pressed again while it saves (keys are held)
        form.query_one("#save", Button).press()  # and clicked, which is not held
        await pilot.pause()
        assert app.screen is form and app.results == []
        landing.go.set()
        await wait_for(pilot, lambda: app.results, what="the form closed")
    [answer] = landing.answers
    assert app.results == [answer]
    assert isinstance(answer, Decision) and answer.text == "Refer to MASH"


async def test_a_failed_save_leaves_the_form_open_and_the_retry_is_the_same_decision() -> None:
    landing = Landing(failures=1)
    app = landing_host(decision_form, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.screen
        await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in error_text(app), what="the failure said")
        assert "the disk is full" in error_text(app)
        assert app.screen is form and app.results == [] and not form.landing
        assert form.query_one("#text", Input).value == "Refer to MASH"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results, what="saved the second time")
    first, second = landing.answers
    assert isinstance(first, Decision) and isinstance(second, Decision)
    assert second.id == first.id, "a save that failed is finished, never made twice"


def entry_form() -> EntryForm:
    return EntryForm("Sam, 2 Nov 2026", lambda: STAMP)


@pytest.mark.parametrize(("make", "keys", "kind"), [
    (lambda: ActionForm("s-sam", "x-today", owner="Sam"),
     [*"Call school", "tab", "tab", *"next fri"], Action),
    (entry_form, [*"Date was 4 Nov", "tab", *"wrong date", "tab", *"JS"], RecordEntry),
], ids=["action", "record-entry"])
async def test_saved_again_after_a_failure_it_keeps_its_id(make, keys, kind) -> None:
    """Also when the form is left and reopened from its draft between the two."""
    landing = Landing(failures=1)
    app = landing_host(make, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys, "ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in error_text(app), what="the failure said")
        drafted = app.screen.draft_doc()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results, what="saved the second time")
    first, second = landing.answers
    assert isinstance(first, kind) and isinstance(second, kind)
    assert second.id == first.id
    assert drafted.get("action", drafted)["id"] == first.id, "a draft kept meanwhile has it too"


class FirstTryFound(Landing):
    """The writer finds the first try in the record after all, in other words, once."""

    async def __call__(self, answer: object) -> object:
        self.answers.append(answer)
        if len(self.answers) == 1:
            raise StoreWriteError("s-sam.json", "the disk is full")
        if len(self.answers) == 2:
            raise FirstTryKept("entry")
        return answer


async def test_a_first_try_found_in_the_record_is_said_and_the_next_save_is_a_new_entry():
    landing = FirstTryFound()
    app = landing_host(entry_form, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Date was 4 Nov", "tab", *"wrong date", "tab", *"JS", "ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in error_text(app), what="the failure said")
        await pilot.press("shift+tab", "shift+tab", "end", *" 2026", "ctrl+s")
        await wait_for(pilot, lambda: "reached the record after all" in error_text(app),
                       what="the first try said to be in the record")
        assert not app.results, "the form stays open with the new words"
        assert app.screen.draft_doc()["id"] != landing.answers[0].id
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results, what="saved as a further entry")
    first, second, third = landing.answers
    assert isinstance(first, RecordEntry) and isinstance(third, RecordEntry)
    assert second.id == first.id, "the retry is the same entry"
    assert third.id != first.id, "the new words are a further entry"
    assert third.text == "Date was 4 Nov 2026"


async def test_once_a_first_try_is_found_the_draft_kept_takes_the_new_id_at_once() -> None:
    """The draft on disk held the first try's id while its retry was pending; a kill after
    the refusal would hand it back under that id. It is kept again at once, with the id the
    further decision will be saved under."""
    answers: list[Any] = []
    kept: list[dict[str, Any]] = []

    async def lands(answer: Any) -> Any:
        answers.append(answer)
        if len(answers) == 1:
            raise StoreWriteError("s-sam.json", "the disk is full")
        if len(answers) == 2:
            raise FirstTryKept("decision")
        return answer

    async def keep(doc: dict[str, Any]) -> None:
        kept.append(doc)

    def build() -> DecisionForm:
        form = decision_form()
        form.lands, form.keep = lands, keep
        return form

    app = FormHost(build)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in error_text(app), what="the failure said")
        first_id = answers[0].id
        app.screen.query_one("#text", Input).value = "Refer to MASH today"
        await wait_for(pilot, lambda: kept and kept[-1]["text"] == "Refer to MASH today",
                       what="the edited words kept as a draft")
        assert kept[-1]["id"] == first_id  # while the retry is pending
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: kept[-1]["id"] != first_id,
                       what="the draft kept again under a new id")
        assert "reached the record after all" in error_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results, what="saved as a further decision")
    assert answers[2].id == kept[-1]["id"] != first_id


@pytest.mark.parametrize(("make", "keys", "id_of"), [
    (decision_form, [*"Refer to MASH", "enter", *"Bruising seen"], lambda doc: doc["id"]),
    (lambda: ActionForm("s-sam", "x-today", owner="Sam"),
     [*"Call school", "tab", "tab", *"next fri"], lambda doc: doc["action"]["id"]),
    (entry_form, [*"Date was 4 Nov", "tab", *"wrong date", "tab", *"JS"], lambda doc: doc["id"]),
], ids=["decision", "action", "record-entry"])
async def test_it_is_saved_under_the_id_of_the_draft_kept_of_it(make, keys, id_of) -> None:
    """A save cut off before its draft was dropped (the app killed between the two) hands
    the draft back next time: saving that finishes the same record, never adds a second."""
    landing = Landing()
    kept: list[dict[str, Any]] = []

    def build() -> FormScreen[Any]:
        form = make()
        form.lands = landing

        async def keep(doc: dict[str, Any]) -> None:
            kept.append(doc)

        form.keep = keep
        return form

    app = FormHost(build)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await wait_for(pilot, lambda: kept, what="a draft kept")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results, what="saved")
    [answer] = landing.answers
    assert {id_of(doc) for doc in kept} == {answer.id}


async def test_a_slow_save_says_so_and_escape_waits_for_it(monkeypatch) -> None:
    monkeypatch.setattr(form_module, "SAYS_SAVING", 0.01)
    landing = Landing(held=True)
    app = landing_host(decision_form, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.screen
        await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s")
        await wait_for(pilot, lambda: error_text(app) == "Saving…", what="saving said")
        form.action_cancel()  # escape, as the key would (keys are held while it saves)
        await pilot.pause()
        assert app.screen is form, "a form being saved is not left"
        landing.go.set()
        await wait_for(pilot, lambda: app.results, what="the form closed")
    assert len(landing.answers) == 1


@pytest.mark.parametrize("failures", [0, 1])
async def test_keys_typed_while_it_saves_are_not_typed_into_it(failures: int) -> None:
    landing = Landing(failures=failures, held=True)
    app = landing_host(decision_form, landing)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.screen
        await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s", *"xyz")
        await wait_for(pilot, lambda: landing.answers and app.key_holder.held == 3,
                       what="the keys after ctrl+s held")
        assert form.query_one("#rationale").text == "Bruising seen"  # type: ignore[attr-defined]
        landing.go.set()
        if failures:  # the form stays: the keys go on into it, where the typist was
            await wait_for(pilot, lambda: form.query_one("#rationale").text  # type: ignore[attr-defined]
                           == "Bruising seenxyz", what="the keys in the form")
        else:
            await wait_for(pilot, lambda: app.results and not app.key_holder.holding,
                           what="closed, the keys gone on")
            assert app.screen is not form
