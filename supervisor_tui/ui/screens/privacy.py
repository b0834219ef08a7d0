"""Privacy: a key that blanks the screen at once, and the idle lock."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from supervisor_tui.app import SupervisorApp


class BlankScreen(ModalScreen[None]):
    """An opaque screen showing nothing identifying; any key or click brings the work back."""

    CSS_PATH = "gate.tcss"
    HIDES_RECORDS = True
    BINDINGS = [Binding("escape", "back", "Back", id="blank.back", show=False)]

    def compose(self) -> ComposeResult:
        yield Static("Press any key to continue.", id="blank-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)


def is_locked(app: SupervisorApp) -> bool:
    """Whether a screen that hides the records (blank, passphrase) is on the stack."""
    return any(getattr(s, "HIDES_RECORDS", False) for s in app.screen_stack)


async def lock_if_idle(app: SupervisorApp) -> None:
    """After `idle_lock_minutes` with no key or mouse input: save, then lock.

    An encrypted folder asks for its passphrase again; a plain one shows the blank screen.
    """
    minutes = app.config.idle_lock_minutes
    if not minutes or app.service is None or is_locked(app):
        return
    if monotonic() - app.last_input < minutes * 60:
        return
    await app.flush_all()
    if app.service.folder.encrypted:
        from supervisor_tui.ui.screens.unlock import PassphraseScreen

        await app.push_screen(PassphraseScreen(app.service.path, relock=True))
    else:
        await app.push_screen(BlankScreen())
