"""The garbage collector is off while the app starts and back on once the first screen shows;
what the first screen does not need is not imported before it."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator

import pytest

from supervisor_tui import cli
from supervisor_tui.app import STARTUP_FREEZE_DELAY, create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.roster_table import RosterTable
from tests.support import STAMP, fixed_clock
from tests.waiting import wait_for


class Cycle:
    def __init__(self, other: list[object]) -> None:
        self.other = other
        other.append(self)


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.disable()  # as the command line leaves it when it launches the app
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


async def test_home_turns_the_collector_back_on_once_its_rows_are_drawn(service, collector_off):
    service.records.save_supervisee(Supervisee("Noor Haddad", created_at=STAMP))
    app = create_app(service)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.query_one(RosterTable).row_count, what="home's row")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert gc.isenabled() and gc.get_freeze_count() > 0  # what startup made is frozen
        garbage = []  # a cycle made while the collector was off, frozen with the rest
        garbage.append(garbage)
        gc.freeze()
        probe = weakref.ref(Cycle(garbage))
        del garbage
        await wait_for(pilot, lambda: probe() is None, timeout=STARTUP_FREEZE_DELAY + 0.3,
                       what="the cycle collected once startup is over")
        assert gc.get_freeze_count() > 0


async def test_the_opening_screens_turn_it_back_on_at_once(data_dir, collector_off):
    # A new folder: the first-run choice.
    app = create_app(None, clock=fixed_clock, data_dir=data_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        assert gc.isenabled()


def test_a_command_runs_with_the_collector_on(tmp_path, monkeypatch):
    seen = []

    def handler(args) -> int:
        seen.append(gc.isenabled())
        return 0

    parser = cli.build_parser()
    parser.set_defaults(handler=handler)
    monkeypatch.setattr(cli, "parse_args", lambda argv: parser.parse_args(argv))
    assert cli.main(["--config", str(tmp_path / "none.toml")]) == 0
    assert seen == [True] and gc.isenabled()


LATER = ["textual.widgets._text_area", "supervisor_tui.ui.dialogs.dialog",
         "supervisor_tui.services.history", "supervisor_tui.ui.screens.privacy",
         "supervisor_tui.ui.screens.history", "supervisor_tui.ui.screens.session",
         "_hashlib", "supervisor_tui.store.repair", "supervisor_tui.store.bundle",
         "supervisor_tui.domain.session", "supervisor_tui.domain.decisions",
         "supervisor_tui.domain.development", "supervisor_tui.store.sealing",
         "supervisor_tui.ui.navigation"]
"""Modules home's first frame does without, loaded when first used (or while the app idles):
each costs milliseconds of startup (TextArea alone about 7, OpenSSL's hashes about 3, the
classes of a history's rows about 6)."""


def test_the_first_frame_does_not_wait_for_modules_it_does_not_use():
    # What `supervisor-tui` imports on its way to home's first frame, in a fresh interpreter.
    script = ("import sys\n"
              "from supervisor_tui import cli\n"
              "from supervisor_tui.services import opening\n"
              "from supervisor_tui import app\n"
              "from supervisor_tui.ui.screens import home\n"
              f"print([m for m in {LATER!r} if m in sys.modules])")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"
