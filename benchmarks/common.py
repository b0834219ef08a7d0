"""What every figure shares: its result, the target it is held to, interleaved repetitions."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import Corpus


@dataclass
class Settings:
    corpus: Corpus
    repeats: int | None = None
    """Repetitions of each side of every figure; None: each figure's own default."""
    quick: bool = False
    large: bool = False
    """Also measure the sizes at 400 x 10 years (see `sizes.LARGE`)."""
    keystrokes: int = 2000
    log: Callable[[str], None] = lambda message: None


#: Repetitions per side when not given: typing runs take 8 s each, the others are quick.
DEFAULT_REPEATS = {"autosave": 15, "startup": 15, "typing": 7, "search": 15}
QUICK_REPEATS = 2


def repeats_for(settings: Settings, figure: str) -> int:
    if settings.repeats:
        return settings.repeats
    return QUICK_REPEATS if settings.quick else DEFAULT_REPEATS[figure]


@dataclass
class Figure:
    name: str
    unit: str
    """"s" (seconds) or "B" (bytes)."""
    ours: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def runs(self) -> int:
        return len(self.ours)

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def reference_median(self) -> float:
        return statistics.median(self.reference)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    def as_json(self) -> dict[str, float]:
        ours, reference = float(self.ours_median), float(self.reference_median)
        out = {"ours": ours, "reference": reference, "ratio": ours / reference}
        floor = self.floor_median
        if floor is not None:
            out["floor"] = float(floor)
            out["floor_ratio"] = ours / floor
        return out


@dataclass(frozen=True)
class Target:
    """The issue's targets, as checks on a figure's medians."""

    text: str
    check: Callable[[Figure], bool]


TARGETS: dict[str, list[Target]] = {
    "autosave": [
        Target("<= 1/50 single-file TinyDB", lambda f: f.ours_median * 50 <= f.reference_median),
        Target("<= 10x fsync floor", lambda f: f.ours_median <= 10 * (f.floor_median or 0)),
    ],
    "startup": [Target("<= 1.2x bare", lambda f: f.ours_median <= 1.2 * f.reference_median)],
    "typing": [Target("<= 1.05x bare", lambda f: f.ours_median <= 1.05 * f.reference_median)],
    "search": [
        Target("<= 100 ms", lambda f: f.ours_median <= 0.100),
        Target(">= 5x faster than scan", lambda f: f.ours_median * 5 <= f.reference_median),
    ],
    "memory": [Target("<= 1.5x bare", lambda f: f.ours_median <= 1.5 * f.reference_median)],
}


def alternate(sides: dict[str, Callable[[], float]], repeats: int,
              log: Callable[[str], None] = lambda m: None) -> dict[str, list[float]]:
    """Run each side `repeats` times, interleaved (A B A B ...), so drift hits both alike."""
    results: dict[str, list[float]] = {name: [] for name in sides}
    for n in range(repeats):
        for name, measure in sides.items():
            results[name].append(measure())
        log(f"  {n + 1}/{repeats}: " + ", ".join(
            f"{name} {values[-1]:.4g}" for name, values in results.items()))
    return results


@contextlib.contextmanager
def scratch(label: str, corpus: Corpus) -> Iterator[Path]:
    """A scratch folder beside the corpus, on the same disk (fsync costs what it costs there)."""
    path = corpus.root.parent / f"scratch-{label}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
