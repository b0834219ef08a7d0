"""A session record as Markdown, holding every element of a good supervision record.

Date, times, type and attendees; the agenda agreed; review of previous actions; per case the
decisions with their rationale and the actions; the running notes; workload, wellbeing and
support, learning, reflection, disagreements; check-ins and the closing checklist; the next
date; sign-off by the supervisor (finalising) and each supervisee; amendments and late entries,
each with who, when and why, after the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from supervisor_tui.domain.bundle import SuperviseeRecords, names_of
from supervisor_tui.domain.decisions import Action, Decision, decided_by_words
from supervisor_tui.domain.discussion import discussed_items, discussed_refs
from supervisor_tui.domain.enums import CheckInPhase, SessionStatus
from supervisor_tui.domain.people import Case
from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.session import RECORD_SECTIONS, AgendaItem, Session
from supervisor_tui.domain.text_safety import for_markdown


def when(value: datetime | None) -> str:
    """'2026-07-02 10:12 +01:00' (or 'UTC'): the time as recorded, with its offset."""
    if value is None:
        return "—"
    offset = value.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        zone = " " + value.isoformat(timespec="minutes")[-6:]
    return value.strftime("%Y-%m-%d %H:%M") + zone


def day(value: date | None) -> str:
    return value.isoformat() if value else "no date"


def label(value: str) -> str:
    return value.replace("_", " ")


def _decided(d: Decision) -> str:
    who = decided_by_words(d.decided_by)
    if who is None:
        return f"  - Decided {when(d.decided_at)} (who decided was not recorded)"
    return f"  - Decided by {who}, {when(d.decided_at)}"


def decision_lines(d: Decision, decisions: Iterable[Decision] = ()) -> list[str]:
    """A decision as a Markdown bullet with its rationale, who decided and when."""
    flags = f" **[{', '.join(label(f.value) for f in d.flags)}]**" if d.flags else ""
    lines = [f"- {d.text}{flags}", f"  - Rationale: {d.rationale}",
             _decided(d)]
    if d.amends:
        old = next((o for o in decisions if o.id == d.amends), None)
        what = f'"{old.text}" ({when(old.decided_at)})' if old else d.amends
        lines.append(f"  - Amends the earlier decision {what}, which is kept as recorded")
    return lines


def action_line(a: Action, with_case: bool = False) -> str:
    closed = f", {a.status.value} {when(a.closed_at)}" if a.closed_at else f", {a.status.value}"
    case = f" [case {a.case_ref}]" if with_case and a.case_ref else ""
    return f"- {a.text}{case}: {a.owner}, by {day(a.due)}{closed}"


def _header(session: Session, who: str) -> list[str]:
    start = session.started_at or session.planned_start
    title = f"# Supervision record: {who}, {start.strftime('%d %b %Y') if start else 'undated'}"
    out = [title, ""]
    if session.status in (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS):
        out += [f"_Draft: this session is {label(session.status.value)}, not finalised._", ""]
    out += [
        f"- **Date**: {when(start)}",
        f"- **Ended**: {when(session.ended_at)}",
        f"- **Planned length**: {session.duration_minutes} min",
        f"- **Type**: {label(session.type.value)}",
        f"- **Attendees**: supervisor; {who}",
        f"- **Status**: {label(session.status.value)}",
        f"- **Session id**: {session.id}",
    ]
    if session.status is SessionStatus.CANCELLED:
        by = session.cancelled_by.value if session.cancelled_by else "unknown"
        out.append(f"- **Cancelled** by {by} on {when(session.cancelled_at)}: "
                   f"{session.cancel_reason}")
        if session.rebooked_to is not None:
            out.append(f"- **Rebooked** for {when(session.rebooked_to)}")
        if session.rebook_waived:
            out.append(f"- **Not rebooked** (said on {when(session.rebook_waived_at)}): "
                       f"{session.rebook_waived}")
    if session.status is SessionStatus.DISCARDED:
        out.append(f"- **Discarded** on {when(session.discarded_at)}: started by accident, "
                   "nothing recorded; not held")
    if session.rescheduled_from:
        out.append(f"- **Moved from**: {when(session.rescheduled_from)}")
    return [*out, ""]


def _checkins(session: Session, names: Mapping[str, str], own: str | None) -> list[str]:
    shown = [c for c in session.checkins if own is None or c.supervisee_id == own]
    if not shown:
        return []
    out = ["## Check-ins", ""]
    for phase in (CheckInPhase.OPENING, CheckInPhase.CLOSING):
        for c in shown:
            if c.phase is phase:
                word = f' "{c.word}"' if c.word else ""
                out.append(f"- {phase.value.capitalize()}, {names.get(c.supervisee_id, '')}: "
                           f"{c.score}/5{word}")
    return [*out, ""]


def _agenda(session: Session, reached: list[AgendaItem]) -> list[str]:
    """The agenda, each item ticked when done and marked when it was not reached."""
    out = ["## Agenda agreed", ""]
    if not session.agenda:
        out.append("No agenda recorded.")
    reached_ids = {i.id for i in reached}
    for item in session.agenda:
        tags = [t for t in (item.function and item.function.value, item.case_ref) if t]
        if item.timebox_minutes:
            tags.append(f"{item.timebox_minutes} min")
        mark = "x" if item.done else " "
        line = f"- [{mark}] {item.title}" + (f" ({', '.join(tags)})" if tags else "")
        out.append(line if item.id in reached_ids else f"{line}: not reached")
    return [*out, ""]


def _review(session: Session, actions: list[Action]) -> list[str]:
    start = session.when
    closed = [a for a in actions if a.closed_in_session == session.id]
    still_open = [a for a in actions if a.session_id != session.id and start is not None
                  and a.created_at < start and (a.closed_at is None or a.closed_at > start)
                  and a.closed_in_session != session.id]
    out = ["## Review of previous actions", ""]
    if not closed and not still_open:
        return [*out, "No earlier actions were open.", ""]
    out += [action_line(a) for a in closed]
    out += [f"- {a.text}: {a.owner}, by {day(a.due)}, still open" for a in still_open]
    return [*out, ""]


def _risk(ref: str, cases: Mapping[str, Case]) -> str:
    case = cases.get(ref.casefold())
    return f" ({case.risk.value} risk)" if case else ""


def _cases(session: Session, decisions: list[Decision], actions: list[Action],
           all_decisions: list[Decision], cases: Mapping[str, Case],
           reached: list[AgendaItem]) -> list[str]:
    refs = discussed_refs(session, decisions, actions)
    folded = {r.casefold() for r in refs}
    missed: list[str] = []
    for item in session.agenda:
        ref = item.case_ref
        if ref and ref.casefold() not in folded and ref.casefold() not in map(str.casefold,
                                                                              missed):
            missed.append(ref)
    out: list[str] = []
    if refs:
        out += ["## Cases discussed", ""]
    for ref in refs:
        out += [f"### Case {ref}{_risk(ref, cases)}", ""]
        items = [i.title for i in reached if (i.case_ref or "").casefold() == ref.casefold()]
        out += [f"- Discussed: {title}" for title in items]
        for d in decisions:
            if (d.case_ref or "").casefold() == ref.casefold():
                out += decision_lines(d, all_decisions)
        out += [action_line(a) for a in actions if (a.case_ref or "").casefold() == ref.casefold()]
        out.append("")
    if missed:
        out += ["## Cases on the agenda, not reached", ""]
        out += [f"- Case {ref}{_risk(ref, cases)}" for ref in missed]
        out.append("")
    general_d = [d for d in decisions if not d.case_ref]
    general_a = [a for a in actions if not a.case_ref]
    out += ["## Decisions", ""]
    if not decisions:
        out.append("No decisions recorded.")
    elif not general_d:
        out.append("All decisions are under their case above.")
    for d in general_d:
        out += decision_lines(d, all_decisions)
    out += ["", "## Actions", ""]
    if not actions:
        out.append("No actions agreed.")
    elif not general_a:
        out.append("All actions are under their case above.")
    out += [action_line(a) for a in general_a]
    return [*out, ""]


def _closing(session: Session, names: Mapping[str, str],
             questions: Mapping[str, str] | None, prompts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    for key, heading in RECORD_SECTIONS.items():
        text = session.sections.get(key, "").strip()
        out += [f"## {heading}", "", text or "Not recorded.", ""]
    if session.prompts_used:
        out += ["## Reflective prompts used", ""]
        out += [f"- {session.prompt_wording.get(p) or (prompts or {}).get(p, p)}"
                for p in session.prompts_used]
        out.append("")
    if session.checklist:
        out += ["## Closing checklist", ""]
        for qid, answer in session.checklist.items():
            wording = (questions or QUALITY_QUESTIONS).get(qid, qid)
            out.append(f"- [{'x' if answer else ' '}] {wording}")
        out.append("")
    out += ["## Next session and sign-off", "", f"- **Next session**: {when(session.next_date)}"]
    finalised = when(session.finalised_at) if session.finalised_at else "not yet finalised"
    out.append(f"- **Supervisor** (finalised): {finalised}")
    for sid in session.supervisee_ids:
        signed = next((s for s in session.signoffs if s.supervisee_id == sid), None)
        state = (f"signed {signed.initials}, {when(signed.at)}"
                 + (" (later, from the record)" if signed.late else "")
                 if signed else "not yet signed off")
        out.append(f"- **{names.get(sid, sid)}**: {state}")
    return [*out, ""]


def _entries(session: Session) -> list[str]:
    out: list[str] = []
    for e in session.entries:
        out += [f"## {e.kind.heading}, {when(e.at)}, by {e.author}", "", e.text, ""]
        if e.reason:
            out += [f"Reason: {e.reason}", ""]
    return out


def session_markdown(
    session: Session,
    names: Mapping[str, str],
    decisions: list[Decision],
    actions: list[Action],
    questions: Mapping[str, str] | None = None,
    prompts: Mapping[str, str] | None = None,
    cases: Iterable[Case] = (),
    escaped: bool = True,
    own: str | None = None,
) -> str:
    """Render one session. `decisions` and `actions` may span the history: this picks its own.
    With `own` (a supervisee id), a group session is that person's copy of it: the group's
    part and their own check-ins, not the other attendees'.

    `names` maps supervisee ids to names; `questions` (default: the closing checklist) and
    `prompts` map ids to their wording, for records that do not carry it; `cases` gives each
    case's risk level. The text typed is escaped for Markdown (`escaped=False` for a caller
    that escapes the whole document it puts this in).
    """
    who = ", ".join(names.get(sid, sid) for sid in session.supervisee_ids)
    out = _header(session, who)
    if session.started_at is not None:  # held, or cancelled after it began: what was said
        own_d = [d for d in decisions if d.session_id == session.id]
        own_a = [a for a in actions if a.session_id == session.id]
        by_ref = {c.ref.casefold(): c for c in cases}
        out += _checkins(session, names, own if session.is_group else None)
        reached = discussed_items(session, own_d, own_a)
        out += _agenda(session, reached)
        out += _review(session, actions)
        out += _cases(session, own_d, own_a, decisions, by_ref, reached)
        out += ["## Notes", "", session.notes.strip() or "No notes recorded.", ""]
        out += _closing(session, names, questions, prompts)
    out += _entries(session)
    text = "\n".join(out).rstrip() + "\n"
    return for_markdown(text) if escaped else text


def bundle_session_markdown(session: Session, bundles: Iterable[SuperviseeRecords],
                            names: Mapping[str, str] | None = None,
                            prompts: Mapping[str, str] | None = None) -> str:
    """Render a session from the records of its attendees (group decisions are in each file)."""
    bundles = list(bundles)
    known = {**names_of(bundles), **(names or {})}
    decisions = [d for b in bundles for d in b.decisions]
    actions = [a for b in bundles for a in b.actions]
    cases = [c for b in bundles for c in b.cases]
    return session_markdown(session, known, decisions, actions, prompts=prompts, cases=cases)
