"""`supervisor-tui list supervisees` and `list sessions SUPERVISEE_ID`: ids for scripts."""

from __future__ import annotations

import argparse

from supervisor_tui.commands.output import add_folder_option, emit, existing_folder


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("list", help="list supervisees or a supervisee's sessions")
    kinds = p.add_subparsers(title="what", metavar="WHAT", required=True,
                             parser_class=type(p))
    people = kinds.add_parser("supervisees", help="ids, names and roles")
    people.add_argument("--all", action="store_true", help="include archived supervisees")
    sessions = kinds.add_parser("sessions", help="a supervisee's sessions, oldest first")
    sessions.add_argument("supervisee_id", metavar="SUPERVISEE_ID")
    for sub, handler in ((people, list_supervisees), (sessions, list_sessions)):
        sub.add_argument("--json", action="store_true", help="print JSON for machines")
        add_folder_option(sub)
        sub.set_defaults(handler=handler)


def _json(value: object) -> str:
    # Imported here, not at the top: launching the app should not load every command's
    # dependencies.
    import orjson

    from supervisor_tui.domain.text_safety import for_json

    return for_json(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()) + "\n"


def list_supervisees(args: argparse.Namespace) -> int:
    from supervisor_tui.services.people import supervisees

    with existing_folder(args) as ws:
        people = supervisees(ws, include_archived=args.all)
    if args.json:
        emit(_json([{"id": p.id, "name": p.name, "role": p.role, "archived": p.archived}
                    for p in people]), None)
        return 0
    lines = [f"{p.id}\t{p.name}\t{p.role}" + ("\t(archived)" if p.archived else "")
             for p in people]
    emit("\n".join(lines) + "\n" if lines else "", None)
    return 0


def list_sessions(args: argparse.Namespace) -> int:
    from supervisor_tui.reports.record import when
    from supervisor_tui.services.exports import sessions_of

    with existing_folder(args) as ws:
        sessions = sessions_of(ws, args.supervisee_id)[::-1]
    if args.json:
        emit(_json([{"id": s.id, "date": s.when.isoformat() if s.when else None,
                     "type": s.type.value, "status": s.status.value,
                     "supervisee_ids": s.supervisee_ids} for s in sessions]), None)
        return 0
    lines = [f"{s.id}\t{when(s.when)}\t{s.type.value}\t{s.status.value.replace('_', ' ')}"
             for s in sessions]
    emit("\n".join(lines) + "\n" if lines else "", None)
    return 0
