"""`supervisor-tui export session|supervisee|case`: records as Markdown (or JSON) files."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.common import CliError
from supervisor_tui.commands.output import (
    Progress,
    add_folder_option,
    add_output_option,
    add_progress_option,
    emit,
    existing_records,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="export a session record, a practitioner file "
                                             "or a case extract")
    kinds = p.add_subparsers(title="what", metavar="WHAT", required=True, parser_class=type(p))
    session = kinds.add_parser("session", help="one session record as Markdown")
    session.add_argument("session_id", metavar="ID")
    session.set_defaults(handler=export_session)
    person = kinds.add_parser("supervisee", help="all of a supervisee's records, decisions "
                                                 "and actions")
    person.add_argument("supervisee_id", metavar="ID")
    person.add_argument("--format", choices=["md", "json"], default="md")
    person.set_defaults(handler=export_supervisee)
    case = kinds.add_parser("case", help="every decision and action about one case reference")
    case.add_argument("ref", metavar="REF")
    case.set_defaults(handler=export_case)
    for sub in (session, person, case):
        add_output_option(sub)
        add_progress_option(sub)
        add_folder_option(sub)


def export_session(args: argparse.Namespace) -> int:
    # Each handler imports the reports and store it needs: launching the app should not
    # load every command's dependencies.
    from supervisor_tui.reports.record import bundle_session_markdown
    from supervisor_tui.store.bundle import find_session

    progress = Progress("Searching", args)
    with existing_records(args) as records:
        try:
            session, bundles = find_session(records, args.session_id, progress)
        finally:
            progress.finish()
        names = {p.id: p.name for p in records.supervisees(include_archived=True)}
    emit(bundle_session_markdown(session, bundles, names), args.output)
    return 0


def export_supervisee(args: argparse.Namespace) -> int:
    from supervisor_tui.domain.clock import now
    from supervisor_tui.reports.practitioner import practitioner_json, practitioner_markdown
    from supervisor_tui.store.bundle import load_bundle

    with existing_records(args) as records:
        bundle = load_bundle(records, args.supervisee_id)
        names = {p.id: p.name for p in records.supervisees(include_archived=True)}
    at = now()
    if args.format == "json":
        text = practitioner_json(bundle, at)
    else:
        text = practitioner_markdown(bundle, at, at.date(), names)
    emit(text, args.output)
    return 0


def export_case(args: argparse.Namespace) -> int:
    from supervisor_tui.domain.bundle import names_of
    from supervisor_tui.domain.clock import now
    from supervisor_tui.reports.case_extract import case_extract_markdown, case_mentioned
    from supervisor_tui.store.bundle import load_bundles

    progress = Progress("Reading", args)
    with existing_records(args) as records:
        try:
            bundles = load_bundles(records, progress)
        finally:
            progress.finish()
    if not case_mentioned(bundles, args.ref):
        raise CliError(f"No case {args.ref} in the records of "
                       f"{len(names_of(bundles))} supervisee(s).")
    emit(case_extract_markdown(bundles, args.ref, now()), args.output)
    return 0
