"""Command-line entry point: `supervisor-tui` launches the app; subcommands script the data.

Every expected failure (bad input, a damaged or locked data folder) prints one line and exits 2;
nothing prints a traceback, since one could show record text.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from supervisor_tui import __version__
from supervisor_tui.commands.common import EXIT_USAGE, CliError, open_records, resolve_data_dir
from supervisor_tui.config import ConfigError, load_config
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.paths import default_config_file
from supervisor_tui.store.errors import StoreError

#: Subcommand modules under supervisor_tui.commands; each has register(subparsers).
COMMANDS = ["demo", "listing", "export", "backup", "verify", "audit"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exits 2 with usage; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"supervisor-tui: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="supervisor-tui", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"supervisor-tui {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder (default: $SUPERVISOR_TUI_DATA_DIR or the user data dir)")
    parser.add_argument("--config", type=Path, default=None, help="config file (config.toml)")
    parser.set_defaults(handler=launch)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"supervisor_tui.commands.{name}").register(subparsers)
    return parser


def launch(args: argparse.Namespace) -> int:
    """Open the data folder and run the app until the user quits."""
    config = args.loaded_config
    service = open_records(resolve_data_dir(args.data_dir, config))
    try:
        from supervisor_tui.app import create_app  # after the folder opened: errors come fast

        create_app(service, config).run()
    finally:
        service.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.loaded_config = load_config(args.config or default_config_file())
        return int(args.handler(args) or 0)
    except (CliError, StoreError, ValidationError, ConfigError) as exc:
        print(f"supervisor-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
