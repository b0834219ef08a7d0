"""Helpers the record commands share: opening an existing folder, output files, progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from supervisor_tui.commands.common import CliError, a_path, open_folder, resolve_data_dir

if TYPE_CHECKING:
    from supervisor_tui.services.workspace import Workspace


def add_folder_option(p: argparse.ArgumentParser) -> None:
    """Let `--data-dir` also follow the subcommand (it overrides the one before it)."""
    p.add_argument("--data-dir", type=a_path, default=argparse.SUPPRESS,
                   help="data folder (as the option before the command)")


def add_progress_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--progress", action="store_true",
                   help="show progress on stderr even when it is not a terminal")


def add_output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=a_path, default=None,
                   help="write to this file (mode 0600) instead of standard output")


def data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(args.data_dir, args.loaded_config)


@contextmanager
def existing_folder(args: argparse.Namespace) -> Iterator[Workspace]:
    """A data folder that must already exist, opened for reading only (reading never creates
    one, and works while the app is open on it)."""
    # The store is imported in the functions that use it, not at the top: every command
    # registers its options through this module, and launching the app should not load
    # every command's dependencies.
    from supervisor_tui.services.safekeeping import holds_data

    path = data_dir(args)
    if not path.is_dir():
        raise CliError(f"No data folder at {path}.")
    if not holds_data(path):
        raise CliError(f"{path} holds no supervisor-tui data (no roster.json).")
    workspace = open_folder(path, args.clock, read_only=True)
    try:
        yield workspace
    finally:
        workspace.close()


def emit(text: str, output: Path | None) -> None:
    """Print `text` (control characters shown, never acted on by the terminal), or write it
    durably to `output`, readable by its owner only."""
    if output is None:
        from supervisor_tui.domain.text_safety import for_terminal

        sys.stdout.write(for_terminal(text))
        sys.stdout.flush()
        return
    write_bytes(output, text.encode("utf-8"))
    print(f"Wrote {output}", file=sys.stderr)


def write_bytes(output: Path, data: bytes) -> None:
    from supervisor_tui.paths import expand_home
    from supervisor_tui.services.errors import StoreWriteError
    from supervisor_tui.services.safekeeping import write_private

    output = expand_home(output)
    if output.is_dir():
        raise CliError(f"Cannot write {output}: it is a folder.")
    try:
        write_private(output, data)
    except StoreWriteError as exc:
        raise CliError(f"Cannot write {output}: {exc.reason}.") from None


class Progress:
    """`label 12/40` on one stderr line, shown only on a terminal or when asked for."""

    def __init__(self, label: str, args: argparse.Namespace) -> None:
        self.label = label
        self.enabled = bool(getattr(args, "progress", False)) or sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            from supervisor_tui.commands.terminal import write_control

            write_control("\r")
            sys.stderr.write(f"{self.label} {done}/{total}")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.shown = False
