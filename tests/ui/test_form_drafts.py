"""Quitting with a decision or action form half-filled keeps what was typed for next time."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.live import keep_draft
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.drafts import take_back
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.conftest import reopen
from tests.support import STAMP, open_service
from tests.ui.form_host import PaneHost, fixed_clock, sample_session
from tests.ui.session_helpers import hold_decision_saves
from tests.waiting import wait_for

SID = "s-sam"


async def quit_with_form_open(data_dir: Path, form: Any, keys: list[str]) -> None:
    service = open_service(data_dir)
    service.records.save_supervisee(Supervisee(name="Sam Okafor", id=SID, created_at=STAMP))
    app = create_app(service, clock=fixed_clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            async def keep(doc: dict[str, Any]) -> None:
                await service.run(keep_draft, SID, form.kind, doc)

            form.screen.keep = keep
            await app.push_screen(form.screen)
            await pilot.press(*keys, "ctrl+q")
    finally:
        service.close()


async def open_decision_form(pilot: Any, app: PaneHost) -> None:
    """Once the pane knows who it is for, `d` opens the decision form."""
    await wait_for(pilot, lambda: app.query_one(DecisionsPane).owner_name == "Sam Okafor",
                   what="the pane ready")
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm),
                   what="the DecisionForm on screen")


class Opened:
    def __init__(self, screen: Any, kind: str) -> None:
        self.screen, self.kind = screen, kind


async def test_a_half_written_decision_survives_quit_and_comes_back(data_dir: Path) -> None:
    form = Opened(DecisionForm(SID, "x-today", "AB12"), "decision")
    await quit_with_form_open(data_dir, form, [*"Step down to CIN", "enter", *"Parents eng"])

    service = reopen(data_dir)
    app = PaneHost(sample_session(SID), SID, service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_decision_form(pilot, app)
            assert app.screen.query_one("#text", Input).value == "Step down to CIN"
            assert app.screen.query_one("#rationale", TextArea).text == "Parents eng"
            assert any("Restored" in m for m in app.messages)
            await pilot.press("escape")  # restored text counts as typed: ask first
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            app.screen.query_one("#rationale", TextArea).focus()
            await pilot.press("end", *"aged well", "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
        assert service.records.decisions(SID)[0].rationale == "Parents engaged well"
        assert service.records.take_draft(SID, "decision") is None  # taken once, not twice
    finally:
        service.close()


async def test_a_draft_handed_back_stays_kept_until_its_form_keeps_or_drops_it(
        data_dir: Path) -> None:
    """Opening a form reads its draft and leaves it kept: an opening cut short after the
    read (its worker cancelled, or the app ended before the form showed) loses nothing."""
    service = open_service(data_dir)
    service.records.save_supervisee(Supervisee(name="Sam Okafor", id=SID, created_at=STAMP))
    typed = {"text": "Step down to CIN", "rationale": "Parents engaged"}
    service.records.keep_draft(SID, "decision", typed)
    app = PaneHost(sample_session(SID), SID, service)
    try:
        async with app.run_test(size=(80, 24)):
            assert await take_back(app.screen, SID, "decision") == typed
            assert any("Restored" in m for m in app.messages)
    finally:
        service.close()
    again = reopen(data_dir)
    try:
        assert again.records.draft(SID, "decision") == typed
    finally:
        again.close()


async def test_a_half_written_action_keeps_its_due_text(data_dir: Path) -> None:
    form = Opened(ActionForm(SID, "x-today", owner="Sam Okafor"), "action")
    await quit_with_form_open(data_dir, form, [*"Chase the GP", "enter", "enter", *"next fri"])

    service = reopen(data_dir)
    app = PaneHost(sample_session(SID), SID, service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.query_one(DecisionsPane).owner_name == "Sam Okafor",
                           what="app.query_one(DecisionsPane).owner_name == 'Sam Okafor'")
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ActionForm),
                           what="the ActionForm on screen")
            assert app.screen.query_one("#what", Input).value == "Chase the GP"
            assert app.screen.query_one("#due", Input).value == "next fri"
    finally:
        service.close()


async def test_an_untouched_form_keeps_no_draft(data_dir: Path) -> None:
    form = Opened(DecisionForm(SID, "x-today", "AB12"), "decision")
    await quit_with_form_open(data_dir, form, [])
    service = reopen(data_dir)
    try:
        assert service.records.take_draft(SID, "decision") is None
    finally:
        service.close()


async def test_a_half_typed_agenda_item_survives_quit_and_comes_back(data_dir: Path) -> None:
    from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
    from supervisor_tui.ui.screens.home import HomeScreen
    from supervisor_tui.ui.screens.session import SessionScreen
    from supervisor_tui.ui.widgets.agenda_pane import AgendaPane
    from tests.ui.session_helpers import make_app, seed_live_session, seed_person

    service = open_service(data_dir)
    seed_person(service)
    seed_live_session(service)

    async def into_the_agenda_form(app: Any, pilot: Any, draft: bool = False) -> None:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.rows,
                       what="home with its row")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
        if draft:
            await wait_for(pilot, lambda: app.screen.query_one(AgendaPane).draft is not None,
                           what="the draft read")
        await pilot.press("f2", "a")  # keys typed at once: the form opens in the same step
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaItemForm), what="form")

    app = make_app(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await into_the_agenda_form(app, pilot)
            await pilot.press(*"Supervisor's own wellbeing", "ctrl+q")
    finally:
        service.close()

    service = reopen(data_dir)
    app = make_app(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await into_the_agenda_form(app, pilot, draft=True)
            title = app.screen.query_one("#title", Input)
            assert title.value == "Supervisor's own wellbeing"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="back")
            await pilot.press("ctrl+q")
    finally:
        service.close()
    again = reopen(data_dir)
    try:
        titles = [i.title for i in again.records.session("s-000001", "x-000001").agenda]
        assert "Supervisor's own wellbeing" in titles
        assert again.records.draft("s-000001", "agenda-item") is None
    finally:
        again.close()


def sams_pane(data_dir: Path) -> tuple[Any, PaneHost]:
    """Sam's live session's decisions pane, on a new folder: (service, app)."""
    service = open_service(data_dir)
    service.records.save_supervisee(Supervisee(name="Sam Okafor", id=SID, created_at=STAMP))
    return service, PaneHost(sample_session(SID), SID, service)


async def type_a_decision_until_kept(pilot, app: PaneHost, service: Any) -> None:
    """Open the decision form, type a decision and its rationale, wait for the draft kept
    (after a pause in the typing, or at the latest DRAFT_LONGEST after it began)."""
    await open_decision_form(pilot, app)
    await pilot.press(*"Step down to CIN", "enter", *"Parents engaged")
    await wait_for(pilot, lambda: (service.records.draft(SID, "decision") or {}).get(
        "rationale") == "Parents engaged", what="the draft kept")


async def test_a_decision_keeps_its_draft_until_it_is_saved(data_dir: Path, monkeypatch) -> None:
    """Saving does not drop what was typed: it is dropped once the decision is on disk, so an
    app ended in between hands it back next time. Meanwhile the form, still open, keeps no
    new draft (its pause in typing timing out, or the app quitting): kept behind the save,
    it would outlive the drop and hand the saved decision back as unsaved."""
    saving, release = hold_decision_saves(monkeypatch)
    service, app = sams_pane(data_dir)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await type_a_decision_until_kept(pilot, app, service)
            form = app.screen
            await pilot.press("ctrl+s")
            await wait_for(pilot, saving.is_set, what="the save started")
            assert (service.records.draft(SID, "decision") or {}).get(
                "text") == "Step down to CIN"
            assert isinstance(form, DecisionForm) and form.landing
            assert await form.keep_draft_now()  # the pause in typing timing out
            quitting = asyncio.ensure_future(form.flush_pending())  # waits for the save
            release.set()
            assert await quitting
            await wait_for(pilot, lambda: len(app.changes) == 1, what="the decision saved")
            await service.flush()
        assert [d.text for d in service.records.decisions(SID)] == ["Step down to CIN"]
        assert service.records.draft(SID, "decision") is None
    finally:
        release.set()
        service.close()


async def test_a_form_opened_while_the_last_one_saves_does_not_bring_it_back(
        data_dir: Path, monkeypatch) -> None:
    """d pressed while the decision just saved is still on its way to disk: the new form opens
    empty (the saved text is not handed back as a draft, to be saved a second time), and the
    saved decision is listed."""
    saving, release = hold_decision_saves(monkeypatch)
    service, app = sams_pane(data_dir)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await type_a_decision_until_kept(pilot, app, service)
            await pilot.press("ctrl+s")
            await wait_for(pilot, saving.is_set, what="the save started")
            await pilot.press("d")  # the next decision, the first still being saved
            release.set()
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm)
                           and isinstance(app.focused, Input) and app.focused.id == "text",
                           what="the next form, its decision field focused")
            assert app.screen.query_one("#text", Input).value == ""
            assert not [m for m in app.messages if m.startswith("Restored")]
            await pilot.press("escape")
            pane = app.query_one(DecisionsPane)
            await wait_for(pilot, lambda: [d.text for d in pane.decisions] == [
                "Step down to CIN"], what="the saved decision listed")
            await service.flush()
        assert [d.text for d in service.records.decisions(SID)] == ["Step down to CIN"]
        assert service.records.draft(SID, "decision") is None
    finally:
        release.set()
        service.close()

