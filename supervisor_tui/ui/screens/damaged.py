"""A damaged data file: say which and why, and offer its last good backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from supervisor_tui.services.errors import FileFormat, PlainFormat, StoreCorruptError, StoreError
from supervisor_tui.services.security import restore_damaged, restore_damaged_in_folder
from supervisor_tui.services.service import Service
from supervisor_tui.ui.host import host
from supervisor_tui.ui.widgets.key_footer import KeyFooter


class DamagedFileScreen(Screen[str]):
    """Dismissed with `restored` (open again), or `continue` (the roster was fine: go on)."""

    CSS_PATH = "gate.tcss"
    BINDINGS = [
        Binding("r", "restore", "Restore backup", id="damaged.restore"),
        Binding("c", "continue", "Continue without it", id="damaged.continue"),
        Binding("q", "quit_app", "Quit", id="damaged.quit"),
    ]

    def __init__(self, folder: Path, error: StoreCorruptError, backup: Path | None,
                 fmt: FileFormat | None, service: Service | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.error = error
        self.backup = backup
        self.fmt = fmt or PlainFormat()
        self.service = service

    def file_label(self) -> str:
        try:
            return str(self.error.path.relative_to(self.folder))
        except ValueError:
            return str(self.error.path)

    def compose(self) -> ComposeResult:
        lines = [f"{self.file_label()} is damaged: {self.error.reason}.",
                 "It has been left exactly as it is."]
        if self.backup is not None:
            saved = datetime.fromtimestamp(self.backup.stat().st_mtime).astimezone()
            lines += ["", f"Its last good backup ({self.backup.name}) was saved "
                      f"{saved:%a %d %b %Y at %H:%M}. Restoring it puts that version back; "
                      "anything saved to this file after it is lost. The damaged file is "
                      f"kept beside it as {self.error.path.name}.damaged-<time>."]
        else:
            lines += ["", "There is no good backup of it. Keep the folder as it is and ask "
                      "for help recovering it; nothing will be written to that file."]
        if self.service is not None:
            lines += ["", "The other records are fine: you can continue without this file."]
        with Vertical(classes="gate") as box:
            box.border_title = "Damaged data file"
            yield Static("\n".join(lines), id="damage")
            yield Static("", id="status", classes="status")
            with Horizontal(classes="buttons"):
                if self.backup is not None:
                    yield Button("Restore backup (r)", id="restore", variant="primary")
                if self.service is not None:
                    yield Button("Continue (c)", id="continue")
                yield Button("Quit (q)", id="quit")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.backup is not None
        if action == "continue":
            return self.service is not None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"restore": self.action_restore, "continue": self.action_continue}.get(
            event.button.id or "", self.action_quit_app)()

    def action_continue(self) -> None:
        if self.service is not None:
            self.dismiss("continue")

    async def action_quit_app(self) -> None:
        if self.service is not None:
            self.service.close()
        self.app.exit()

    def action_restore(self) -> None:
        if self.backup is None:
            return
        self.query_one("#status", Static).update("Restoring…")
        self.restore_in_thread()

    @work(thread=True, exclusive=True, group="restore", exit_on_error=False)
    def restore_in_thread(self) -> None:
        try:
            if self.service is not None:
                self.service.submit(restore_damaged, self.error.path).result()
                self.service.close()  # opened again, and checked, by the opening screen
            else:
                restore_damaged_in_folder(self.folder, self.error.path, self.fmt,
                                          host(self).clock)
            self.app.call_from_thread(self.dismiss, "restored")
        except StoreError as exc:
            self.app.call_from_thread(self.query_one("#status", Static).update, str(exc))
