"""What the folder's maintenance steps (schema migration, re-encryption) need of an open data
folder. `DataFolder` runs them while it opens, so they name this shape rather than import it."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from supervisor_tui.domain.clock import Clock
from supervisor_tui.store.atomic import FileFormat


class OpenFolder(Protocol):
    path: Path
    clock: Clock
    fmt: FileFormat

    def drop_handles(self) -> None:
        """Close the TinyDB handles, so files can be replaced under them."""

    def schema_version(self) -> int: ...

    def set_schema_version(self, version: int) -> None: ...
