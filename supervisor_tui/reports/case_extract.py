"""The case extract: every decision and action about one case reference, across supervisees,
dated, with its rationale and who decided, in a form to paste into that case's own record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.decisions import Action, Decision, decided_by_words
from supervisor_tui.domain.discussion import by_session, discussed_refs
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.text_safety import for_markdown
from supervisor_tui.reports.record import day, label, when


@dataclass
class _Entry:
    at: datetime
    key: str
    lines: list[str]


def _matches(ref: str | None, wanted: str) -> bool:
    return ref is not None and ref.casefold() == wanted.casefold()


def case_mentioned(bundles: list[SuperviseeRecords], ref: str) -> bool:
    """Whether any case list, decision, action or agenda item names `ref`."""
    return any(
        any(_matches(c.ref, ref) for c in b.cases)
        or any(_matches(d.case_ref, ref) for d in b.decisions)
        or any(_matches(a.case_ref, ref) for a in b.actions)
        or any(_matches(i.case_ref, ref) for s in b.sessions for i in s.agenda)
        for b in bundles
    )


def _canonical(bundles: list[SuperviseeRecords], ref: str) -> str:
    """The reference as recorded (the user may type it in another case)."""
    for b in bundles:
        for r in [c.ref for c in b.cases] + [d.case_ref for d in b.decisions]:
            if _matches(r, ref):
                return r  # type: ignore[return-value]
    return ref


def _discussed(bundles: list[SuperviseeRecords], ref: str) -> list[tuple[datetime, list[str]]]:
    """Held sessions that discussed the case (an agenda item about it reached, or a decision or
    action about it), oldest first, with who attended."""
    found: dict[str, tuple[datetime, list[str]]] = {}
    for b in bundles:
        decisions_in, actions_in = by_session(b.decisions), by_session(b.actions)
        for s in b.sessions:
            if not s.held or s.when is None:
                continue
            named = any(_matches(r, ref) for r in discussed_refs(
                s, decisions_in.get(s.id, ()), actions_in.get(s.id, ())))
            if named:
                found.setdefault(s.id, (s.when, []))[1].append(b.supervisee.name)
    return sorted(found.values(), key=lambda item: item[0])


def _session_label(sessions: dict[str, Session], session_id: str) -> str:
    s = sessions.get(session_id)
    return f"supervision session of {when(s.when)}" if s else f"session {session_id}"


def _decision(d: Decision, name: str, sessions: dict[str, Session],
              decisions: list[Decision]) -> _Entry:
    lines = [f"### {when(d.decided_at)}: decision", "",
             f"- **Decision**: {d.text}",
             f"- **Rationale**: {d.rationale}",
             f"- **Decided by**: {decided_by_words(d.decided_by) or 'not recorded'} "
             f"(supervisee: {name})",
             f"- **Recorded in**: {_session_label(sessions, d.session_id)}"]
    if d.flags:
        lines.append(f"- **Flags**: {', '.join(label(f.value) for f in d.flags)}")
    if d.amends:
        old = next((o for o in decisions if o.id == d.amends), None)
        lines.append(f"- **Amends**: the decision of {when(old.decided_at) if old else d.amends}")
    later = [o for o in decisions if o.amends == d.id]
    if later:
        lines.append(f"- **Amended**: by the decision of {when(later[0].decided_at)} below")
    return _Entry(d.decided_at, d.id, [*lines, ""])


def _action(a: Action, name: str, sessions: dict[str, Session]) -> _Entry:
    status = a.status.value + (f" {when(a.closed_at)}" if a.closed_at else "")
    lines = [f"### {when(a.created_at)}: action", "",
             f"- **Action**: {a.text}",
             f"- **Owner**: {a.owner}; due {day(a.due)}; {status}",
             f"- **Agreed in**: {_session_label(sessions, a.session_id)} with {name}", ""]
    return _Entry(a.created_at, a.id, lines)


def case_extract_markdown(bundles: list[SuperviseeRecords], ref: str,
                          extracted_at: datetime) -> str:
    entries: list[_Entry] = []
    seen: set[str] = set()
    for b in bundles:
        sessions = {s.id: s for s in b.sessions}
        name = b.supervisee.name
        for d in b.decisions:
            if _matches(d.case_ref, ref) and d.id not in seen:
                seen.add(d.id)
                entries.append(_decision(d, name, sessions, b.decisions))
        for a in b.actions:
            if _matches(a.case_ref, ref) and a.id not in seen:
                seen.add(a.id)
                entries.append(_action(a, name, sessions))
    entries.sort(key=lambda e: (e.at, e.key))
    discussed = _discussed(bundles, ref)
    ref = _canonical(bundles, ref)
    decisions = sum(1 for e in entries if e.lines[0].endswith("decision"))
    out = [f"# Case {ref}: decisions and actions from supervision", "",
           f"Extracted {when(extracted_at)} from the supervision records: {decisions} "
           f"decision(s) and {len(entries) - decisions} action(s), oldest first. Amended "
           "decisions are kept as first recorded, followed by the amendment.", ""]
    if discussed:
        out += ["## Discussed in supervision", ""]
        out += [f"- {when(at)}: {', '.join(names)}" for at, names in discussed]
        out += ["", "## Decisions and actions", ""]
    if not entries:
        out.append("No decisions or actions name this case.")
    for e in entries:
        out += e.lines
    return for_markdown("\n".join(out).rstrip() + "\n")


def decision_for_case_record(decision: Decision, supervisee: str,
                             amended: Decision | None = None) -> str:
    """One decision as plain text to paste into its case's own record: date, case, decision,
    rationale, who decided, flags (control characters shown, never passed on)."""
    from supervisor_tui.domain.text_safety import for_terminal

    lines = [f"Supervision decision of {when(decision.decided_at)} "
             f"(supervisee: {supervisee})"]
    if decision.case_ref:
        lines.append(f"Case: {decision.case_ref}")
    if amended is not None:
        lines.append(f"Amends the decision of {when(amended.decided_at)}: {amended.text}")
    lines += [f"Decision: {decision.text}", f"Rationale: {decision.rationale}"]
    if (who := decided_by_words(decision.decided_by)) is not None:
        lines.append(f"Decided by: {who}")
    if decision.flags:
        lines.append("Flags: " + ", ".join(label(f.value) for f in decision.flags))
    return for_terminal("\n".join(lines)) + "\n"
