"""What screens and widgets may ask of the app, typed, without importing the app module.

The app (`supervisor_tui.app.SupervisorApp`) provides all of this; screens reach it through
`host(self)` and the open folder's service through `service(self)`.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Protocol, cast

from textual.app import App
from textual.dom import DOMNode

from supervisor_tui.config import Config
from supervisor_tui.domain.clock import Clock
from supervisor_tui.services.home import HomeRow
from supervisor_tui.services.service import Service


class Host(Protocol):
    config: Config
    clock: Clock
    data_dir: Path | None
    scripted_passphrase: str | None
    last_input: float
    files_checked: bool

    @property
    def service(self) -> Service | None: ...

    def folder_opened(self, service: Service) -> None:
        """Called by the opening screens once the data folder is open."""

    def folder_closed(self) -> None:
        """The folder was closed to be opened again (after a repair)."""

    async def flush_all(self) -> bool:
        """Save what every screen holds and wait for the writer; False if something is not
        on disk."""

    def startup_finished(self) -> None: ...

    def take_home_rows(self) -> Future[list[HomeRow]] | None:
        """The first home rows, read while the app was built (once; None after)."""

    def start_file_check(self) -> None:
        """Read every data file once (after home first shows), unless that is done or queued."""

    async def open_supervisee(self, supervisee_id: str) -> None: ...


def host(node: DOMNode) -> Host:
    return cast(Host, node.app)


def service(node: DOMNode) -> Service:
    """The open folder's service; screens that show records exist only once it is open."""
    found = host(node).service
    if found is None:
        raise RuntimeError("no data folder is open")
    return found


def is_locked(app: App[None]) -> bool:
    """Whether a screen that hides the records (blank, passphrase) is on the stack."""
    return any(getattr(s, "HIDES_RECORDS", False) for s in app.screen_stack)
