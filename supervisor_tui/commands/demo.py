"""`supervisor-tui demo`: write the bundled demo data set into a new folder and launch on it."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from supervisor_tui.commands.common import CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="launch on a fresh copy of the demo data set")
    p.add_argument("--data-dir", dest="demo_dir", type=Path, default=None,
                   help="where to write the demo data (a new empty folder; default: a temp folder)")
    p.add_argument("--no-launch", action="store_true",
                   help="only write the data and print its path")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from supervisor_tui.demo import write_demo
    from supervisor_tui.store.service import open_service

    target = args.demo_dir or Path(tempfile.mkdtemp(prefix="supervisor-tui-demo-"))
    target = target.expanduser()
    if target.exists() and any(target.iterdir()):
        raise CliError(f"{target} is not empty; the demo only writes into a new or empty folder.")
    service = open_service(target)
    try:
        write_demo(service.records)
        if args.no_launch:
            print(target)
            return 0
        from supervisor_tui.app import create_app

        create_app(service, args.loaded_config).run()
    finally:
        service.close()
    return 0
