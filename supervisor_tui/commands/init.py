"""`supervisor-tui init [--encrypt]`: create a data folder, optionally encrypted."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.common import CliError, ask_passphrase, resolve_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "init", help="create the data folder (optionally encrypted with a passphrase)",
        description="Create the data folder. With --encrypt every file is encrypted "
                    "(AES-256-GCM, key from the passphrase with Argon2id); the passphrase is "
                    "asked twice on a terminal, else read from SUPERVISOR_TUI_PASSPHRASE or "
                    "--passphrase-file FILE. There is no way back in without it.")
    p.add_argument("--encrypt", action="store_true", help="encrypt the folder with a passphrase")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from supervisor_tui.services.safekeeping import new_folder_kdf
    from supervisor_tui.services.workspace import open_workspace

    path = resolve_data_dir(args.data_dir, args.loaded_config)
    if (path / "roster.json").exists() or (path / "keycheck.bin").exists():
        raise CliError(f"{path} already holds a data folder; nothing was changed.")
    if args.encrypt:
        passphrase = ask_passphrase("New passphrase: ", confirm=True)
        ws = open_workspace(path, args.clock, passphrase=passphrase, encrypt=new_folder_kdf())
    else:
        ws = open_workspace(path, args.clock)
    ws.close()
    print(f"Created {'an encrypted' if args.encrypt else 'a'} data folder at {path}")
    return 0
