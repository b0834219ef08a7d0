"""`supervisor-tui schedule export --ics FILE`: the planned sessions as a calendar file."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.common import CliError, a_path, open_folder
from supervisor_tui.commands.output import add_folder_option, data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("schedule", help="the diary of planned sessions")
    actions = p.add_subparsers(title="actions", metavar="ACTION", parser_class=type(p))
    export = actions.add_parser(
        "export", help="write planned sessions as an .ics file for a calendar app"
    )
    export.add_argument("--ics", type=a_path, required=True, metavar="FILE",
                        help="the .ics file to write (replaced if it exists)")
    export.add_argument("--supervisee", metavar="ID", default=None,
                        help="only this supervisee (default: every current supervisee)")
    export.add_argument("--months", type=int, default=6, metavar="N",
                        help="how many months ahead (default 6)")
    add_folder_option(export)
    export.set_defaults(handler=run_export)
    p.set_defaults(handler=lambda args: p.error("choose an action, e.g. schedule export"))


def run_export(args: argparse.Namespace) -> int:
    from supervisor_tui.services.errors import StoreWriteError
    from supervisor_tui.services.schedule import export_ics

    if not 1 <= args.months <= 36:
        raise CliError("--months is between 1 and 36.")
    ws = open_folder(data_dir(args), args.clock, read_only=True)
    try:
        count, people = export_ics(ws, args.ics, args.supervisee, args.months)
    except StoreWriteError as exc:
        raise CliError(f"Could not write {args.ics}: {exc.reason}") from None
    except OSError as exc:
        raise CliError(f"Could not write {args.ics}: {exc.strerror or exc}") from None
    finally:
        ws.close()
    print(f"Wrote {count} session{'s' * (count != 1)} for {people} "
          f"supervisee{'s' * (people != 1)} to {args.ics}")
    return 0
