"""The single writer: one thread, jobs strictly in order, never two at once, errors to callers."""

from __future__ import annotations

import asyncio
import random
import threading
import time

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.people import save_supervisee, supervisees
from supervisor_tui.services.writer import SerialWriter
from tests.support import STAMP


class Recorder:
    """Records which job ran on which thread, and how many ran at the same moment."""

    def __init__(self) -> None:
        self.order: list[int] = []
        self.threads: set[int] = set()
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()

    def job(self, n: int, pause: float = 0.0) -> int:
        with self._lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        self.threads.add(threading.get_ident())
        time.sleep(pause)
        self.order.append(n)
        with self._lock:
            self.active -= 1
        return n * n


async def test_jobs_run_in_submission_order_one_at_a_time_on_one_thread():
    writer = SerialWriter()
    rec = Recorder()
    rng = random.Random(7)
    try:
        results = await asyncio.gather(
            *(writer.run(rec.job, n, rng.choice([0, 0, 0.001])) for n in range(300)))
    finally:
        writer.close()
    assert results == [n * n for n in range(300)]
    assert rec.order == list(range(300))
    assert rec.most_active == 1
    assert len(rec.threads) == 1 and threading.get_ident() not in rec.threads


def test_jobs_from_many_threads_never_overlap():
    writer = SerialWriter()
    rec = Recorder()
    futures = []
    lock = threading.Lock()

    def submit(base: int) -> None:
        for n in range(base, base + 50):
            with lock:  # submission order is then well defined across threads
                futures.append(writer.submit(rec.job, n, 0.0002))

    threads = [threading.Thread(target=submit, args=(k * 50,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.close()
    submitted = [f.result() for f in futures]
    assert sorted(rec.order) == list(range(200))
    assert [n * n for n in rec.order] == submitted
    assert rec.most_active == 1


def test_close_drains_the_queue_then_refuses_new_jobs():
    writer = SerialWriter()
    rec = Recorder()
    futures = [writer.submit(rec.job, n, 0.002) for n in range(40)]
    writer.close()
    assert all(f.done() for f in futures)
    assert rec.order == list(range(40))
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(rec.job, 99)
    writer.close()  # closing twice is harmless


async def test_an_error_reaches_the_caller_and_the_writer_keeps_going():
    writer = SerialWriter()

    def boom() -> None:
        raise ValueError("disk said no")

    try:
        first = writer.run(lambda: 1)
        failing = writer.run(boom)
        after = writer.run(lambda: 3)
        assert await first == 1
        with pytest.raises(ValueError, match="disk said no"):
            await failing
        assert await after == 3
        assert await writer.run(lambda: writer.on_writer_thread)
        assert not writer.on_writer_thread
    finally:
        writer.close()


async def test_service_calls_and_flush_go_through_the_writer(service, data_dir):
    person = Supervisee("Ada", "Nurse", id="s-0000000000dd", created_at=STAMP)
    pending = asyncio.ensure_future(service.run(save_supervisee, person))
    await asyncio.sleep(0)  # the save is queued on the writer now
    await service.flush()
    assert b'"name":"Ada"' in (data_dir / "roster.json").read_bytes()  # flush waited for it
    assert (await pending) == person
    assert await service.run(supervisees) == [person]
    assert await service.run(lambda ws, sid: ws.records.supervisee(sid).name, person.id) == "Ada"
    on_writer = await service.run(lambda ws: service.writer.on_writer_thread)
    assert on_writer and not service.writer.on_writer_thread


async def test_a_save_runs_even_if_its_caller_is_cancelled_while_it_waits_its_turn():
    writer = SerialWriter()
    release = threading.Event()
    ran: list[str] = []
    try:
        writer.submit(release.wait, 10)  # the writer is busy
        saving = asyncio.ensure_future(writer.save(ran.append, "saved"))
        reading = asyncio.ensure_future(writer.run(ran.append, "read"))
        await asyncio.sleep(0)  # both are queued behind the busy job now
        saving.cancel()
        reading.cancel()
        await asyncio.gather(saving, reading, return_exceptions=True)  # both callers gave up
        release.set()
        await writer.run(lambda: None)  # everything queued before has run or been dropped
        assert ran == ["saved"]  # the save ran; the read nobody waits for was dropped
        assert saving.cancelled() and reading.cancelled()
    finally:
        writer.close()

