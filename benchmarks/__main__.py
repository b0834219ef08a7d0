"""`python -m benchmarks`: every figure, ours against the reference, in one table (or JSON).

    python -m benchmarks [--quick] [--json] [--scale N] [--repeats N] [--only autosave,search]

Each figure alternates ours and the reference (A B A B ...) several times in the same run and
reports medians; see benchmarks/README.md for what each figure measures.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import orjson

from benchmarks.common import TARGETS, Figure, Settings
from benchmarks.corpus import CACHE, CorpusSpec, ensure_corpus
from supervisor_tui.paths import STATE_DIR_ENV

ORDER = ["autosave", "startup", "typing", "search", "memory"]
QUICK_KEYSTROKES = 150
#: The part of the app a figure drives, where it is not in every build of the app.
APP_PIECES = {
    "typing": "supervisor_tui.ui.screens.session",
    "search": "supervisor_tui.services.search",
}


class NotMeasurable(Exception):
    """The part of the app this figure measures is not in this build."""


def compile_bytecode() -> None:
    """Compile our package and the drivers before measuring, as installing a package does.

    Without it, an editable install run with PYTHONDONTWRITEBYTECODE (as on the benchmark
    machines) compiles every one of our modules from source at every start, on both sides.
    """
    import compileall

    for package in ("supervisor_tui", "benchmarks"):
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def _require(figure: str) -> None:
    piece = APP_PIECES.get(figure)
    if piece is not None and importlib.util.find_spec(piece) is None:
        raise NotMeasurable(f"{piece} is not in this build of the app yet")


def _autosave(settings: Settings) -> list[Figure]:
    from benchmarks import autosave

    return [autosave.measure(settings)]


def _startup(settings: Settings) -> list[Figure]:
    from benchmarks import startup

    return list(startup.measure(settings))  # startup and memory come from the same runs


def _typing(settings: Settings) -> list[Figure]:
    _require("typing")
    from benchmarks import keystrokes

    return [keystrokes.measure(settings)]


def _search(settings: Settings) -> list[Figure]:
    _require("search")
    from benchmarks import search

    return [search.measure(settings)]


def _runners() -> dict[str, Callable[[Settings], list[Figure]]]:
    return {"autosave": _autosave, "startup": _startup, "typing": _typing, "search": _search}


def _amount(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / 2**20:.1f} MiB"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _verdicts(figure: Figure) -> str:
    return "; ".join(
        f"{t.text}: {'met' if t.check(figure) else 'MISSED'}" for t in TARGETS[figure.name]
    )


def table(figures: dict[str, Figure], header: str) -> str:
    rows = [("figure", "ours", "reference", "ratio", "floor", "ours/floor", "targets")]
    for name in ORDER:
        f = figures.get(name)
        if f is None:
            continue
        floor = f.floor_median
        rows.append((
            name, _amount(f.ours_median, f.unit), _amount(f.reference_median, f.unit),
            f"{f.ours_median / f.reference_median:.3f}",
            "-" if floor is None else _amount(floor, f.unit),
            "-" if floor is None else f"{f.ours_median / floor:.2f}",
            _verdicts(f),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = [header, ""]
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    lines.append("")
    lines += [f"{name}: {figures[name].note}" for name in ORDER if name in figures]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    # What the app remembers of the folders it opened (to notice one put back) goes to a
    # place of the run's own: the user's is left alone, and one run's copies of a corpus never
    # look like another's put back.
    with tempfile.TemporaryDirectory(prefix="supervisor-tui-bench-state-") as state:
        os.environ[STATE_DIR_ENV] = state
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny corpus, few repetitions")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--scale", type=float, default=1.0, help="corpus of 40 x SCALE people")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where generated corpora are kept (default: bench-data/)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="repetitions per side (default: 15, typing 7; --quick: 2)")
    parser.add_argument("--keystrokes", type=int, default=None, help="keys per typing run")
    parser.add_argument("--large", action="store_true",
                        help="sizes also at 400 x 10 years (its corpus takes minutes to make)")
    parser.add_argument("--only", default="", help="comma-separated figures to run")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every repetition")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        if args.verbose:
            print(message, file=sys.stderr, flush=True)

    compile_bytecode()
    spec = CorpusSpec.quick(args.seed) if args.quick else CorpusSpec.scaled(args.scale, args.seed)
    log(f"corpus {spec.key} ...")
    corpus = ensure_corpus(spec, args.cache)
    settings = Settings(
        corpus=corpus,
        repeats=args.repeats,
        quick=args.quick,
        large=args.large,
        keystrokes=args.keystrokes or (QUICK_KEYSTROKES if args.quick else 2000),
        log=log,
    )
    wanted = [n for n in args.only.split(",") if n] or [*_runners(), "sizes"]
    unknown = set(wanted) - {*_runners(), "sizes"}
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    figures: dict[str, Figure] = {}
    missing: dict[str, str] = {}
    sizes: dict[str, dict[str, object]] | None = None
    if "sizes" in wanted:
        from benchmarks import sizes as at_sizes

        sizes = at_sizes.measure(settings)
    for name in (n for n in wanted if n != "sizes"):
        log(f"{name} ...")
        try:
            for figure in _runners()[name](settings):
                figures[figure.name] = figure
        except NotMeasurable as exc:
            missing[name] = str(exc)
    if args.json:
        out = {n: figures[n].as_json() if n in figures else None
               for n in ORDER if n in figures or n in missing}
        if sizes is not None:
            out["sizes"] = sizes
        print(orjson.dumps(out).decode())
        return 0
    m = corpus.manifest
    header = (
        f"supervisor-tui benchmarks: {os.cpu_count()} cores, Python {platform.python_version()}, "
        "medians of interleaved repetitions (runs per side: "
        + ", ".join(f"{n} {figures[n].runs}" for n in ORDER if n in figures) + ")\n"
        f"corpus {spec.key}: {spec.supervisees} supervisees, {m['sessions']} sessions, "
        f"{m['bytes']['data'] / 1e6:.1f} MB in per-supervisee files, "
        f"{m['bytes']['reference'] / 1e6:.1f} MB as one TinyDB file"
    )
    if figures:
        print(table(figures, header))
    if sizes is not None:
        from benchmarks import sizes as at_sizes

        print("\nAt three sizes (medians of interleaved runs, each on a fresh copy):\n")
        print(at_sizes.table(sizes))
    for name, reason in missing.items():
        print(f"{name}: not yet measurable: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
