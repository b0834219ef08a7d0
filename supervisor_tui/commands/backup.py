"""`supervisor-tui backup FILE` and `restore FILE [--force]`: the whole folder as one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from supervisor_tui.commands.common import CliError, open_folder
from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_progress_option,
    data_dir,
    existing_folder,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = subparsers.add_parser("backup", help="write the whole data folder into one file")
    b.add_argument("file", type=Path, metavar="FILE")
    b.add_argument("--force", action="store_true", help="replace FILE if it exists")
    b.set_defaults(handler=backup)
    r = subparsers.add_parser("restore", help="restore a data folder from a backup file")
    r.add_argument("file", type=Path, metavar="FILE")
    r.add_argument("--force", action="store_true",
                   help="replace records already in the folder (they are copied aside first)")
    r.set_defaults(handler=restore)
    for p in (b, r):
        add_progress_option(p)
        add_folder_option(p)


def backup(args: argparse.Namespace) -> int:
    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    from supervisor_tui.store.backup import create_backup
    from supervisor_tui.store.errors import StoreWriteError

    target = args.file.expanduser()
    folder = data_dir(args).expanduser().resolve()
    if target.resolve().is_relative_to(folder):
        raise CliError(f"{target} is inside the data folder {folder}; a backup is written "
                       "outside it (on another disk, ideally).")
    if target.exists() and not args.force:
        raise CliError(f"{target} already exists; use --force to replace it.")
    if target.is_dir():
        raise CliError(f"Cannot write {target}: it is a folder.")
    progress = Progress("Backing up", args)
    with existing_folder(args) as ws:
        try:
            count = create_backup(ws.records, target, ws.clock(), ws.folder.fmt, progress)
        except StoreWriteError as exc:
            raise CliError(f"Cannot write {target}: {exc.reason}.") from None
        finally:
            progress.finish()
    print(f"Backed up {count} data file(s) to {target}", file=sys.stderr)
    return 0


def restore(args: argparse.Namespace) -> int:
    from supervisor_tui.store.backup import read_backup, restore_backup

    path = data_dir(args)
    ws = open_folder(path, args.clock)
    try:
        doc = read_backup(args.file.expanduser(), ws.folder.fmt)
        progress = Progress("Restoring", args)
        try:
            saved = restore_backup(ws.folder, doc, args.force, progress)
        finally:
            progress.finish()
    finally:
        ws.close()
    if saved is not None:
        print(f"The records that were there are kept in {saved}", file=sys.stderr)
    print(f"Restored {len(doc['files'])} data file(s) into {path}", file=sys.stderr)
    return 0
