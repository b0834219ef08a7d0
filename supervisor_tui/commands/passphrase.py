"""`supervisor-tui passphrase`: change the passphrase, encrypt a plain folder, or decrypt."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.common import (
    NEW_PASSPHRASE_ENV,
    CliError,
    a_path,
    ask_passphrase,
    open_folder,
    resolve_data_dir,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "passphrase", help="change the passphrase (or encrypt a plain folder)",
        description="Re-encrypt every file (backups included) under a new passphrase. The old "
                    "files stay until every new one is on disk. The new passphrase is asked "
                    f"twice on a terminal, else read from {NEW_PASSPHRASE_ENV} or "
                    "--new-passphrase-file FILE. On a plain folder this turns encryption on.")
    p.add_argument("--new-passphrase-file", type=a_path, default=None, metavar="FILE",
                   help="read the new passphrase from FILE")
    p.add_argument("--remove", action="store_true",
                   help="turn encryption off (files are stored as plain JSON again)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from supervisor_tui.services.safekeeping import holds_data, set_passphrase

    path = resolve_data_dir(args.data_dir, args.loaded_config)
    if not holds_data(path):
        raise CliError(f"There is no data folder at {path}; create one with supervisor-tui init.")
    ws = open_folder(path, args.clock)
    try:
        if args.remove and not ws.encrypted:
            raise CliError(f"{path} is not encrypted.")
        new = None if args.remove else ask_passphrase(
            "New passphrase: ", confirm=True, env=NEW_PASSPHRASE_ENV,
            file=args.new_passphrase_file)
        skipped = set_passphrase(ws, new)
    finally:
        ws.close()
    state = "no longer encrypted" if args.remove else "encrypted under the new passphrase"
    print(f"{path} is {state}.")
    for p in skipped:
        print(f"  left as it was (unreadable already): {p}")
    return 0
