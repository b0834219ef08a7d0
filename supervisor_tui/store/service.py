"""The service the UI holds: `Records` behind the single writer, awaited from the event loop.

`await service.sessions(sid)` runs `Records.sessions(sid)` on the writer thread, so the UI thread
never waits on disk and every save happens in order, one at a time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.crypto import KdfParams
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records
from supervisor_tui.store.writer import SerialWriter


class RecordService:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.records = Records(folder)
        self.records.check_roster()  # a damaged roster is refused before anything runs
        self.writer = SerialWriter()

    @property
    def path(self) -> Path:
        return self.folder.path

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        method = getattr(Records, name, None)
        if name.startswith("_") or not callable(method):
            raise AttributeError(name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await self.writer.run(method, self.records, *args, **kwargs)

        call.__name__ = name
        call.__doc__ = method.__doc__
        return call

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run `fn(records, *args)` on the writer thread (for a few calls that belong together)."""
        return await self.writer.run(fn, self.records, *args)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Start `fn(records, *args)` on the writer thread now; its result is awaited later
        (with `asyncio.wrap_future`), e.g. the home rows while the app is still being built."""
        return self.writer.submit(fn, self.records, *args)

    async def flush(self) -> None:
        """Wait until every save queued so far has reached the disk (or failed)."""
        await self.writer.run(lambda: None)

    def close(self) -> None:
        """Finish queued saves, then release the folder and its lock."""
        self.writer.close()
        self.folder.close()


def open_service(path: Path | str, fmt: FileFormat | None = None, *,
                 passphrase: str | None = None, encrypt: KdfParams | None = None
                 ) -> RecordService:
    """Open (or create) a data folder behind the writer.

    An encrypted folder needs `passphrase` (the key is derived once, here) or an unlocked `fmt`;
    `encrypt=KdfParams()` with a passphrase creates a new folder encrypted.
    """
    folder = DataFolder.open(path, fmt, passphrase=passphrase, encrypt=encrypt)
    try:
        return RecordService(folder)
    except BaseException:
        folder.close()
        raise
