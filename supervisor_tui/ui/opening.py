"""Which screen opens the data folder, and the one-time check of every file after home shows."""

from __future__ import annotations

import asyncio
import importlib
from typing import TYPE_CHECKING

from supervisor_tui.services.opening import check_every_file, damaged_backup, folder_state
from supervisor_tui.ui.host import host

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def first_screen(app: App[None]) -> Screen[bool]:
    """The first-run choice, the passphrase, or the plain opening screen."""
    from supervisor_tui.ui.screens.unlock import FirstRunScreen, PassphraseScreen, PlainOpenScreen

    path = host(app).data_dir
    assert path is not None, "an app without a service needs a data folder"
    state = folder_state(path)
    if state == "encrypted":
        return PassphraseScreen(path, attempt=host(app).scripted_passphrase)
    if state == "new":
        return FirstRunScreen(path)
    return PlainOpenScreen(path)


async def check_open_folder(app: App[None]) -> None:
    """Read every data file of the open folder once: a damaged file is then reported now and
    not in the middle of a session, with the same choices as at opening (restore its last good
    backup, or go on without it)."""
    from supervisor_tui.ui.screens.damaged import DamagedFileScreen
    from supervisor_tui.ui.screens.unlock import PlainOpenScreen

    service = host(app).service
    if service is None:
        return
    finished = service.finished_notice()
    if finished is not None:
        app.notify(finished, title="Finished at opening", timeout=20)
    damaged = await service.run(check_every_file)
    if damaged is None:
        await warn_of_changes(app)
        await asyncio.to_thread(import_screens)
        return
    backup = await service.run(damaged_backup, damaged)
    fmt = service.file_format
    outcome = await app.push_screen_wait(
        DamagedFileScreen(service.path, damaged, backup, fmt, service))
    if outcome == "restored":  # the screen closed the folder: open it again and check it
        opener = PlainOpenScreen(service.path)
        opener.fmt = fmt
        host(app).folder_closed()
        await app.push_screen(opener)


SCREENS_OPENED_FROM_HOME = ("supervisor_tui.ui.screens.history",
                            "supervisor_tui.ui.screens.session",
                            "supervisor_tui.ui.screens.search")


def import_screens() -> None:
    """Import the screens home opens most (each imported only when first opened, so the app
    starts sooner), while nothing is asked of the app: the first `h` or `s` then does not
    wait for them."""
    for name in SCREENS_OPENED_FROM_HOME:
        importlib.import_module(name)


async def warn_of_changes(app: App[None]) -> None:
    """Check the whole record (seals, chains, rollback) after opening, on the writer; a
    problem is shown in a dialog naming each one."""
    # Imported here: the check runs after home shows, and startup should not wait for it.
    from supervisor_tui.paths import default_state_dir
    from supervisor_tui.services.integrity import check_record
    from supervisor_tui.ui.screens.integrity import IntegrityWarningScreen

    service = host(app).service
    if service is None:
        return
    found = await service.run(check_record, default_state_dir())
    if not found.ok:
        app.push_screen(IntegrityWarningScreen(found.problems))
