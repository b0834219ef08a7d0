"""`supervisor-tui export session|supervisee|case`: records as Markdown (or JSON) files."""

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


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    person.add_argument("--with-support-note", action="store_true",
                        help="include the private support note (left out unless asked)")
    person.set_defaults(handler=export_supervisee)
    case = kinds.add_parser("case", help="every decision and action about one case reference")
    case.add_argument("ref", metavar="REF")
    case.set_defaults(handler=export_case)
    for sub in (session, person, case):
        add_output_option(sub)
        add_progress_option(sub)
        add_folder_option(sub)


def export_session(args: argparse.Namespace) -> int:
    # Each handler imports the services it runs: launching the app should not load every
    # command's dependencies.
    from supervisor_tui.services.exports import session_record

    progress = Progress("Searching", args)
    with existing_folder(args) as ws:
        try:
            _, text = session_record(ws, args.session_id, progress)
        finally:
            progress.finish()
    emit(text, args.output)
    return 0


def export_supervisee(args: argparse.Namespace) -> int:
    from supervisor_tui.services.exports import practitioner_file

    with existing_folder(args) as ws:
        text = practitioner_file(ws, args.supervisee_id, args.format,
                                 args.with_support_note)
    emit(text, args.output)
    return 0


def export_case(args: argparse.Namespace) -> int:
    from supervisor_tui.services.exports import case_extract

    progress = Progress("Reading", args)
    with existing_folder(args) as ws:
        try:
            text = case_extract(ws, args.ref, progress)
        finally:
            progress.finish()
    emit(text, args.output)
    return 0
