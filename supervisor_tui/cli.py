"""Command-line entry point: `supervisor-tui` launches the app; subcommands script the data.

Every expected failure (bad input, a damaged or locked data folder) prints one line and exits 2;
nothing prints a traceback, since one could show record text.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from supervisor_tui import __version__
from supervisor_tui.commands.common import (
    EXIT_USAGE,
    CliError,
    a_path,
    open_records,
    resolve_data_dir,
    scripted_passphrase,
)

#: Subcommand modules under supervisor_tui.commands; each has register(subparsers).
COMMANDS = ["demo", "listing", "export", "backup", "verify", "audit", "schedule", "init",
            "passphrase", "restore_backup"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's default exits 2 with usage
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"supervisor-tui: {message}\n")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; without `commands`, only the options of launching the app."""
    parser = _Parser(prog="supervisor-tui", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"supervisor-tui {__version__}")
    parser.add_argument("--data-dir", type=a_path, default=None,
                        help="data folder (default: $SUPERVISOR_TUI_DATA_DIR or the user data dir)")
    parser.add_argument("--config", type=a_path, default=None, help="config file (config.toml)")
    parser.add_argument("--passphrase-file", type=a_path, default=None, metavar="FILE",
                        help="read an encrypted folder's passphrase from FILE "
                             "(or set SUPERVISOR_TUI_PASSPHRASE); accepted after any command")
    parser.set_defaults(handler=launch)
    if not commands:
        return parser
    # Each command module holds only its options at the top and imports what it runs inside
    # its handler: launching the app should not load every command's dependencies.
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"supervisor_tui.commands.{name}").register(subparsers)
    return parser


def system_clock() -> datetime:
    """The wall clock: aware, in the machine's zone, to the second. The one place the product
    reads it; everything below is handed this function (tests hand it a fixed clock)."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Launching the app (no command, no help) is parsed without loading every command module."""
    if not {"-h", "--help"} & set(argv):
        args, rest = build_parser(commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


def launch(args: argparse.Namespace) -> int:
    """Run the app on the data folder until the user quits.

    A folder that can be opened at once (plain, or with a passphrase from a file or the
    environment) is opened here, so a locked or newer folder is one line on stderr. On a
    terminal, the app opens the rest itself: the first-run choice for a new folder, the
    passphrase screen, and the damaged-file screen that offers the last good backup.
    """
    from supervisor_tui.services.errors import StoreCorruptError
    from supervisor_tui.services.opening import folder_state

    config = args.loaded_config
    path = resolve_data_dir(args.data_dir, config)
    passphrase = scripted_passphrase()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    service = None
    state = folder_state(path)
    if not interactive or not (state == "new" or state == "encrypted" and not passphrase):
        try:
            service = open_records(path, args.clock, passphrase)
        except StoreCorruptError:
            if not interactive:
                raise
    from supervisor_tui.app import create_app  # after the folder opened: errors come fast

    app = create_app(service, config, args.clock, data_dir=path, passphrase=passphrase)
    try:
        app.run()
    finally:
        if app.service is not None:
            app.service.close()
    from supervisor_tui.crash import app_exit_code

    return app_exit_code(app.return_code, app.error_text.getvalue(), args.clock())


def _take_passphrase_file(argv: list[str]) -> tuple[list[str], Path | None]:
    """Pull `--passphrase-file FILE` out of argv wherever it is, so every subcommand takes it."""
    rest: list[str] = []
    found: Path | None = None
    it = iter(argv)
    for arg in it:
        if arg == "--":
            rest += [arg, *it]
            break
        if arg == "--passphrase-file":
            value = next(it, None)
            if value is None:
                rest.append(arg)  # let argparse report the missing value
                break
            if (given := _as_path(value)) is None:
                rest += [arg, value]  # let argparse refuse it, with its usage message
                continue
            found = given
        elif arg.startswith("--passphrase-file="):
            if (given := _as_path(arg.split("=", 1)[1])) is None:
                rest.append(arg)
                continue
            found = given
        else:
            rest.append(arg)
    return rest, found


def _as_path(value: str) -> Path | None:
    """`value` as a path argument, or None if `a_path` refuses it."""
    try:
        return a_path(value)
    except argparse.ArgumentTypeError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    # Off while starting, on after the first frame: see SupervisorApp.startup_finished.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    """Every message (argparse's included) goes out defused: an argument or a record may hold
    control characters (the app draws to the terminal itself, not through these streams)."""
    from supervisor_tui.commands import common
    from supervisor_tui.commands.terminal import defused_output

    with defused_output():
        argv, common.passphrase_file = _take_passphrase_file(
            list(sys.argv[1:] if argv is None else argv))
        args = parse_args(argv)
        if args.handler is not launch:  # only the app's startup gains from it
            gc.enable()
        args.clock = system_clock
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from supervisor_tui.config import ConfigError, load_config
    from supervisor_tui.domain.people import ValidationError
    from supervisor_tui.paths import default_config_file
    from supervisor_tui.services.errors import StoreError

    try:
        args.loaded_config = load_config(args.config or default_config_file())
        return int(args.handler(args) or 0)
    except (CliError, StoreError, ValidationError, ConfigError) as exc:
        print(f"supervisor-tui: {exc}{_restore_hint(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): quietly stop writing too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # never a traceback: it could show record text
        if isinstance(exc, OSError) and exc.filename is not None:  # a file the system refuses
            print(f"supervisor-tui: cannot use {exc.filename}: {exc.strerror or exc}.",
                  file=sys.stderr)
            return EXIT_USAGE
        from supervisor_tui.crash import report_exception

        report = report_exception(exc, system_clock())
        where = f"; a report without any record text is in {report}" if report else ""
        print(f"supervisor-tui: unexpected error ({type(exc).__name__}){where}", file=sys.stderr)
        return 1


def _restore_hint(exc: BaseException) -> str:
    from supervisor_tui.services.safekeeping import damaged_file_of

    path = damaged_file_of(exc)
    if path is None:
        return ""
    return f" Restore its last good backup with: supervisor-tui restore-backup {path}"


if __name__ == "__main__":
    raise SystemExit(main())
