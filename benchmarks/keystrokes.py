"""Typing: keystrokes into the notes pane of a live session, with autosave on.

Ours: a new process opens a working copy of the corpus through `create_app`, starts a session for
the first supervisee from the home screen, focuses the notes pane and presses the keys one at a
time with Textual's Pilot (each press is handled and the screen kept current before the next).
Autosave runs as configured (debounce 1 s, at most 4 s apart), so saves happen while typing.
Reference: a bare Textual app with one focused TextArea, the same keys, the same way.
The figure is the CPU time of the whole process while typing (see drivers/pilot.py).
"""

from __future__ import annotations

import statistics

from benchmarks.common import Figure, Settings, alternate, repeats_for, scratch
from benchmarks.drivers.pilot import RATE
from benchmarks.terminal import run_driver


def measure(settings: Settings) -> Figure:
    corpus = settings.corpus
    figure = Figure("typing", "s")
    count = str(settings.keystrokes)
    with scratch("typing", corpus) as tmp:
        report = tmp / "report.json"
        copies = 0
        walls: dict[str, list[float]] = {"ours": [], "reference": []}

        def ours() -> float:
            nonlocal copies
            copies += 1  # each run starts a new session, so each gets a pristine folder
            data = corpus.working_copy(tmp / f"data-{copies}")
            run = run_driver(["typing", "--data-dir", str(data), "--keys", count], report)
            if run.report["saved_chars"] != run.report["chars"]:
                raise RuntimeError("typed notes did not all reach the disk")
            walls["ours"].append(run.report["seconds"])
            return run.report["cpu"]

        def bare() -> float:
            run = run_driver(["bare-typing", "--keys", count], report)
            walls["reference"].append(run.report["seconds"])
            return run.report["cpu"]

        runs = alternate({"ours": ours, "reference": bare},
                         repeats_for(settings, "typing"), settings.log)
    figure.ours, figure.reference = runs["ours"], runs["reference"]
    figure.note = (
        f"CPU seconds for {settings.keystrokes} keys at {RATE:.0f}/s; wall-clock from first key "
        f"to last frame: ours {statistics.median(walls['ours']):.2f} s, "
        f"bare {statistics.median(walls['reference']):.2f} s"
    )
    return figure
