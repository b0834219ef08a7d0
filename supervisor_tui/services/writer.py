"""The single writer: every read and write of the data folder runs on one thread, in order.

Textual's `exclusive=True` cancels the awaiting task, not a running thread, so it cannot
serialize saves; this queue does. The UI awaits results with `asyncio.wrap_future`: a read with
`run` (dropped if its caller gives up first), a change to the record with `save` (never dropped).
"""

from __future__ import annotations

import asyncio
import gc
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_STOP = object()
BIG_JOB = 0.05
"""Seconds after which a job is taken to have loaded records the app keeps (a file check, the
search index, a history): what it left alive is frozen out of the collector's reach, so that
no later full collection (which stops every thread, the UI's too) has to walk it again."""


class SerialWriter:
    def __init__(self, name: str = "supervisor-tui-writer") -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._closed = False
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            future, fn, args, kwargs = job
            if not future.set_running_or_notify_cancel():
                continue
            started = time.perf_counter()
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to whoever awaits the future
                future.set_exception(exc)
            if time.perf_counter() - started > BIG_JOB:
                gc.freeze()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._closed:
            raise RuntimeError("the writer is closed")
        future: Future[T] = Future()
        self._queue.put((future, fn, args, kwargs))
        return future

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the writer thread and await its result from the event loop. A job still
        queued when its caller is cancelled is dropped: a read that nobody waits for."""
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    async def save(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """As `run`, for a job that changes the record: once submitted it runs, even if its
        caller is cancelled while it waits in the queue (its screen closed, another form of its
        group opened). The caller then hears nothing of it."""
        return await asyncio.shield(asyncio.wrap_future(self.submit(fn, *args, **kwargs)))

    def close(self, timeout: float | None = None) -> None:
        """Finish every queued job, then stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def on_writer_thread(self) -> bool:
        return threading.current_thread() is self._thread
