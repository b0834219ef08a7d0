"""Ending the app on a signal the way ctrl+q ends it: everything typed is kept first.

A closed terminal or a dropped ssh link (SIGHUP), a logout (SIGTERM) and ctrl+c from another
shell (SIGINT) would otherwise kill the app at once: the last second of notes and every open
form's text would be lost. Here each flushes the notes, keeps every open form as a draft,
releases the folder and exits with the conventional code (128 + the signal's number).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Awaitable
from typing import Any, Protocol

SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
FLUSH_LIMIT = 10.0
"""Seconds the saves may take before the app exits anyway (a disk that hangs)."""
EXIT_LIMIT = 3.0
"""Seconds the app may take to end once everything is saved, before the process ends anyway.
With the terminal gone (a closed window: SIGHUP), Textual's output thread can die on its
first failed write, and the driver's shutdown then waits for it forever."""


class Ending(Protocol):
    @property
    def is_headless(self) -> bool: ...

    def flush_all(self) -> Awaitable[bool]: ...

    def exit(self, result: Any = None, return_code: int = 0,
             message: Any | None = None) -> None: ...


class SignalEnding:
    """Installed on the app's event loop while the app runs."""

    def __init__(self, app: Ending) -> None:
        self.app = app
        self.received: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._installed: list[int] = []

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            # Not on every platform, nor outside the main thread: the default action stays.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.received_signal, signum)
                self._installed.append(signum)

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for signum in self._installed:
                loop.remove_signal_handler(signum)
        self._installed.clear()

    def received_signal(self, signum: int) -> None:
        if self.received is not None:  # a second signal while saving: saving goes on
            return
        self.received = signum
        self._task = asyncio.get_running_loop().create_task(self._end(signum))

    async def _end(self, signum: int) -> None:
        # Whatever the saves report, the app ends: the signal asked for it, and anything
        # that could not be saved is kept on screen nowhere after this.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.app.flush_all(), FLUSH_LIMIT)
        if not self.app.is_headless:  # a real terminal, which may be gone
            end_regardless(128 + signum)
        self.app.exit(return_code=128 + signum)


def end_regardless(code: int, after: float = EXIT_LIMIT) -> None:
    """End the process with `code` after `after` seconds unless it has ended by then. Only
    once everything is saved: the OS releases the folder's lock with the process."""

    def end() -> None:
        time.sleep(after)
        os._exit(code)

    threading.Thread(target=end, name="supervisor-tui-exit", daemon=True).start()

