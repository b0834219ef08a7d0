"""How the decisions log scales: appending a chained decision, loading the log on the writer,
and drawing the running log on the UI thread.

    python -m benchmarks.decisions_log [N ...]     (default: 100 300 1000 decisions)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime

from textual.app import App, ComposeResult

from supervisor_tui.domain.decisions import Action, Decision, amendment_tree
from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.live import load_logs
from supervisor_tui.services.service import Service, open_service
from supervisor_tui.store.records import Records
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane

SID = "s-bench"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


class _Host(App[None]):
    def __init__(self, service: Service) -> None:
        super().__init__()
        self.service = service
        self.clock = lambda: NOW

    def compose(self) -> ComposeResult:
        session = Session([SID], status=SessionStatus.IN_PROGRESS, started_at=NOW, id="x-now",
                          created_at=NOW)
        yield DecisionsPane(session, SID)


def _fill(records: Records, count: int) -> None:
    for n in range(count):
        records.add_decision(Decision(SID, f"x-{n // 3}", f"Decision {n} about the plan",
                                      "Because the evidence and the risks point this way. " * 2,
                                      case_ref=f"C{n % 40}", decided_at=NOW))
        if n % 10 == 0:
            records.save_action(Action(SID, f"x-{n // 3}", f"Action {n}", "Sam", created_at=NOW))


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


async def _draw(service: Service) -> list[float]:
    app = _Host(service)
    samples = []
    async with app.run_test(size=(100, 40)):
        pane = app.query_one(DecisionsPane)
        while not pane.decisions:
            await asyncio.sleep(0.02)
        pane.show_log = True
        for _ in range(5):
            start = time.perf_counter()
            pane.render_log()
            samples.append(time.perf_counter() - start)
    return samples


def run(count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        service = open_service(f"{tmp}/data", lambda: NOW)
        records = service.records
        records.save_supervisee(Supervisee(name="Sam", id=SID, created_at=NOW))
        _fill(records, count)
        append, load = [], []
        for _ in range(10):
            start = time.perf_counter()
            records.add_decision(Decision(SID, "x-now", "One more", "A reason", decided_at=NOW))
            append.append(time.perf_counter() - start)
        for _ in range(5):
            start = time.perf_counter()
            decisions = load_logs(service.workspace, [SID]).decisions
            amendment_tree(decisions, newest_first=True)
            load.append(time.perf_counter() - start)
        draw = asyncio.run(_draw(service))
        service.close()
    return (f"{count:5d} decisions: append {_ms(append)}, load on writer {_ms(load)}, "
            f"draw running log on UI thread {_ms(draw)}")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100", "300", "1000"]:
        print(run(int(arg)))
