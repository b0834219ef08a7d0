"""Opening screens: first run (encrypt or not), the passphrase, and opening a plain folder.

Each runs the blocking open in a thread worker (the passphrase's key derivation takes a moment)
and hands the open folder to the app, or shows what went wrong and lets the user try again.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from supervisor_tui.services.errors import FileFormat, StoreError
from supervisor_tui.services.opening import Opened, open_folder
from supervisor_tui.services.security import passphrase_opens
from supervisor_tui.services.service import Service
from supervisor_tui.ui.focus import SubmitInPlace, focus_now
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.on_top import ClosesOnTop
from supervisor_tui.ui.widgets.key_footer import KeyFooter


class OpeningScreen(SubmitInPlace, Screen[bool]):
    """Shared by the opening screens: the worker, and what to do with its result."""

    CSS_PATH = "gate.tcss"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.fmt: FileFormat | None = None
        self.pending: Service | None = None
        """An open folder with a damaged supervisee file, while the user decides."""

    def set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "error")
        status.set_class(not error, "status")
        status.update(text)

    @work(thread=True, exclusive=True, group="open-folder", exit_on_error=False)
    def open_in_thread(self, passphrase: str | None = None, encrypt: bool = False) -> None:
        if passphrase is None:
            passphrase = self.known_passphrase()
        result = open_folder(self.path, host(self).clock, passphrase, self.fmt, encrypt)
        self.app.call_from_thread(self.opened, result)

    def opened(self, result: Opened) -> None:
        self.fmt = result.fmt
        if result.damaged is not None:
            from supervisor_tui.ui.screens.damaged import DamagedFileScreen

            self.pending = result.service
            screen = DamagedFileScreen(self.path, result.damaged, result.backup, result.fmt,
                                       result.service)
            self.app.push_screen(screen, self.after_damage)
            return
        if result.service is not None:
            host(self).folder_opened(result.service)
            return
        self.failed(result)

    def after_damage(self, outcome: str | None) -> None:
        """`restored`: open the folder again; `continue`: go on with it as it is."""
        pending, self.pending = self.pending, None
        if outcome == "continue" and pending is not None:
            host(self).folder_opened(pending)
        elif outcome == "restored":
            self.set_status("Restored. Opening again…")
            self.open_in_thread()

    def failed(self, result: Opened) -> None:
        self.set_status(result.error or "The data folder could not be opened.", error=True)

    def known_passphrase(self) -> str | None:
        """The passphrase to open with again (after a repair) when none is given."""
        return None


class PassphraseScreen(OpeningScreen, ClosesOnTop):
    """The passphrase of an encrypted folder: at launch it opens the folder; when the app was
    locked (`relock`) it only checks the passphrase against the open folder's key."""

    HIDES_RECORDS = True
    """Nothing may list records while it shows (see `host.is_locked`)."""
    BINDINGS = [Binding("escape", "clear", "Clear", id="passphrase.clear")]

    def __init__(self, path: Path, attempt: str | None = None, relock: bool = False) -> None:
        super().__init__(path)
        self.attempt = attempt
        self.relock = relock
        self.passphrase: str | None = None

    @property
    def covers_work(self) -> bool:
        """The idle lock is put over the work: a dialog asked for meanwhile opens once it
        goes (`is_cover`); at launch there is no work behind it yet."""
        return self.relock

    def compose(self) -> ComposeResult:
        with Vertical(classes="gate") as box:
            box.border_title = "Locked" if self.relock else "Encrypted data folder"
            yield Label("Passphrase")
            yield Input(password=True, id="passphrase", placeholder="type it, then enter")
            yield Static("", id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.relock:
            self.set_status("Locked while you were away. Your work is saved.")
        if self.attempt:
            self.try_passphrase(self.attempt)
            self.attempt = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.try_passphrase(event.value)

    def try_passphrase(self, passphrase: str) -> None:
        self.query_one(Input).disabled = True
        self.set_status("Checking the passphrase…")
        if self.relock:
            self.check_in_thread(passphrase)
        else:
            self.passphrase = passphrase
            self.open_in_thread(passphrase)

    @work(exclusive=True, group="open-folder", exit_on_error=False)
    async def check_in_thread(self, passphrase: str) -> None:
        """Unlocking after the idle lock: derive the key again and compare with the open one."""
        try:
            ok = await service(self).run(passphrase_opens, passphrase)
            message = "" if ok else "That passphrase does not open this data folder."
        except StoreError as exc:
            ok, message = False, str(exc)
        self.checked(ok, message)

    def checked(self, ok: bool, message: str) -> None:
        if ok:
            self.close_on_top(True)  # the blank screen may have been put over the lock
        else:
            self.try_again(message)

    def failed(self, result: Opened) -> None:
        self.try_again(result.error or "The data folder could not be opened.")

    def try_again(self, message: str) -> None:
        field = self.query_one(Input)
        field.disabled = False
        field.value = ""
        focus_now(field)
        self.set_status(f"{message} Try again.", error=True)

    def known_passphrase(self) -> str | None:
        return self.passphrase

    def action_clear(self) -> None:
        self.query_one(Input).value = ""


class FirstRunScreen(OpeningScreen):
    """A data folder that does not exist yet: encrypt it with a passphrase, or keep it plain."""

    BINDINGS = [
        Binding("e", "choose('encrypt')", "Encrypt", id="first-run.encrypt"),
        Binding("p", "choose('plain')", "Plain", id="first-run.plain"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="gate") as box:
            box.border_title = "New data folder"
            yield Static(
                f"Records will be kept in {self.path}.\n\n"
                "Encrypt them with a passphrase? A lost laptop then exposes nothing, but "
                "without the passphrase nobody (you included) can read them."
            )
            with Horizontal(classes="buttons", id="choice"):
                yield Button("Encrypt (e)", id="encrypt", variant="primary")
                yield Button("Keep plain (p)", id="plain")
            with Vertical(id="new-passphrase"):
                yield Label("New passphrase")
                yield Input(password=True, id="first")
                yield Label("Again, to confirm")
                yield Input(password=True, id="second")
            yield Static("", id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#new-passphrase").display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "plain")

    def action_choose(self, choice: str) -> None:
        if self.query_one("#new-passphrase").display:
            return  # typing a passphrase: e and p are letters
        if choice == "encrypt":
            self.query_one("#choice").display = False
            self.query_one("#new-passphrase").display = True
            focus_now(self.query_one("#first", Input))
        else:
            self.set_status("Creating the data folder…")
            self.open_in_thread()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and self.is_mounted:
            return not self.query_one("#new-passphrase").display
        return super().check_action(action, parameters)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        first = self.query_one("#first", Input)
        second = self.query_one("#second", Input)
        if event.input is first:
            if not first.value:
                self.set_status("The passphrase may not be empty.", error=True)
                return
            focus_now(second)
            return
        if second.value != first.value:
            second.value = ""
            focus_now(second)
            self.set_status("The two passphrases differ. Type it again to confirm.", error=True)
            return
        first.disabled = second.disabled = True
        self.set_status("Deriving the key and creating the encrypted folder…")
        self.open_in_thread(first.value, encrypt=True)


class PlainOpenScreen(OpeningScreen):
    """An unencrypted folder: just open it (and check its files) off the UI thread."""

    BINDINGS = [Binding("r", "retry", "Try again", id="open.retry")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="gate") as box:
            box.border_title = "Opening"
            yield Static(f"Opening {self.path}…", id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.open_in_thread()

    def action_retry(self) -> None:
        self.set_status(f"Opening {self.path}…")
        self.open_in_thread()

    def failed(self, result: Opened) -> None:
        self.set_status(f"{result.error} Press r to try again, ctrl+q to quit.", error=True)
