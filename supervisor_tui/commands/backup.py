"""`supervisor-tui backup FILE` and `restore FILE [--force]`: the whole folder as one file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervisor_tui.commands.common import (
    CliError,
    a_path,
    ask_passphrase,
    open_folder,
    scripted_passphrase,
)
from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_progress_option,
    data_dir,
    existing_folder,
)

if TYPE_CHECKING:
    from supervisor_tui.services.workspace import Workspace

BACKUP_PASSPHRASE_ENV = "SUPERVISOR_TUI_BACKUP_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = subparsers.add_parser("backup", help="write the whole data folder into one file")
    b.add_argument("file", type=a_path, metavar="FILE")
    b.add_argument("--force", action="store_true", help="replace FILE if it exists")
    b.add_argument("--skip-damaged", action="store_true",
                   help="back up the rest when a supervisee's file is damaged (it is named)")
    b.set_defaults(handler=backup)
    r = subparsers.add_parser("restore", help="restore a data folder from a backup file")
    r.add_argument("file", type=a_path, metavar="FILE")
    r.add_argument("--force", action="store_true",
                   help="replace records already in the folder (they are copied aside first)")
    r.set_defaults(handler=restore)
    for p in (b, r):
        add_progress_option(p)
        add_folder_option(p)


def backup(args: argparse.Namespace) -> int:
    from supervisor_tui.paths import expand_home

    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    from supervisor_tui.services.errors import StoreCorruptError, StoreWriteError
    from supervisor_tui.services.safekeeping import back_up

    target = expand_home(args.file)
    folder = expand_home(data_dir(args)).resolve()
    if target.resolve().is_relative_to(folder):
        raise CliError(f"{target} is inside the data folder {folder}; a backup is written "
                       "outside it (on another disk, ideally).")
    if target.exists() and not args.force:
        raise CliError(f"{target} already exists; use --force to replace it.")
    if target.is_dir():
        raise CliError(f"Cannot write {target}: it is a folder.")
    progress = Progress("Backing up", args)
    with existing_folder(args) as ws:
        skipped: list[Path] | None = [] if args.skip_damaged else None
        try:
            count = back_up(ws, target, progress, skipped)
        except StoreCorruptError as exc:
            raise CliError(f"{exc} Nothing was backed up; use --skip-damaged to back up the "
                           "rest (or restore-backup to repair it first).") from None
        except StoreWriteError as exc:
            raise CliError(f"Cannot write {target}: {exc.reason}.") from None
        finally:
            progress.finish()
        encrypted, day = ws.encrypted, ws.clock().strftime("%d %b %Y")
    print(f"Backed up {count} data file(s) to {target}", file=sys.stderr)
    for path in skipped or []:
        print(f"Left out, damaged: {path} (restore-backup can repair it)", file=sys.stderr)
    if encrypted:
        print(f"It is encrypted: it opens with this folder's passphrase as it is today ({day}), "
              "also after a later change and in any folder. Keep a note of that passphrase "
              "with the backup's date.", file=sys.stderr)
    return 0


def restore(args: argparse.Namespace) -> int:
    """Restore into the data folder; into a new one (a new machine, a lost laptop), the folder
    is created under the backup's own key, or plain for a plain backup. The backup is read
    and checked whole before anything is created or written, and a new folder is removed
    again if the restore fails."""
    import shutil

    from supervisor_tui.paths import expand_home
    from supervisor_tui.services.safekeeping import is_new, read_backup_file
    from supervisor_tui.services.workspace import open_workspace

    path = data_dir(args)
    source = expand_home(args.file)
    if not is_new(path):
        ws = open_folder(path, args.clock)
        try:
            doc, _ = read_backup_file(source, ws, _backup_passphrase)
            saved = _restore_into(ws, doc, args)
        finally:
            ws.close()
    else:
        doc, fmt = read_backup_file(source, None, lambda: _backup_passphrase(new_folder=True))
        encrypted = getattr(fmt, "encrypted", False)
        existed = path.exists()
        ws = open_workspace(path, args.clock, fmt if encrypted else None)
        try:
            saved = _restore_into(ws, doc, args)
        except BaseException:
            ws.close()
            if not existed:
                shutil.rmtree(path, ignore_errors=True)
            raise
        ws.close()
        if encrypted:
            print(f"{path} is encrypted under the backup's passphrase.", file=sys.stderr)
    if saved is not None:
        print(f"The records that were there are kept in {saved}", file=sys.stderr)
    print(f"Restored {len(doc['files'])} data file(s) into {path}", file=sys.stderr)
    return 0


def _restore_into(ws: Workspace, doc: dict[str, Any], args: argparse.Namespace) -> Path | None:
    from supervisor_tui.services.safekeeping import restore_from

    progress = Progress("Restoring", args)
    try:
        return restore_from(ws, doc, args.force, progress)
    finally:
        progress.finish()


def _backup_passphrase(new_folder: bool = False) -> str:
    """The passphrase in force when the backup was made: its own variable, else (restoring into
    a new folder, where it is the only one) the usual ones, else the terminal."""
    if os.environ.get(BACKUP_PASSPHRASE_ENV):
        return os.environ[BACKUP_PASSPHRASE_ENV]
    if new_folder:
        given = scripted_passphrase()
        if given:
            return given
    return ask_passphrase("Passphrase the backup was made under: ", env=BACKUP_PASSPHRASE_ENV)
