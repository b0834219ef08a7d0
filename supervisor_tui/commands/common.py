"""What every subcommand shares: the data folder, opening the store, one-line errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_tui.config import Config
    from supervisor_tui.domain.clock import Clock
    from supervisor_tui.services.service import Service
    from supervisor_tui.services.workspace import Workspace

EXIT_USAGE = 2
PASSPHRASE_ENV = "SUPERVISOR_TUI_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SUPERVISOR_TUI_NEW_PASSPHRASE"

#: Set by `cli.main` from `--passphrase-file FILE` (accepted anywhere on the command line).
passphrase_file: Path | None = None


class CliError(Exception):
    """A one-line message for the user; the command exits with code 2."""


def a_path(text: str) -> Path:
    """An argument naming a file or folder (an argparse `type`): refused, with the usual usage
    message, when no file could have that name."""
    if "\x00" in text:
        raise argparse.ArgumentTypeError("a path cannot hold a null character")
    if not text:
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(text)


def resolve_data_dir(explicit: Path | None, config: Config | None = None) -> Path:
    # Imported here, as the store below: building the command line (every launch) loads
    # this module, and launching the app should not load every command's dependencies.
    from supervisor_tui.paths import DATA_DIR_ENV, default_data_dir, expand_home

    if explicit is not None:
        return expand_home(explicit)
    if config is not None and config.data_dir is not None and not os.environ.get(DATA_DIR_ENV):
        return config.data_dir
    return default_data_dir()


def read_passphrase_file(path: Path) -> str:
    """The first line of `path` (a trailing newline is not part of the passphrase)."""
    from supervisor_tui.paths import expand_home

    try:
        text = expand_home(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"Could not read the passphrase file {path}: "
                       f"{getattr(exc, 'strerror', None) or type(exc).__name__}") from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise CliError(f"The passphrase file {path} is empty.")
    return line


def scripted_passphrase() -> str | None:
    """The passphrase given without a terminal prompt (--passphrase-file, then the env var)."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    return os.environ.get(PASSPHRASE_ENV) or None


def ask_passphrase(prompt: str = "Passphrase: ", confirm: bool = False,
                   env: str = PASSPHRASE_ENV, file: Path | None = None) -> str:
    """From FILE, then the environment, then the terminal (twice when `confirm`)."""
    file = file if file is not None else passphrase_file if env == PASSPHRASE_ENV else None
    if file is not None:
        return read_passphrase_file(file)
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise CliError(f"A passphrase is needed: set {env} or use --passphrase-file FILE.")
    import getpass

    first = getpass.getpass(prompt)
    if not first:
        raise CliError("The passphrase may not be empty.")
    if confirm and getpass.getpass("Again, to confirm: ") != first:
        raise CliError("The two passphrases differ; nothing was changed.")
    return first


def open_records(path: Path, clock: Clock, passphrase: str | None = None) -> Service:
    """Open the data folder for the app (read-only if it cannot be written; the app says so);
    an encrypted one asks for its passphrase (file, env or terminal)."""
    from supervisor_tui.services.service import Service

    return Service(_open(path, clock, passphrase, read_only=False, or_read_only=True))


def open_folder(path: Path, clock: Clock, passphrase: str | None = None, *,
                read_only: bool = False) -> Workspace:
    """Open the data folder for a command; an encrypted one asks for its passphrase (file, env
    or terminal). A command that only reads opens it `read_only`: it works while the app is
    open on the folder."""
    ws = _open(path, clock, passphrase, read_only=read_only, or_read_only=False)
    notice = ws.finished_notice()
    if notice is not None:
        print(notice, file=sys.stderr)
    return ws


def _open(path: Path, clock: Clock, passphrase: str | None, *, read_only: bool,
          or_read_only: bool) -> Workspace:
    from supervisor_tui.services.opening import folder_state
    from supervisor_tui.services.workspace import open_workspace

    if passphrase is None and folder_state(path) == "encrypted":
        passphrase = ask_passphrase()
    return open_workspace(path, clock, passphrase=passphrase, read_only=read_only,
                          or_read_only=or_read_only)
