"""What a supervisor feels on one corpus: our app, driven as a person would, then the whole-folder
work (search, audit, backup, verify) through the same services the screens use.

Home -> `h` opens history (first record shown) -> `j` steps -> escape -> `s` starts a session
(check-in skipped) -> F5, `d`, a decision filled in and saved, several times -> the search index
built cold, a query warm -> the audit over everyone -> a backup -> verify. Meanwhile a ticker on
the UI event loop notes the longest stall, and a garbage-collector callback the longest pause.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, RadioButton, TextArea

from benchmarks.corpus import TODAY
from benchmarks.drivers.pilot import POLL, peak_rss, rss_now, wait_until
from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.services.audit import run_audit
from supervisor_tui.services.safekeeping import back_up, verify_folder
from supervisor_tui.services.search import search_records
from supervisor_tui.services.service import open_service
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.roster_table import RosterTable

STEPS = 8
SAVES = 5
TICK = 0.005


class StallWatch:
    """The longest time the UI event loop was away, seen from a task that asks to run every
    `TICK` seconds (a stall delays it by that much beyond its tick)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.running = True

    async def run(self) -> None:
        while self.running:
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            self.longest = max(self.longest, time.perf_counter() - before - TICK)


async def done_at(waiting: Awaitable[object]) -> float:
    """When `waiting` is done."""
    await waiting
    return time.perf_counter()


class GcWatch:
    """The longest single garbage collection, from the collector's own callbacks."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._started = 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._started)


def feel(report: Path, data_dir: Path, word: str) -> None:
    collections = GcWatch()
    service = open_service(data_dir, lambda: TODAY)
    app = create_app(service, Config())
    found: dict[str, Any] = {}

    def key(name: str, char: str | None = None) -> None:
        app.post_message(events.Key(name, char))

    async def timed(press: tuple[str, str | None], done: Any) -> float:
        started = time.perf_counter()
        key(*press)
        await wait_until(done)
        await app.screen.wait_for_refresh()
        return time.perf_counter() - started

    def record_key() -> str:
        return app.screen.query_one(RecordView)._key  # noqa: SLF001 - which record is shown

    async def history() -> None:
        found["history_open"] = await timed(("h", "h"), lambda: isinstance(
            app.screen, HistoryScreen) and app.screen.history is not None and record_key())
        steps, settled = [], []
        screen = app.screen
        drawn: list[float] = []
        stepping = [""]  # the record shown before the step being timed

        def frame_written(_screen: object) -> None:
            # A frame laid out once the next record is shown, written (as for the save).
            if stepping[0] and not drawn and app.screen is screen \
                    and record_key() != stepping[0]:
                drawn.append(time.perf_counter())

        screen.screen_layout_refresh_signal.subscribe(screen, frame_written, immediate=True)
        for _ in range(STEPS):
            drawn.clear()
            stepping[0] = before = record_key()
            started = time.perf_counter()
            key("j", "j")
            await wait_until(lambda b=before: record_key() != b)
            await app.screen.wait_for_refresh()
            quiet = time.perf_counter()
            stepping[0] = ""
            # No frame laid out meanwhile (the record drawn without a new layout): the
            # screen quiet again is the one time there is.
            steps.append((drawn[0] if drawn else quiet) - started)
            settled.append(quiet - started)
        found["history_step"] = statistics.median(steps)
        found["history_step_settled"] = statistics.median(settled)
        key("escape")
        await wait_until(lambda: isinstance(app.screen, HomeScreen))

    def listed(text: str, screen: Screen[Any] | None = None) -> bool:
        """Whether the session's decisions pane lists `text`."""
        listing = (screen or app.screen).query_one("#decisions-list", OptionList)
        return any(text in str(listing.get_option_at_index(i).prompt)
                   for i in range(listing.option_count))

    async def live() -> None:
        started = time.perf_counter()
        key("s", "s")
        await wait_until(lambda: isinstance(app.screen, ModalScreen)
                         and isinstance(app.screen_stack[-2], SessionScreen))
        found["live_open"] = time.perf_counter() - started
        key("escape")  # the opening check-in, skipped
        await wait_until(lambda: isinstance(app.screen, SessionScreen))
        await app.service.flush()
        key("f5")
        screen_times, settled_times, disk_times = [], [], []
        session = app.screen
        drawn: list[float] = []
        saving = [""]

        def frame_written(_screen: object) -> None:
            # Published once a frame laid out has been written: if the decision was listed
            # when it was laid out, this is the frame that shows it.
            if saving[0] and not drawn and app.screen is session and listed(saving[0], session):
                drawn.append(time.perf_counter())

        session.screen_layout_refresh_signal.subscribe(session, frame_written, immediate=True)
        for n in range(SAVES):
            key("d", "d")
            await wait_until(lambda: isinstance(app.screen, DecisionForm)
                             and app.screen.focused is not None)
            form = app.screen
            text = f"Decision {n} taken in the session"
            form.query_one("#text", Input).value = text
            form.query_one("#rationale", TextArea).text = "Because the plan asks for it."
            form.query_one(RadioButton).value = True
            await app.screen.wait_for_refresh()
            drawn.clear()
            saving[0] = text
            started = time.perf_counter()
            key("ctrl+s")
            await wait_until(lambda: bool(drawn))
            screen_times.append(drawn[0] - started)
            # Then, side by side: the screen quiet again (the notice and the list's scroll bar
            # are drawn in frames after it), and the decision and its draft's drop on disk.
            settled, on_disk = await asyncio.gather(done_at(app.screen.wait_for_refresh()),
                                                    done_at(app.service.flush()))
            settled_times.append(settled - started)
            disk_times.append(on_disk - started)
        found["structural_save_screen"] = statistics.median(screen_times)
        found["structural_save_settled"] = statistics.median(settled_times)
        found["structural_save"] = statistics.median(disk_times)

    async def whole_folder() -> None:
        run = app.service.run
        started = time.perf_counter()
        hits = await run(search_records, word)
        found["search_cold"] = time.perf_counter() - started
        warm = []
        for query in (word, "supervision", "safeguarding plan", word):
            started = time.perf_counter()
            await run(search_records, query)
            warm.append(time.perf_counter() - started)
        found["search_warm"] = statistics.median(warm)
        found["search_hits"] = len(hits.hits)
        started = time.perf_counter()
        await run(run_audit, date(2000, 1, 1), TODAY.date())
        found["audit_all"] = time.perf_counter() - started
        found["rss_after_search"] = rss_now()
        # Beside the data folder, in the scratch folder its caller removes once this process
        # has ended: removing a backup of hundreds of MB here would stall this loop itself.
        started = time.perf_counter()
        await run(back_up, data_dir.parent / "backup.json")
        found["backup"] = time.perf_counter() - started
        started = time.perf_counter()
        await run(verify_folder)
        found["verify"] = time.perf_counter() - started

    async def drive(pilot: Pilot[Any]) -> None:
        stalls = StallWatch()
        await wait_until(lambda: isinstance(app.screen, HomeScreen)
                         and app.screen.query_one(RosterTable).row_count > 0)
        # Measured once the app is settled: the one-time reading of every file is done.
        await wait_until(lambda: app.files_checked and not any(
            w.group == "file-check" and not w.is_finished for w in app.workers))
        await app.service.flush()
        await asyncio.sleep(POLL)
        watching = asyncio.create_task(stalls.run())
        collections.longest = 0.0
        await history()
        await live()
        await whole_folder()
        stalls.running = False
        await watching
        found["ui_stall_max"] = stalls.longest
        found["gc_pause_max"] = collections.longest
        found["rss_peak"] = peak_rss()
        key("ctrl+q")

    try:
        app.run(auto_pilot=drive, headless=True)
    finally:
        service.close()
    report.write_bytes(orjson.dumps(found))


def first_use(report: Path, data_dir: Path, word: str) -> None:
    """The first search and the first audit of a folder (nothing kept on disk yet), as after
    an upgrade or a restore: every history read and decoded, and what is worked out from each
    kept for the next start."""
    service = open_service(data_dir, lambda: TODAY)
    found = {}
    try:
        started = time.perf_counter()
        service.writer.submit(search_records, service.workspace, word).result()
        found["search_build"] = time.perf_counter() - started
        started = time.perf_counter()
        service.writer.submit(run_audit, service.workspace, date(2000, 1, 1),
                              TODAY.date()).result()
        found["audit_first"] = time.perf_counter() - started
    finally:
        service.close()
    report.write_bytes(orjson.dumps(found))
