"""`supervisor-tui verify`: check the whole record (see services/integrity.py); exit 1 on any
problem."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_progress_option,
    existing_folder,
)

EXIT_TAMPERED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "verify", help="detect records edited, deleted or put back outside the app")
    add_progress_option(p)
    add_folder_option(p)
    p.set_defaults(handler=verify)


def verify(args: argparse.Namespace) -> int:
    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    from supervisor_tui.paths import default_state_dir
    from supervisor_tui.services.integrity import check_record

    progress = Progress("Verifying", args)
    with existing_folder(args) as ws:
        try:
            found = check_record(ws, default_state_dir(), progress)
        finally:
            progress.finish()
    for problem in found.folder:
        print(f"PROBLEM  {problem}")
    for r in found.people:
        if r.ok:
            print(f"ok       {r.name} ({r.supervisee_id}): {r.decisions} decision(s), "
                  "record intact")
        for problem in r.problems:
            print(f"PROBLEM  {r.name} ({r.supervisee_id}): {problem}")
    if not found.sealed:
        print("Only the decisions logs could be checked: this folder was last written by an "
              "earlier version. Open it once in the app to seal every record.")
    total = sum(r.decisions for r in found.people)
    if not found.ok:
        print(f"{len(found.problems)} problem(s) found in {len(found.people)} supervisee "
              "record(s).")
        return EXIT_TAMPERED
    print(f"All {len(found.people)} supervisee record(s) verified ({total} decisions).")
    return 0
