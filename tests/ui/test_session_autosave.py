"""Notes autosave: never blocks typing, never loses text on quit, survives a failing disk."""

from __future__ import annotations

import threading
import time

from supervisor_tui.store import atomic
from supervisor_tui.store.errors import StoreWriteError
from tests.conftest import reopen
from tests.ui.session_helpers import make_app, open_live, seed_live_session, seed_person
from tests.waiting import wait_for


def stored_notes(service, data_dir) -> str:
    """Close the app's store and read the notes back from disk, as a later run would."""
    service.close()
    again = reopen(data_dir)
    try:
        return again.records.session("s-000001", "x-000001").notes
    finally:
        again.close()


async def test_typing_lands_while_a_slow_save_runs(service, data_dir, monkeypatch):
    seed_person(service)
    seed_live_session(service)
    started, finished, let_go = threading.Event(), threading.Event(), threading.Event()
    real_write = atomic.atomic_write

    def slow_write(path, data):
        started.set()
        let_go.wait(timeout=30)  # held on the disk until the keys typed meanwhile are seen
        real_write(path, data)
        finished.set()

    app = make_app(service, autosave_delay=0.1, autosave_max_interval=0.5)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = await open_live(pilot, app)
        await app.service.flush()
        monkeypatch.setattr(atomic, "atomic_write", slow_write)
        await pilot.press(*"first")
        await wait_for(pilot, started.is_set, what="a save to start")
        assert not finished.is_set()
        await pilot.press(*" second")
        assert notes.text_area.text == "first second"
        assert not finished.is_set(), "the keys waited for the save"
        let_go.set()
        await wait_for(pilot, lambda: notes.state == "saved", timeout=10, what="saved")
        await pilot.press("ctrl+q")
    assert stored_notes(service, data_dir) == "first second"


async def test_typing_then_quitting_at_once_loses_nothing(service, data_dir):
    seed_person(service)
    seed_live_session(service, notes="Earlier line.\n")
    # Autosave would not fire for a long time: only the flush on quit can save this.
    app = make_app(service, autosave_delay=10, autosave_max_interval=30)
    typed = "Sam raised the rota; agreed to ask for cover."
    async with app.run_test(size=(120, 36)) as pilot:
        notes = await open_live(pilot, app)
        assert notes.text_area.text == "Earlier line.\n"
        await pilot.press(*typed, "ctrl+q")
    assert stored_notes(service, data_dir) == "Earlier line.\n" + typed


async def test_a_failing_disk_keeps_the_text_and_saves_it_once_it_recovers(
    service, data_dir, monkeypatch
):
    seed_person(service)
    seed_live_session(service)
    real_write = atomic.atomic_write
    broken = threading.Event()
    broken.set()
    attempts = []

    def failing_write(path, data):
        if broken.is_set():
            attempts.append(path)
            raise StoreWriteError(path, "the disk is full")
        real_write(path, data)

    monkeypatch.setattr(atomic, "atomic_write", failing_write)
    app = make_app(service, autosave_delay=0.1, autosave_max_interval=0.5)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        notes = await open_live(pilot, app)
        await pilot.press(*"Keep this")
        await wait_for(pilot, lambda: notes.state == "failed", what="the failure marker")
        assert "save failed" in str(notes.border_subtitle)
        assert "the disk is full" in str(notes.border_subtitle)
        assert notes.has_class("-save-failed")
        await pilot.press(*" and this")
        assert notes.text_area.text == "Keep this and this"
        # Quitting now would lose the text: the first ctrl+q is refused.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.quit_unsaved
        broken.clear()
        await wait_for(pilot, lambda: notes.state == "saved", timeout=12, what="the retry")
        assert str(notes.border_subtitle).startswith("saved")
        await pilot.press("ctrl+q")
    assert attempts, "the fault was never hit"
    assert stored_notes(service, data_dir) == "Keep this and this"


async def test_autosave_runs_after_a_pause_and_while_typing(service, data_dir, monkeypatch):
    seed_person(service)
    seed_live_session(service)
    saves = []
    real_write = atomic.atomic_write

    def counting_write(path, data):
        saves.append(time.monotonic())
        real_write(path, data)

    monkeypatch.setattr(atomic, "atomic_write", counting_write)
    app = make_app(service, autosave_delay=0.3, autosave_max_interval=0.8)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = await open_live(pilot, app)
        saves.clear()
        # Keep typing for about 2 seconds without a pause as long as the debounce.
        for ch in "steady typing goes on":
            await pilot.press(ch)
            await pilot.pause(0.1)
        during = len(saves)
        await wait_for(pilot, lambda: notes.state == "saved", timeout=3, what="saved")
        assert during >= 1, "no save while typing went on"
        assert service.records.session("s-000001", "x-000001").notes == "steady typing goes on"
        # Leaving the pane saves at once.
        await pilot.press(*" more", "f2")
        await wait_for(pilot, lambda: notes.state == "saved", timeout=1, what="flush on leave")
        assert service.records.session("s-000001", "x-000001").notes.endswith(" more")
