"""`supervisor-tui demo`: write the bundled demo data set into a new folder and launch on it."""

from __future__ import annotations

import argparse
from pathlib import Path

from supervisor_tui.commands.common import CliError, a_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="launch on a fresh copy of the demo data set")
    p.add_argument("--data-dir", dest="demo_dir", type=a_path, default=None,
                   help="where to write the demo data (a new empty folder; default: a temp folder)")
    p.add_argument("--no-launch", action="store_true",
                   help="only write the data and print its path")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt the demo folder (passphrase from SUPERVISOR_TUI_PASSPHRASE, "
                        "--passphrase-file FILE, or asked twice)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    import tempfile

    from supervisor_tui.paths import expand_home
    from supervisor_tui.services.people import fill_with_demo
    from supervisor_tui.services.service import open_service

    target = args.demo_dir or Path(tempfile.mkdtemp(prefix="supervisor-tui-demo-"))
    target = expand_home(target)
    if target.exists() and any(target.iterdir()):
        raise CliError(f"{target} is not empty; the demo only writes into a new or empty folder.")
    if args.encrypt:
        from supervisor_tui.commands.common import ask_passphrase
        from supervisor_tui.services.safekeeping import new_folder_kdf

        passphrase = ask_passphrase("New passphrase: ", confirm=True)
        service = open_service(target, args.clock, passphrase=passphrase,
                               encrypt=new_folder_kdf())
    else:
        service = open_service(target, args.clock)
    try:
        fill_with_demo(service.workspace)
        from supervisor_tui.paths import default_state_dir
        from supervisor_tui.services.integrity import forget_what_was_seen

        forget_what_was_seen(service.workspace, default_state_dir())
        if args.no_launch:
            print(target)
            return 0
        from supervisor_tui.app import create_app
        from supervisor_tui.crash import app_exit_code

        app = create_app(service, args.loaded_config)
        app.run()
    finally:
        service.close()
    return app_exit_code(app.return_code, app.error_text.getvalue(), args.clock())
