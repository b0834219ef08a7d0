"""A session record as Markdown, holding every element of a good supervision record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import CheckInPhase, SessionStatus
from supervisor_tui.domain.session import RECORD_SECTIONS, Session


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M %Z").strip() if value else "—"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "no date"


def _label(value: str) -> str:
    return value.replace("_", " ")


def session_markdown(
    session: Session,
    names: Mapping[str, str],
    decisions: list[Decision],
    actions: list[Action],
    questions: Mapping[str, str] | None = None,
    prompts: Mapping[str, str] | None = None,
) -> str:
    """Render one session. `decisions` and `actions` may span the history: this picks its own.

    `names` maps supervisee ids to names; `questions` and `prompts` map ids to their wording.
    """
    who = ", ".join(names.get(sid, sid) for sid in session.supervisee_ids)
    start = session.started_at or session.planned_start
    out = [f"# Supervision record: {who}, {start.strftime('%d %b %Y') if start else 'undated'}", ""]
    out += [
        f"- **Date**: {_when(start)}",
        f"- **Ended**: {_when(session.ended_at)}",
        f"- **Type**: {_label(session.type.value)}",
        f"- **Attendees**: supervisor; {who}",
        f"- **Status**: {_label(session.status.value)}",
        f"- **Session id**: {session.id}",
    ]
    if session.status is SessionStatus.CANCELLED:
        by = session.cancelled_by.value if session.cancelled_by else "unknown"
        out += [f"- **Cancelled** by {by} on {_when(session.cancelled_at)}: "
                f"{session.cancel_reason}"]
    if session.rescheduled_from:
        out.append(f"- **Moved from**: {_when(session.rescheduled_from)}")
    out.append("")

    checkins = [c for c in session.checkins]
    if checkins:
        out += ["## Check-ins", ""]
        for phase in (CheckInPhase.OPENING, CheckInPhase.CLOSING):
            for c in checkins:
                if c.phase is phase:
                    word = f' "{c.word}"' if c.word else ""
                    out.append(f"- {phase.value.capitalize()}, {names.get(c.supervisee_id, '')}: "
                               f"{c.score}/5{word}")
        out.append("")

    out += ["## Agenda", ""]
    if not session.agenda:
        out.append("No agenda recorded.")
    for item in session.agenda:
        tags = [t for t in (item.function and item.function.value, item.case_ref) if t]
        box = f", {item.timebox_minutes} min" if item.timebox_minutes else ""
        mark = "x" if item.done else " "
        out.append(f"- [{mark}] {item.title}" + (f" ({', '.join(tags)}{box})" if tags or box
                                                   else ""))
    out.append("")

    reviewed = [a for a in actions if a.closed_in_session == session.id]
    if reviewed:
        out += ["## Review of previous actions", ""]
        out += [f"- {a.text} ({a.owner}): {a.status.value}" for a in reviewed]
        out.append("")

    out += ["## Notes", "", session.notes.strip() or "No notes recorded.", ""]

    own = [d for d in decisions if d.session_id == session.id]
    if own:
        out += ["## Decisions", ""]
        for d in own:
            case = f" [case {d.case_ref}]" if d.case_ref else ""
            flags = f" **flags: {', '.join(_label(f.value) for f in d.flags)}**" if d.flags else ""
            amend = f" (amends {d.amends})" if d.amends else ""
            out += [f"- {d.text}{case}{flags}{amend}",
                    f"  - Rationale: {d.rationale}",
                    f"  - Decided by {d.decided_by}, {_when(d.decided_at)}"]
        out.append("")

    made = [a for a in actions if a.session_id == session.id]
    if made:
        out += ["## Actions", ""]
        for a in made:
            case = f" [case {a.case_ref}]" if a.case_ref else ""
            out.append(f"- {a.text}{case}: {a.owner}, by {_day(a.due)} ({a.status.value})")
        out.append("")

    for key, heading in RECORD_SECTIONS.items():
        text = session.sections.get(key, "").strip()
        if text:
            out += [f"## {heading}", "", text, ""]

    if session.prompts_used:
        out += ["## Reflective prompts used", ""]
        out += [f"- {(prompts or {}).get(p, p)}" for p in session.prompts_used]
        out.append("")

    if session.checklist:
        out += ["## Closing checklist", ""]
        for qid, answer in session.checklist.items():
            out.append(f"- [{'x' if answer else ' '}] {(questions or {}).get(qid, qid)}")
        out.append("")

    out += [f"**Next session**: {_when(session.next_date)}", ""]
    if session.finalised_at:
        out.append(f"Finalised {_when(session.finalised_at)}.")
    for s in session.signoffs:
        out.append(f"Signed off by {s.initials} ({names.get(s.supervisee_id, '')}), {_when(s.at)}.")
    if session.finalised_at or session.signoffs:
        out.append("")

    for e in session.entries:
        label = "Amendment" if e.kind.value == "amendment" else "Late entry"
        reason = f" Reason: {e.reason}" if e.reason else ""
        out += [f"## {label}, {_when(e.at)}, by {e.author}", "", e.text, "", f"_{reason.strip()}_"
                if reason else "", ""]
    return "\n".join(line for line in out).rstrip() + "\n"
