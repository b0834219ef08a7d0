"""What many tests share: the test clock and opening a data folder with it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from supervisor_tui.domain.clock import Clock
from supervisor_tui.services.service import Service
from supervisor_tui.services.service import open_service as _open_service
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.crypto import KdfParams

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
"""The time the tests' clock shows unless a test gives its own."""


def fixed_clock() -> datetime:
    return NOW


def open_service(path: Path | str, fmt: FileFormat | None = None, *, clock: Clock = fixed_clock,
                 passphrase: str | None = None, encrypt: KdfParams | None = None) -> Service:
    """Open a data folder as the app does, on a fixed clock."""
    return _open_service(path, clock, fmt, passphrase=passphrase, encrypt=encrypt)


def reopen(path: Path, fmt: FileFormat | None = None) -> Service:
    """Open the folder again, as a later run of the app would, to check what reached disk."""
    return open_service(path, fmt)


def at_time(service: Service, when: datetime) -> Workspace:
    """The service's workspace with its clock stopped at `when` (for a use case run at a
    given moment)."""
    service.workspace.clock = lambda: when
    return service.workspace

STAMP = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
"""When a record was made, for tests where that time does not matter (before `NOW`)."""
