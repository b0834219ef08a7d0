"""`supervisor-tui audit --from DATE --to DATE [--format table|csv|json]`."""

from __future__ import annotations

import argparse
from datetime import date

from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_output_option,
    add_progress_option,
    emit,
    existing_records,
)

FORMATS = ["csv", "json", "table"]


def register(subparsers: argparse._SubParsersAction) -> None:
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


def parse_period(start: str, end: str, today: date) -> tuple[date, date]:
    # Imported here, as in audit() below: launching the app should not load every
    # command's dependencies (dateutil's parser, the audit report, the store).
    from supervisor_tui.domain.dates import parse_day
    from supervisor_tui.domain.people import ValidationError

    first = parse_day(start, today, prefer_future=False)
    last = parse_day(end, today, prefer_future=False)
    if last < first:
        raise ValidationError(f"--to ({last.isoformat()}) is before --from "
                              f"({first.isoformat()}).")
    return first, last


def audit(args: argparse.Namespace) -> int:
    from supervisor_tui.domain.clock import now
    from supervisor_tui.reports.audit import audit_csv, audit_json, audit_table, build_audit
    from supervisor_tui.store.bundle import load_bundles

    today = now().date()
    first, last = parse_period(args.start, args.end, today)
    progress = Progress("Reading", args)
    with existing_records(args) as records:
        try:
            bundles = load_bundles(records, progress)
        finally:
            progress.finish()
    render = {"table": audit_table, "csv": audit_csv, "json": audit_json}[args.format]
    emit(render(build_audit(bundles, first, last, today)), args.output)
    return 0
