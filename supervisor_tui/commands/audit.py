"""`supervisor-tui audit --from DATE --to DATE [--format table|csv|json]`."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_output_option,
    add_progress_option,
    emit,
    existing_folder,
)

FORMATS = ["csv", "json", "table"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("audit", help="supervision audit figures for a date range")
    p.add_argument("--from", dest="start", required=True, metavar="DATE",
                   help='first day, e.g. 2026-01-01 or "1 jan"')
    p.add_argument("--to", dest="end", required=True, metavar="DATE",
                   help='last day, e.g. 2026-03-31 or "today"')
    p.add_argument("--format", choices=FORMATS, default="table")
    add_output_option(p)
    add_progress_option(p)
    add_folder_option(p)
    p.set_defaults(handler=audit)


def audit(args: argparse.Namespace) -> int:
    # Imported here: launching the app should not load every command's dependencies
    # (dateutil's parser, the audit report, the store).
    from supervisor_tui.reports.audit import audit_csv, audit_json, audit_table
    from supervisor_tui.services.audit import parse_period, run_audit

    first, last = parse_period(args.start, args.end, args.clock().date())
    progress = Progress("Reading", args)
    with existing_folder(args) as ws:
        try:
            found = run_audit(ws, first, last, progress)
        finally:
            progress.finish()
    if args.format == "table":
        text = audit_table(found, args.loaded_config.cancellation_warning)
    else:
        text = {"csv": audit_csv, "json": audit_json}[args.format](found)
    emit(text, args.output)
    return 0
