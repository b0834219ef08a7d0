"""`supervisor-tui verify`: check every decisions log's hash chain; exit 1 on any problem."""

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
    p = subparsers.add_parser("verify", help="detect edited, reordered or deleted decisions")
    add_progress_option(p)
    add_folder_option(p)
    p.set_defaults(handler=verify)


def verify(args: argparse.Namespace) -> int:
    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    from supervisor_tui.services.safekeeping import verify_folder

    progress = Progress("Verifying", args)
    with existing_folder(args) as ws:
        try:
            reports = verify_folder(ws, progress)
        finally:
            progress.finish()
    bad = [r for r in reports if not r.ok]
    for r in reports:
        if r.ok:
            print(f"ok       {r.name} ({r.supervisee_id}): {r.decisions} decision(s), "
                  "chain intact")
        for problem in r.problems:
            print(f"PROBLEM  {r.name} ({r.supervisee_id}): {problem}")
    total = sum(r.decisions for r in reports)
    if bad:
        print(f"{len(bad)} of {len(reports)} decisions log(s) failed verification.")
        return EXIT_TAMPERED
    print(f"All {len(reports)} decisions log(s) verified ({total} decisions).")
    return 0
