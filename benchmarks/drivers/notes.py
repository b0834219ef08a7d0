"""Our app on the corpus: start a session from the home screen as a person would, type notes.

Home (rows shown) -> `s` starts a session for the first supervisee -> the opening check-in is
skipped with Escape -> the notes pane has focus -> the keys are typed -> ctrl+q quits (which
saves). The data folder is then opened again to check that every typed character is on disk.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import TextArea

from benchmarks.corpus import TODAY
from benchmarks.drivers.pilot import POLL, type_keys, wait_until
from supervisor_tui.app import create_app
from supervisor_tui.config import Config
from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.services.service import open_service
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.screens.session import SessionScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable

NOTES = "#notes-text"


def typing(report: Path, data_dir: Path, count: int) -> None:
    service = open_service(data_dir, lambda: TODAY)
    app = create_app(service, Config())
    spent: dict[str, float] = {}
    found: dict[str, Any] = {}

    def key(name: str, char: str | None = None) -> None:
        app.post_message(events.Key(name, char))

    def notes_focused() -> bool:
        screen = app.screen
        focused = app.focused
        return (isinstance(screen, SessionScreen) and isinstance(focused, TextArea)
                and focused.id == NOTES[1:])

    def opening_flow_running() -> bool:
        return any(w.group == "session-flow" and not w.is_finished for w in app.workers)

    async def pilot(pilot: Pilot[Any]) -> None:
        await wait_until(lambda: isinstance(app.screen, HomeScreen)
                         and app.screen.query_one(RosterTable).row_count > 0)
        key("s", "s")
        await wait_until(lambda: isinstance(app.screen, (ModalScreen, SessionScreen)))
        # The opening check-in comes up over the session once it is shown: skip it.
        while not (notes_focused() and not opening_flow_running()):
            if isinstance(app.screen, ModalScreen):
                key("escape")
                await wait_until(lambda: not isinstance(app.screen, ModalScreen))
            await asyncio.sleep(POLL)
        # Typing starts once the app is idle: the one-time reading of every data file (a second
        # after home shows, then the screens imported ahead) and the session's opening saves are
        # done on the writer thread.
        await wait_until(lambda: app.files_checked and not any(
            w.group == "file-check" and not w.is_finished for w in app.workers))
        await app.service.flush()
        area = app.screen.query_one(NOTES, TextArea)
        start = len(area.text)
        spent.update(await type_keys(app, area, count, start))
        session = app.screen.session  # type: ignore[attr-defined]
        found.update(chars=len(area.text) - start, start=start, session=session.id,
                     supervisee=session.supervisee_ids[0])
        key("ctrl+q")

    try:
        app.run(auto_pilot=pilot)
    finally:
        service.close()
    again = open_service(data_dir, lambda: TODAY)
    try:
        session = again.records.session(found["supervisee"], found["session"])
        live = session.status is SessionStatus.IN_PROGRESS
        saved = len(session.notes) - found["start"] if live else 0
    finally:
        again.close()
    report.write_bytes(orjson.dumps({**spent, "chars": found["chars"], "saved_chars": saved}))
