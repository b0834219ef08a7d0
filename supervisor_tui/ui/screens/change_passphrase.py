"""Change the passphrase (or encrypt a plain folder) from inside the app.

Every file, backups included, is re-encrypted on the writer thread after the saves already
queued; the old files stay until all new ones are on disk (see `store/rekey.py`).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.security import RekeyUnfinishedError, change_passphrase
from supervisor_tui.ui.focus import SubmitInPlace, focus_now
from supervisor_tui.ui.host import service


class ChangePassphraseScreen(ModalScreen[bool], SubmitInPlace):
    """Dismissed with True once every file is under the new passphrase."""

    CSS_PATH = "gate.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="change-passphrase.cancel")]

    def __init__(self, encrypted: bool) -> None:
        super().__init__()
        self.encrypted = encrypted

    def compose(self) -> ComposeResult:
        with Vertical(classes="gate") as box:
            box.border_title = "Change passphrase" if self.encrypted else "Encrypt data folder"
            if self.encrypted:
                yield Label("Current passphrase")
                yield Input(password=True, id="current")
            yield Label("New passphrase")
            yield Input(password=True, id="first")
            yield Label("Again, to confirm")
            yield Input(password=True, id="second")
            yield Static("Every file, backups included, is re-encrypted; the old files stay "
                         "until all new ones are written.", id="status", classes="status")
            with Horizontal(classes="buttons"):
                yield Button("Change (enter)" if self.encrypted else "Encrypt (enter)",
                             id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "error")
        status.set_class(not error, "status")
        status.update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        if event.input is not fields[-1]:
            focus_now(fields[fields.index(event.input) + 1])
            return
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        elif not self.query_one("#save", Button).disabled:
            self.submit()

    def submit(self) -> None:
        """Check the two new passphrases agree, then re-encrypt in the background."""
        fields = list(self.query(Input))
        first = self.query_one("#first", Input).value
        second = self.query_one("#second", Input).value
        if not first:
            self.set_status("The new passphrase may not be empty.", error=True)
            focus_now(self.query_one("#first", Input))
            return
        if first != second:
            self.query_one("#second", Input).value = ""
            self.set_status("The two new passphrases differ. Type it again to confirm.",
                            error=True)
            return
        current = self.query_one("#current", Input).value if self.encrypted else None
        for field in fields:
            field.disabled = True
        self.query_one("#save", Button).disabled = True
        self.set_status("Re-encrypting every file…")
        self.change(current, first)

    @work(exclusive=True, group="change-passphrase", exit_on_error=False)
    async def change(self, current: str | None, new: str) -> None:
        try:
            await service(self).save(change_passphrase, current, new)
        except RekeyUnfinishedError as exc:  # made, not finished: say so, never "nothing"
            self.set_status(str(exc), error=True)
            return
        except Exception as exc:  # any failure is shown; the worker must not end silently
            self.failed(str(exc) if isinstance(exc, StoreError) else
                        f"The change failed ({type(exc).__name__}).")
            return
        self.dismiss(True)

    def failed(self, message: str) -> None:
        for field in self.query(Input):
            field.disabled = False
        self.query_one("#save", Button).disabled = False
        first = self.query(Input).first()
        first.value = ""
        focus_now(first)
        self.set_status(f"{message} Nothing was changed.", error=True)

    def action_cancel(self) -> None:
        self.dismiss(False)
