"""The Textual application: wires the service, the config and the screens. No I/O here."""

from __future__ import annotations

import gc
import importlib
import io
from collections.abc import Iterable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from time import monotonic
from typing import Any

from rich.console import Console
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen

from supervisor_tui.config import Config
from supervisor_tui.domain.clock import Clock
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.services.home import HomeRow, home_rows
from supervisor_tui.services.service import Service
from supervisor_tui.ui.commands import SupervisorCommands
from supervisor_tui.ui.ending import SignalEnding
from supervisor_tui.ui.host import is_locked
from supervisor_tui.ui.keys_ahead import TypesAhead

STARTUP_GC_LIMIT = 2.0
"""Seconds after mounting by which the collector is back on, whatever the first screen did."""
STARTUP_FREEZE_DELAY = 0.5
"""Seconds after the first screen before the garbage left by startup is collected."""
IMPORT_PAUSE = 0.1
"""Seconds between the first screen and importing the next screen, and between two imports:
all done well before the file check (FILE_CHECK_DELAY) and before most people press a key."""
OPENED_NEXT = ("supervisor_tui.ui.screens.history", "supervisor_tui.ui.screens.session")
"""The screens opened most from home, imported while the app is idle after startup (one at a
time, each about 50 ms): their first opening then does not wait for the import."""


class SupervisorApp(TypesAhead):
    TITLE = "supervisor-tui"
    CSS_PATH = "ui/app.tcss"
    COMMANDS = App.COMMANDS | {SupervisorCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+b,f12", "blank", "Blank screen", id="app.blank", priority=True,
                show=False),
        # Tab moves focus while the tab key is handled (Textual's own binding acts only after
        # the focused field has passed on the key, when keys typed after it have gone there).
        Binding("tab", "focus_next", "Next field", id="app.focus-next", priority=True,
                show=False),
        Binding("shift+tab", "focus_previous", "Previous field", id="app.focus-previous",
                priority=True, show=False),
    ]

    def __init__(self, service: Service | None, config: Config, clock: Clock,
                 data_dir: Path | None = None, passphrase: str | None = None) -> None:
        super().__init__()
        self._service = service
        self.config = config
        self.clock = clock
        """The time source for everything on screen; the same clock as the service's."""
        self.data_dir = data_dir if service is None else service.path
        self.scripted_passphrase = passphrase
        self.error_text = io.StringIO()
        # Textual prints a crash as a Rich traceback with local variables, which can hold
        # note text: keep it off the terminal; the CLI turns it into a redacted report.
        self.error_console = Console(file=self.error_text, width=160, color_system=None,
                                     force_terminal=False, markup=False, highlight=False)
        self.last_input = monotonic()
        self.signal_ending = SignalEnding(self)
        """SIGHUP, SIGTERM and SIGINT end the app as ctrl+q does, keeping what was typed."""
        self.quit_unsaved = False
        """Set after a quit was refused because something could not be saved."""
        self.files_checked = service is None
        """Whether every data file has been read once, or that reading is queued on the writer
        (so a later writer job runs after it); the opening screens do it first."""
        self._importing_next = False
        self._home_rows: Future[list[HomeRow]] | None = (
            service.submit(home_rows) if service is not None else None)
        """The first home rows, read on the writer thread while the screens are built."""

    @property
    def service(self) -> Service | None:
        """The open data folder; None until the opening screens have opened `data_dir`."""
        return self._service

    def take_home_rows(self) -> Future[list[HomeRow]] | None:
        rows, self._home_rows = self._home_rows, None
        return rows

    def get_default_screen(self) -> Screen[Any]:
        """Home when the folder is already open, so the first frame drawn is home."""
        if self._service is None:
            return super().get_default_screen()
        from supervisor_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.signal_ending.install()
        self.set_timer(STARTUP_GC_LIMIT, self.startup_finished, name="startup")
        self.apply_config()
        if self.config.idle_lock_minutes:
            self.set_interval(15, self.lock_when_idle, name="idle lock")
        if self._service is None:  # first run, passphrase or plain open; then home
            from supervisor_tui.ui.opening import first_screen

            self.push_screen(first_screen(self))
            self.startup_finished()

    def on_unmount(self) -> None:
        self.signal_ending.remove()

    def startup_finished(self) -> None:
        """Turn the garbage collector back on once the first screen is drawn.

        The command line turns it off while the app starts: startup creates tens of thousands
        of objects that live as long as the app (modules, styles, widgets), and the collector,
        run every few hundred allocations, kept scanning them, a fifth of the time to the first
        frame. They are frozen as the collector comes back on, so that its first full collection
        (about 15 ms) does not land on the first frames; it runs a moment later, when nothing is
        asked of the app, and collects what startup left behind.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
            self.set_timer(STARTUP_FREEZE_DELAY, self.collect_startup_garbage, name="gc")
        if not self._importing_next:
            self._importing_next = True
            self.set_timer(IMPORT_PAUSE, self.import_next_screens, name="import")

    def import_next_screens(self, left: tuple[str, ...] = OPENED_NEXT) -> None:
        """Import the screens opened next, one at a time with a pause between."""
        if left:
            importlib.import_module(left[0])
            self.set_timer(IMPORT_PAUSE, partial(self.import_next_screens, left[1:]),
                           name="import")

    @staticmethod
    def collect_startup_garbage() -> None:
        gc.unfreeze()
        gc.collect()  # about 15 ms on the corpus, once
        gc.freeze()

    def apply_config(self) -> None:
        """Theme and key map from the user's config; an unknown theme is reported, not fatal."""
        theme = self.config.theme
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                names = ", ".join(sorted(self.available_themes))
                self.notify(f"Unknown theme {theme!r} in config; available: {names}",
                            severity="warning", timeout=10)
        if self.config.keys:
            self.set_keymap(self.config.keys)

    def folder_opened(self, service: Service) -> None:
        """Called by the opening screens once the data folder is open."""
        from supervisor_tui.ui.screens.home import HomeScreen

        self._service = service
        self.files_checked = True
        if isinstance(self.screen_stack[0], HomeScreen):  # opened again after a repair
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    def folder_closed(self) -> None:
        self._service = None

    def get_driver_class(self) -> type[Driver]:
        """On Linux and macOS, a driver that survives bytes that are not UTF-8."""
        chosen = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if chosen is LinuxDriver:
            from supervisor_tui.ui.terminal_input import TolerantLinuxDriver

            return TolerantLinuxDriver
        return chosen

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.last_input = monotonic()
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cleaned = clean_lines(event.text)
            if cleaned != event.text:  # an escape sequence pasted would act on the terminal
                left_out = len(event.text.replace("\r\n", "\n")) - len(cleaned)
                if left_out:
                    self.notify(f"Left out {left_out} control character(s) from the pasted "
                                "text.", severity="warning")
                event = events.Paste(cleaned)
        await super().on_event(event)

    async def flush_all(self) -> bool:
        """Ask every screen on the stack to save what it holds, then wait for the writer.

        False when a screen reports (by returning False) that something is not on disk.
        """
        saved = True
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush_pending", None)
            if flush is not None:
                saved = await flush() is not False and saved
        if self._service is not None:
            await self._service.flush()
        return saved

    async def action_quit(self) -> None:
        if not await self.flush_all() and not self.quit_unsaved:
            self.quit_unsaved = True
            self.notify("Some of your work could not be saved (the screen says why). "
                        "Press ctrl+q again to quit anyway and lose it.",
                        title="Not saved", severity="error", timeout=15)
            return
        self.exit()

    def action_help(self) -> None:
        from supervisor_tui.ui.screens.help import HelpScreen, help_markdown

        if isinstance(self.screen, HelpScreen):
            return
        keys = {
            self.get_key_display(active.binding): active.binding.description
            for active in self.screen.active_bindings.values()
            if active.binding.description and active.enabled
        }
        self.push_screen(HelpScreen(help_markdown(self.screen, keys)))

    async def open_supervisee(self, supervisee_id: str) -> None:
        """Go back to the home screen (saving what is open) and select this supervisee."""
        from supervisor_tui.ui.screens.home import HomeScreen

        await self.flush_all()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.select(supervisee_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While blank, locked or not yet open, nothing may list records (no palette, no help)."""
        return not (action in ("command_palette", "help")
                    and (self._service is None or is_locked(self)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self._service is not None:
            encrypted = self._service.encrypted
            yield SystemCommand(
                "Change passphrase" if encrypted else "Encrypt data folder",
                "Re-encrypt every file under a new passphrase" if encrypted
                else "Encrypt every file of this data folder with a passphrase",
                self.action_change_passphrase)

    def start_file_check(self) -> None:
        """Read every data file once, after home first shows (see `opening.check_open_folder`)."""
        if not self.files_checked and self._service is not None:
            self.files_checked = True
            self.check_files()

    @work(exclusive=True, group="file-check")
    async def check_files(self) -> None:
        from supervisor_tui.ui.opening import check_open_folder

        await check_open_folder(self)

    @work(exclusive=True, group="change-passphrase")
    async def action_change_passphrase(self) -> None:
        from supervisor_tui.ui.screens.change_passphrase import ChangePassphraseScreen

        if self._service is None:
            return
        await self.flush_all()
        if await self.push_screen_wait(ChangePassphraseScreen(self._service.encrypted)):
            self.notify("Every file is now encrypted under the new passphrase.")

    def action_blank(self) -> None:
        from supervisor_tui.ui.screens.privacy import BlankScreen

        self.clear_notifications()
        if not isinstance(self.screen, BlankScreen):
            self.push_screen(BlankScreen())

    async def lock_when_idle(self) -> None:
        from supervisor_tui.ui.screens.privacy import lock_if_idle

        await lock_if_idle(self)


def create_app(service: Service | None, config: Config | None = None, clock: Clock | None = None,
               data_dir: Path | None = None, passphrase: str | None = None) -> SupervisorApp:
    """The one way the CLI and the tests build the app.

    With a service the app opens on it; with None it opens `data_dir` itself (first-run,
    passphrase and damaged-file screens), trying `passphrase` first if one was given. The app
    and the service keep one clock: `clock`, when given, becomes the service's too.
    """
    if clock is None:
        if service is None:
            raise ValueError("an app without an open folder needs a clock")
        clock = service.clock
    elif service is not None:
        service.workspace.clock = clock
    return SupervisorApp(service, config or Config(), clock, data_dir, passphrase)
