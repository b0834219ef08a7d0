"""Whatever ends the app, what was typed is kept: a signal ends it as ctrl+q does, and an open
form keeps its draft on disk while it is typed, before anything ends the app."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from supervisor_tui.services.service import Service
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.notes_pane import NotesPane
from tests.conftest import reopen
from tests.ui.session_helpers import make_app, seed_live_session, seed_person
from tests.waiting import wait_for


async def open_form_with_notes(pilot, app, notes: str) -> DecisionForm:
    """Resume the session, type notes (not yet saved) and half a decision."""
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="session")
    pane = app.screen.query_one(NotesPane)
    await wait_for(pilot, lambda: app.focused is pane.text_area, what="notes focus")
    await pilot.press(*notes, "f5", "d")
    await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="decision form")
    await pilot.press(*"Refer to MASH", "enter", *"Bruising seen at school")
    return app.screen


def on_disk(data_dir: Path) -> tuple[str, dict | None]:
    again = reopen(data_dir)
    try:
        notes = again.records.session("s-000001", "x-000001").notes
        return notes, again.records.take_draft("s-000001", "decision")
    finally:
        again.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_a_signal_keeps_the_notes_and_the_half_written_decision(
        service: Service, data_dir: Path, signum: int) -> None:
    seed_person(service)
    seed_live_session(service)
    app = make_app(service, autosave_delay=30, autosave_max_interval=60)  # no autosave first
    async with app.run_test(size=(120, 36)) as pilot:
        await open_form_with_notes(pilot, app, "Sam describes the visit")
        app.signal_ending.received_signal(signum)
        await wait_for(pilot, lambda: not app.is_running, what="the app to end")
    assert app.return_code == 128 + signum
    service.close()
    notes, draft = on_disk(data_dir)
    assert notes == "Sam describes the visit"
    assert draft is not None
    assert (draft["text"], draft["rationale"]) == ("Refer to MASH", "Bruising seen at school")


async def test_the_form_keeps_its_draft_on_disk_while_it_is_typed(
        service: Service, data_dir: Path) -> None:
    seed_person(service)
    seed_live_session(service)
    app = make_app(service)
    file = data_dir / "drafts" / "s-000001.json"  # apart from the history: a small file
    history = data_dir / "supervisees" / "s-000001.json"
    before = history.read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_form_with_notes(pilot, app, "")
        await wait_for(pilot, lambda: file.exists() and "Bruising seen at school"
                       in file.read_text(), what="the draft on disk", timeout=5)
        assert history.read_bytes() == before, "keeping a draft leaves the history as it was"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), what="saved")
        await app.flush_all()
        drafts = await app.service.run(lambda ws: ws.records.take_draft("s-000001", "decision"))
        assert drafts is None  # the form was saved: its draft has served
        await pilot.press("ctrl+q")
