"""What a supervisor feels, at three sizes of history, side by side in one run.

Each repetition runs `python -m benchmarks.drivers sizes` once per size (A B C A B C ...), each on
a fresh copy of that size's corpus; the figure is the median of the repetitions. Beside each
figure: its growth from the smallest size, and whether it meets its target.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from benchmarks.common import Settings
from benchmarks.corpus import CorpusSpec, ensure_corpus
from benchmarks.terminal import run_driver
from supervisor_tui.services.home_figures import FIGURES as FIGURES_KEPT
from supervisor_tui.store.derived import ROSTER_KEPT
from supervisor_tui.store.folder import INDEX

SIZES = {"40x10": CorpusSpec(40, 10), "160x10": CorpusSpec(160, 10),
         "1x30": CorpusSpec(1, 30, decisions=56)}
"""40 people x 10 years (4,800 sessions); 160 x 10 (19,200); one person, 30 years of monthly
sessions with 56 decisions each (20,160 decisions)."""
LARGE = {"400x10": CorpusSpec(400, 10)}
"""400 people x 10 years (48,000 sessions), with `--large`: the size the memory target names."""
QUICK_SIZES = {"40x10": CorpusSpec(3, 1), "160x10": CorpusSpec(6, 1),
               "1x30": CorpusSpec(1, 2, decisions=10)}
"""Tiny stand-ins under the same names, for the suite's smoke run."""
FIGURES = ["live_open", "structural_save_screen", "structural_save_settled", "structural_save",
           "history_open", "history_step", "history_step_settled", "ui_stall_max",
           "gc_pause_max", "search_build", "search_cold", "search_warm", "audit_first",
           "audit_all", "backup", "verify", "rss_after_search", "rss_peak",
           "startup", "startup_ratio", "startup_cold", "startup_cold_ratio"]
STARTUP = {"startup", "startup_ratio", "startup_cold", "startup_cold_ratio"}
"""From `STARTUP_PAIRS` starts of ours and of the bare app (as the startup figure), pooled;
the cold ones with the schedule figures kept by the last start removed first (as after a
change to the roster, or the first start after an upgrade)."""
STARTUP_PAIRS = 5
"""Starts of ours, then of the bare app, on each size's copy in each repetition."""
BYTES = {"rss_after_search", "rss_peak"}
IN_SESSION = {"live_open", "structural_save_screen", "structural_save"}
"""Figures held to a growth of at most 1.5x from the smallest size."""
MAX_GROWTH = 1.5
MIB = 2**20


@dataclass(frozen=True)
class Limit:
    figure: str
    most: float
    sizes: tuple[str, ...] = ()
    """Where the limit applies (every size when empty)."""

    def applies(self, size: str) -> bool:
        return not self.sizes or size in self.sizes


LIMITS = [
    Limit("structural_save_screen", 0.050), Limit("structural_save", 0.100),
    Limit("live_open", 0.300), Limit("history_open", 0.200), Limit("history_step", 0.030),
    Limit("ui_stall_max", 0.100), Limit("gc_pause_max", 0.050),
    Limit("search_cold", 1.0, ("160x10",)), Limit("search_warm", 0.050),
    Limit("rss_after_search", 150 * MIB, ("40x10",)), Limit("audit_all", 2.0, ("160x10",)),
    Limit("rss_peak", 400 * MIB, ("400x10",)), Limit("startup_ratio", 1.2),
]
REPEATS = 3


def _starts(data: Path, rows: int, report: Path, pairs: int) -> dict[str, list[float]]:
    """Process start to the first frame with every home row drawn, ours then the bare app's,
    `pairs` times (the startup figure's drivers, on this size's data)."""
    starts: dict[str, list[float]] = {"ours": [], "bare": [], "cold": []}
    ours = ["home", "--data-dir", str(data), "--rows", str(rows)]
    kept = data / INDEX / f"{ROSTER_KEPT}.{FIGURES_KEPT}"
    for _ in range(pairs):
        for side, args in (("ours", ours), ("bare", ["bare-home"]), ("cold", ours)):
            if side == "cold":
                kept.unlink(missing_ok=True)
            run = run_driver(args, report)
            starts[side].append(run.report["frame_at"] - run.spawned_at)
    return starts


def _one(corpus_root: Path, word: str, scratch: Path, rows: int,
         pairs: int) -> dict[str, Any]:
    data = scratch / "data"
    shutil.copytree(corpus_root / "data", data)
    report = scratch / "report.json"
    found: dict[str, Any] = {"starts": _starts(data, rows, report, pairs)}
    for driver in ("first-use", "sizes"):  # what is kept is made once, then a start has it
        subprocess.run([sys.executable, "-m", "benchmarks.drivers", driver, "--data-dir",
                        str(data), "--report", str(report), "--word", word],
                       check=True, stdout=subprocess.DEVNULL)
        found |= orjson.loads(report.read_bytes())
    shutil.rmtree(data)
    return found


def measure(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every figure at every size: {size: {figure: median, "growth": {...}, "limits": {...}}}."""
    sizes = QUICK_SIZES if settings.quick else {**SIZES, **(LARGE if settings.large else {})}
    corpora = {name: ensure_corpus(spec, settings.corpus.root.parent)
               for name, spec in sizes.items()}
    repeats = 1 if settings.quick else (settings.repeats or REPEATS)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sizes}
    for n in range(repeats):
        for name, corpus in corpora.items():
            settings.log(f"sizes: {name} run {n + 1}/{repeats}")
            with tempfile.TemporaryDirectory(dir=corpus.root.parent) as scratch:
                runs[name].append(_one(corpus.root, corpus.manifest["search_word"],
                                       Path(scratch), corpus.spec.supervisees,
                                       1 if settings.quick else STARTUP_PAIRS))
    out: dict[str, dict[str, Any]] = {}
    first = next(iter(sizes))
    for name, found in runs.items():
        out[name] = {f: statistics.median(r[f] for r in found) for f in FIGURES
                     if f not in STARTUP}
        ours, bare, cold = (statistics.median(t for r in found for t in r["starts"][side])
                            for side in ("ours", "bare", "cold"))
        out[name] |= {"startup": ours, "startup_ratio": ours / bare,
                      "startup_cold": cold, "startup_cold_ratio": cold / bare}
        out[name]["sessions"] = corpora[name].manifest["sessions"]
    for name in out:
        out[name]["growth"] = {f: out[name][f] / out[first][f] if out[first][f] else None
                               for f in FIGURES}
        out[name]["met"] = verdicts(name, out[name])
    return out


def verdicts(size: str, figures: dict[str, Any]) -> dict[str, bool]:
    met = {f"{lim.figure} <= {_amount(lim.figure, lim.most)}": figures[lim.figure] <= lim.most
           for lim in LIMITS if lim.applies(size)}
    for figure in IN_SESSION:
        growth = figures["growth"][figure]
        if growth is not None and size != "40x10":
            met[f"{figure} growth <= {MAX_GROWTH}x"] = growth <= MAX_GROWTH
    return met


def _amount(figure: str, value: float) -> str:
    if figure.endswith("_ratio"):
        return f"{value:.2f}x bare"
    if figure in BYTES:
        return f"{value / MIB:.0f} MiB"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(found: dict[str, dict[str, Any]]) -> str:
    names = list(found)
    rows = [("figure", *[f"{n} ({found[n]['sessions']} sessions)" for n in names],
             *[f"growth {n}" for n in names[1:]])]
    for figure in FIGURES:
        rows.append((figure, *[_amount(figure, found[n][figure]) for n in names],
                     *[f"{found[n]['growth'][figure]:.2f}x"
                       if found[n]['growth'][figure] is not None else "-" for n in names[1:]]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append("")
    for name in names:
        missed = [t for t, ok in found[name]["met"].items() if not ok]
        met = [t for t, ok in found[name]["met"].items() if ok]
        lines.append(f"{name}: met {len(met)}/{len(met) + len(missed)}"
                     + (f"; MISSED: {', '.join(missed)}" if missed else ""))
    return "\n".join(lines)
