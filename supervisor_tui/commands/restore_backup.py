"""`supervisor-tui restore-backup FILE`: put a damaged file's last good backup in its place."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.common import a_path, ask_passphrase, resolve_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "restore-backup", help="restore a damaged data file from its last good backup",
        description="Restore FILE (e.g. roster.json or supervisees/<id>.json, or the path an "
                    "error named) from the newest of its backups (.bak1-.bak3) that reads "
                    "cleanly. The damaged file is kept beside it as <name>.damaged-<stamp>. "
                    "Changes made after that backup are lost, so try this only for a file "
                    "reported damaged.")
    p.add_argument("file", type=a_path, help="the damaged file")
    p.add_argument("--force", action="store_true",
                   help="restore even though the file reads cleanly (undoes later changes)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from supervisor_tui.paths import expand_home
    from supervisor_tui.services.safekeeping import repair_file

    path = resolve_data_dir(args.data_dir, args.loaded_config)
    done = repair_file(path, expand_home(args.file), args.clock(), ask_passphrase,
                       only_if_damaged=not args.force)
    print(f"Restored {done.path} from {done.backup.name}.")
    if done.damaged_copy is not None:
        print(f"The damaged file is kept as {done.damaged_copy}.")
    return 0
