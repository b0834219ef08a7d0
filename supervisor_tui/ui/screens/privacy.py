"""Privacy: a key that blanks the screen at once, and the idle lock."""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from supervisor_tui.ui.host import host, is_locked


class BlankScreen(ModalScreen[None]):
    """An opaque screen showing nothing identifying; any key or click brings the work back."""

    CSS_PATH = "gate.tcss"
    HIDES_RECORDS = True
    covers_work = True
    """Put over the work: a dialog asked for meanwhile opens once it goes (`is_cover`)."""
    BINDINGS = [Binding("escape", "back", "Back", id="blank.back", show=False)]

    def compose(self) -> ComposeResult:
        yield Static("Press any key to continue.", id="blank-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.back()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.back()

    def action_back(self) -> None:
        self.back()

    def back(self) -> None:
        """Bring the work back, once: keys read in a burst each ask for it, and dismissing
        closes whichever screen is on top."""
        if self.is_active:
            self.dismiss(None)


async def lock_if_idle(app: App[None]) -> None:
    """After `idle_lock_minutes` with no key or mouse input: save, then lock.

    An encrypted folder asks for its passphrase again; a plain one shows the blank screen.
    """
    it = host(app)
    minutes = it.config.idle_lock_minutes
    if not minutes or it.service is None or is_locked(app):
        return
    if monotonic() - it.last_input < minutes * 60:
        return
    await it.flush_all()
    if it.service.encrypted:
        from supervisor_tui.ui.screens.unlock import PassphraseScreen

        await app.push_screen(PassphraseScreen(it.service.path, relock=True))
    else:
        await app.push_screen(BlankScreen())
