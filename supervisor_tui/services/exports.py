"""Exports: a session record, a practitioner file, a case extract, and writing one to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from supervisor_tui.domain.bundle import names_of
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.prompts.loader import load_prompts
from supervisor_tui.reports.case_extract import case_extract_markdown, case_mentioned
from supervisor_tui.reports.practitioner import (
    practitioner_json,
    practitioner_markdown,
    support_note_markdown,
)
from supervisor_tui.reports.record import bundle_session_markdown
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.atomic import atomic_write
from supervisor_tui.store.bundle import Progress, find_session, load_bundle, load_bundles


def _names(ws: Workspace) -> dict[str, str]:
    return {p.id: p.name for p in ws.records.supervisees(include_archived=True)}


def prompt_wording() -> dict[str, str]:
    """The bundled prompts' wording by id, for records made before each session kept the
    wording of the prompts it used."""
    return {p.id: p.text for p in load_prompts()}


def sessions_of(ws: Workspace, supervisee_id: str) -> list[Session]:
    """A supervisee's sessions, newest first (to choose the record to export)."""
    ws.records.supervisee(supervisee_id)  # an unknown id is an error, not an empty list
    return sorted(ws.records.sessions(supervisee_id), key=lambda s: s.when, reverse=True)


def session_record(ws: Workspace, session_id: str,
                   progress: Progress | None = None) -> tuple[Session, str]:
    """One session's record as Markdown, from every attendee's file."""
    session, bundles = find_session(ws.records, session_id, progress)
    return session, bundle_session_markdown(session, bundles, _names(ws), prompt_wording())


def practitioner_file(ws: Workspace, supervisee_id: str,
                      form: Literal["md", "json"] = "md", with_support_note: bool = False) -> str:
    """Everything recorded about one supervisee, as Markdown or JSON; their private support
    note only when asked for."""
    bundle = load_bundle(ws.records, supervisee_id)
    at = ws.clock()
    note = ws.records.support_note(supervisee_id) if with_support_note else None
    if form == "json":
        return practitioner_json(bundle, at, note)
    text = practitioner_markdown(bundle, at, at.date(), _names(ws), prompt_wording())
    return text if note is None else text + support_note_markdown(note)


def case_extract(ws: Workspace, ref: str, progress: Progress | None = None) -> str:
    """Every decision and action about one case, ready for the case's own file."""
    bundles = load_bundles(ws.records, progress)
    if not case_mentioned(bundles, ref):
        raise ValidationError(f"No case {ref} in the records of "
                              f"{len(names_of(bundles))} supervisee(s).")
    return case_extract_markdown(bundles, ref, ws.clock())


def write_export(ws: Workspace, path: Path, text: str) -> None:
    """Save an export durably, readable by its owner only."""
    atomic_write(path, text.encode("utf-8"))
