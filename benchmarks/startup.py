"""Startup and memory: process start to the first frame of the home screen showing its rows.

Ours: a new Python process runs the command line's `main` on a working copy of the corpus (as
`supervisor-tui --data-dir DIR` does) and exits on the first frame drawn after every supervisee
row is in the table. Reference: a bare Textual app mounting the same widget types (Header, the
roster table with the same columns, Static, Footer) with no data, exiting on its first frame.
Both run on a pseudo-terminal, alternately.

The memory figure is the peak RSS (VmHWM) of those same processes at that frame: the peak of the
app up to and including its first full home screen.
"""

from __future__ import annotations

from benchmarks.common import Figure, Settings, alternate, repeats_for, scratch
from benchmarks.terminal import run_driver


def measure(settings: Settings) -> tuple[Figure, Figure]:
    corpus = settings.corpus
    startup = Figure("startup", "s")
    memory = Figure("memory", "B")
    with scratch("startup", corpus) as tmp:
        data = corpus.working_copy(tmp / "data")
        report = tmp / "report.json"
        rows = str(corpus.spec.supervisees)

        def side(args: list[str], peaks: list[float]) -> float:
            run = run_driver(args, report)
            peaks.append(run.report["peak_rss"])
            return run.report["frame_at"] - run.spawned_at

        runs = alternate({
            "ours": lambda: side(["home", "--data-dir", str(data), "--rows", rows],
                                 memory.ours),
            "reference": lambda: side(["bare-home"], memory.reference),
        }, repeats_for(settings, "startup"), settings.log)
    startup.ours, startup.reference = runs["ours"], runs["reference"]
    startup.note = f"{corpus.spec.supervisees} rows on the home screen"
    memory.note = "peak RSS of the startup runs"
    return startup, memory
