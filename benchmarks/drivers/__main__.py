"""`python -m benchmarks.drivers NAME [options] --report PATH` (run by benchmarks.terminal)."""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.drivers")
    parser.add_argument("name", choices=["home", "bare-home", "typing", "bare-typing", "sizes",
                                         "first-use"])
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rows", type=int, default=1)
    parser.add_argument("--keys", type=int, default=2000)
    parser.add_argument("--word", default="genogram")
    args = parser.parse_args()
    if args.name == "sizes":
        from benchmarks.drivers.sizes import feel

        feel(args.report, args.data_dir, args.word)
    elif args.name == "first-use":
        from benchmarks.drivers.sizes import first_use

        first_use(args.report, args.data_dir, args.word)
    elif args.name == "home":
        from benchmarks.drivers.home import home

        home(args.report, args.data_dir, args.rows)
    elif args.name == "bare-home":
        from benchmarks.drivers.bare import home as bare_home

        bare_home(args.report)
    elif args.name == "bare-typing":
        from benchmarks.drivers.bare import typing

        typing(args.report, args.keys)
    else:
        from benchmarks.drivers.notes import typing as notes_typing

        notes_typing(args.report, args.data_dir, args.keys)


if __name__ == "__main__":
    main()
