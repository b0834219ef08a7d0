"""The practitioner file: all of one supervisee's records, decisions and actions.

As Markdown to read or print, and as JSON (every stored field, via the codec) for machines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import orjson

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.development import FollowUpKind
from supervisor_tui.domain.enums import SessionStatus
from supervisor_tui.domain.people import GROUP_RHYTHMS, SupportNote
from supervisor_tui.domain.text_safety import for_json, for_markdown
from supervisor_tui.reports.record import (
    action_line,
    day,
    decision_lines,
    session_markdown,
    when,
)

JSON_FORMAT = "supervisor-tui-practitioner"
JSON_VERSION = 1


def _nest(markdown: str) -> list[str]:
    """Push every heading of a record two levels down, under "## Session records"."""
    return [f"##{line}" if line.startswith("#") else line for line in markdown.splitlines()]


def practitioner_markdown(b: SuperviseeRecords, exported_at: datetime, today: date,
                          names: Mapping[str, str] | None = None,
                          prompts: Mapping[str, str] | None = None) -> str:
    person = b.supervisee
    known = {person.id: person.name, **(names or {})}
    out = [f"# Practitioner file: {person.name}", "",
           f"- **Role**: {person.role or '—'}",
           f"- **Supervisee id**: {person.id}",
           f"- **Status**: {'archived' if person.archived else 'active'}",
           f"- **Exported**: {when(exported_at)}", ""]
    out += ["## Supervision agreement", ""]
    a = b.agreement
    if a is None:
        out += ["No agreement recorded.", ""]
    else:
        out += [f"- **Frequency** (RRULE): {a.rrule}, from {when(a.dtstart)} ({a.timezone})",
                f"- **Session length**: {a.duration_minutes} min",
                f"- **Group sessions**: {GROUP_RHYTHMS[a.group_rrule].removeprefix('Group ')}"
                if a.group_rrule else "- **Group sessions**: none agreed",
                f"- **Confidentiality**: {a.confidentiality or '—'}",
                f"- **Exceptions to confidentiality**: {a.exceptions or '—'}",
                f"- **How records are kept**: {a.records or '—'}",
                f"- **Review date**: {day(a.review_date)}",
                "- **Agreed by the supervisee**: "
                + (f"{a.supervisee_agreed}, {when(a.supervisee_agreed_at)}"
                   if a.supervisee_agreed else "not yet"),
                f"- **Agreed**: {when(a.created_at)}"
                + (f" (earlier versions: {len(b.agreements) - 1})" if len(b.agreements) > 1
                   else ""), ""]
    out += ["## Cases", ""]
    for c in b.cases:
        reviewed = f" (reviewed {day(c.risk_reviewed)})" if c.risk_reviewed else ""
        label = f" — {c.label}" if c.label else ""
        out.append(f"- {c.ref}: {c.risk.value} risk{reviewed}, "
                   f"{'open' if c.active else 'closed'}{label}")
        out += [f"  - {when(change.at)}: {change.what}" for change in c.changes]
    if not b.cases:
        out.append("No cases recorded.")
    held = [s for s in b.sessions if s.held]
    cancelled = [s for s in b.sessions if s.status is SessionStatus.CANCELLED]
    open_actions = [a for a in b.actions if a.is_open]
    overdue = [a for a in open_actions if a.is_overdue(today)]
    out += ["", "## Summary", "",
            f"- Sessions held: {len(held)}; cancelled: {len(cancelled)}; "
            f"planned: {len(b.sessions) - len(held) - len(cancelled)}",
            f"- Decisions: {len(b.decisions)}",
            f"- Actions: {len(b.actions)}; open: {len(open_actions)}; "
            f"overdue on {today.isoformat()}: {len(overdue)}", ""]
    out += ["## Decisions log", ""]
    sessions = {s.id: s for s in b.sessions}
    if not b.decisions:
        out.append("No decisions recorded.")
    copied = b.copied
    for d in b.decisions:
        s = sessions.get(d.session_id)
        case = f"case {d.case_ref}" if d.case_ref else "no case"
        out += [f"### {when(d.decided_at)} ({case}; session {when(s.when) if s else d.session_id})",
                "", *decision_lines(d, b.decisions)]
        if d.id in copied:
            out.append(f"  - Copied to the case record {when(copied[d.id].at)}")
        elif d.case_ref:
            out.append("  - Not yet copied to the case record")
        out.append("")
    if not b.decisions:
        out.append("")
    out += ["## Actions", ""]
    if not b.actions:
        out.append("No actions recorded.")
    for act in sorted(b.actions, key=lambda x: (not x.is_open, x.created_at)):
        out.append(action_line(act, with_case=True))
    out += _follow_ups(b, FollowUpKind.GOAL, "## Learning goals", "No learning goals recorded.")
    out += _follow_ups(b, FollowUpKind.ESCALATION, "## Escalations and disagreements",
                       "No escalations or disagreements recorded.")
    out += ["", "## Session records", ""]
    if not b.sessions:
        out.append("No sessions recorded.")
    for s in b.sessions:
        out += _nest(session_markdown(s, known, b.decisions, b.actions, prompts=prompts,
                                      cases=b.cases, escaped=False, own=b.supervisee.id))
        out.append("")
    return for_markdown("\n".join(out).rstrip() + "\n")


def _follow_ups(b: SuperviseeRecords, kind: FollowUpKind, heading: str,
                none: str) -> list[str]:
    """Each goal or escalation over time: raised, its dated notes, how it was closed."""
    items = [f for f in b.follow_ups if f.kind is kind]
    out = ["", heading, ""]
    if not items:
        out.append(none)
    for f in items:
        if kind is FollowUpKind.GOAL:
            head = f"- {f.what}" + (f" (why: {f.detail})" if f.detail else "") + (
                f"; by {day(f.due)}" if f.due else "")
        else:
            head = (f"- {f.what}; raised with {f.detail} on {day(f.raised_on)}"
                    + (f"; follow up by {day(f.due)}" if f.due else ""))
        out.append(f"{head}: {f.status.value}")
        out += [f"  - {when(n.at)}: {n.text}" for n in f.notes]
        if f.closed_at is not None:
            out.append(f"  - {when(f.closed_at)}: {f.status.value}: {f.outcome}")
    return out


def practitioner_dict(b: SuperviseeRecords, exported_at: datetime) -> dict[str, Any]:
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(),
        "supervisee": to_dict(b.supervisee),
        "agreements": [to_dict(a) for a in b.agreements],
        "cases": [to_dict(c) for c in b.cases],
        "sessions": [to_dict(s) for s in b.sessions],
        "decisions": [to_dict(d) for d in b.decisions],
        "actions": [to_dict(a) for a in b.actions],
        "case_copies": [to_dict(c) for c in b.case_copies],
        "follow_ups": [to_dict(f) for f in b.follow_ups],
    }


def support_note_markdown(note: SupportNote) -> str:
    """The private support note, appended only when an export asks for it."""
    return for_markdown("\n".join([
        "", "## Support note (private)", "", f"Last changed {when(note.updated_at)}.", "",
        "### What helps", "", note.helps or "—", "",
        "### What to watch for (stress triggers)", "", note.watch or "—"]) + "\n")


def practitioner_json(b: SuperviseeRecords, exported_at: datetime,
                      support: SupportNote | None = None) -> str:
    doc = practitioner_dict(b, exported_at)
    if support is not None:
        doc["support_note"] = to_dict(support)
    encoded = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    return for_json(encoded.decode()) + "\n"
