"""The Textual application: wires the record service, the config and the screens. No I/O here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import App
from textual.binding import Binding

from supervisor_tui.config import Config
from supervisor_tui.domain.clock import now
from supervisor_tui.store.service import RecordService
from supervisor_tui.ui.commands import SupervisorCommands


class SupervisorApp(App[None]):
    TITLE = "supervisor-tui"
    CSS_PATH = "ui/app.tcss"
    COMMANDS = App.COMMANDS | {SupervisorCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, service: RecordService, config: Config | None = None,
                 clock: Callable[[], datetime] = now) -> None:
        super().__init__()
        self.service = service
        self.config = config or Config()
        self.clock = clock
        """The time source for everything on screen; tests pass a fixed clock."""
        self.quit_unsaved = False
        """Set after a quit was refused because something could not be saved."""

    def on_mount(self) -> None:
        from supervisor_tui.ui.screens.home import HomeScreen

        self.apply_config()
        self.push_screen(HomeScreen())

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

    async def flush_all(self) -> bool:
        """Ask every screen on the stack to save what it holds, then wait for the writer.

        False when a screen reports (by returning False) that something is not on disk.
        """
        saved = True
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush_pending", None)
            if flush is not None:
                saved = await flush() is not False and saved
        await self.service.flush()
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
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.select(supervisee_id)


def create_app(service: RecordService, config: Config | None = None,
               clock: Callable[[], datetime] = now) -> SupervisorApp:
    """The one way the CLI and the tests build the app."""
    return SupervisorApp(service, config, clock)
