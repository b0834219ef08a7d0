"""The workspace behind the single writer, for the app: `await service.run(use_case, ...)`.

`run` takes a use case (a function whose first parameter is the `Workspace`) and its other
arguments, runs it on the writer thread and hands back its result, typed as the use case
returns it. Saves therefore happen one at a time, in the order they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from supervisor_tui.domain.clock import Clock
from supervisor_tui.services.workspace import Workspace, open_workspace
from supervisor_tui.services.writer import SerialWriter
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.crypto import KdfParams
from supervisor_tui.store.records import Records

P = ParamSpec("P")
R = TypeVar("R")


class Service:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.writer = SerialWriter()

    @property
    def path(self) -> Path:
        return self.workspace.path

    @property
    def clock(self) -> Clock:
        return self.workspace.clock

    @property
    def encrypted(self) -> bool:
        return self.workspace.encrypted

    @property
    def file_format(self) -> FileFormat:
        """How the folder's files are sealed (opaque to callers; needed to reopen it)."""
        return self.workspace.folder.fmt

    @property
    def read_only(self) -> bool:
        """Opened for reading only: every save is refused."""
        return self.workspace.read_only

    @property
    def changed_outside(self) -> list[str]:
        """What the record check after opening found changed outside the app."""
        return self.workspace.changed_outside

    @property
    def cannot_write(self) -> str | None:
        """Why the folder was opened for reading only, if it was because it cannot be written."""
        return self.workspace.cannot_write

    def finished_notice(self) -> str | None:
        """Says so if a passphrase change or restore that was cut off was finished at opening."""
        return self.workspace.finished_notice()

    @property
    def records(self) -> Records:
        """The records, for the use cases and the tests' own setup; screens use `run`."""
        return self.workspace.records

    async def run(self, job: Callable[Concatenate[Workspace, P], R],
                  *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `job(workspace, *args)` on the writer thread and await its result."""
        return await self.writer.run(job, self.workspace, *args, **kwargs)

    async def save(self, job: Callable[Concatenate[Workspace, P], R],
                   *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `job(workspace, *args)`, a change to the record, on the writer thread and await
        it; it runs even if the caller is cancelled meanwhile (see `SerialWriter.save`)."""
        return await self.writer.save(job, self.workspace, *args, **kwargs)

    def submit(self, job: Callable[Concatenate[Workspace, P], R],
               *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        """Start `job(workspace, *args)` on the writer thread now; await it later (with
        `asyncio.wrap_future`), e.g. the home rows while the app is still being built."""
        return self.writer.submit(job, self.workspace, *args, **kwargs)

    async def flush(self) -> None:
        """Wait until every save queued so far has reached the disk (or failed)."""
        await self.writer.run(lambda: None)

    def close(self) -> None:
        """Finish queued saves, then release the folder and its lock."""
        self.writer.close()
        self.workspace.close()


def open_service(path: Path | str, clock: Clock, fmt: FileFormat | None = None, *,
                 passphrase: str | None = None, encrypt: KdfParams | None = None,
                 or_read_only: bool = False) -> Service:
    """Open (or create) a data folder behind the writer (see `open_workspace`)."""
    return Service(open_workspace(path, clock, fmt, passphrase=passphrase, encrypt=encrypt,
                                  or_read_only=or_read_only))
