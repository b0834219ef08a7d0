"""The benchmark runs end to end on a tiny corpus and reports every figure (timings unchecked)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import orjson

from benchmarks.__main__ import APP_PIECES
from benchmarks.sizes import FIGURES as AT_SIZES

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {"autosave", "startup", "typing", "search", "memory"}


def test_quick_json_reports_every_figure_with_positive_numbers(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", "--cache", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = orjson.loads(done.stdout)
    sizes = report.pop("sizes")
    assert set(report) == FIGURES
    assert set(sizes) == {"40x10", "160x10", "1x30"}
    for size, found in sizes.items():
        for name in AT_SIZES:
            assert isinstance(found[name], float | int) and found[name] > 0, (size, name)
            assert found["growth"][name] > 0, (size, name)
        assert found["met"] and all(isinstance(ok, bool) for ok in found["met"].values())
    assert sizes["160x10"]["sessions"] > sizes["40x10"]["sessions"]
    for name, piece in APP_PIECES.items():  # null only while that part of the app is missing
        assert (report[name] is None) == (importlib.util.find_spec(piece) is None), name
    for name, figure in report.items():
        if figure is None:
            continue
        expected = {"ours", "reference", "ratio"}
        if name == "autosave":
            expected |= {"floor", "floor_ratio"}
        assert set(figure) == expected, name
        for key, value in figure.items():
            assert isinstance(value, float) and value > 0, (name, key, value)
    assert report["memory"]["ours"] > 2**20  # bytes, not KiB
    assert not list(tmp_path.glob("scratch-*")), "scratch folders are removed"


def test_the_side_by_side_with_sqlite_fts5_runs_and_reports_both(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.fts5", "--supervisees", "2", "--years", "1",
         "--cache", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0].endswith(" sessions") and int(lines[0].split()[0]) > 0
    assert [line.split()[0] for line in lines[2:]] == ["ours", "fts5"]
