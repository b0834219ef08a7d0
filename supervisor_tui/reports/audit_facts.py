"""What the audit needs of one supervisee's history, on any period: a few facts per session,
decision, action and escalation, worked out once from their file and kept beside it.

The audit over everyone then reads these instead of decoding every history again; they are made
again whenever the history file changes (see `services.audit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import orjson

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.codec import DecodeError, from_dict
from supervisor_tui.domain.development import FollowUpKind
from supervisor_tui.domain.discussion import by_session, discussed_items
from supervisor_tui.domain.enums import CheckInPhase, Function, SessionStatus

VERSION = 1


@dataclass(slots=True)
class SessionFacts:
    when: datetime
    cancelled: bool = False
    cancelled_by: str = ""
    cancel_reason: str = ""
    held: bool = False
    group: bool = False
    finalised: bool = False
    signed_off: bool = False
    """Signed off by this supervisee."""
    functions: list[str] = field(default_factory=list)
    """The function of each agenda item the session reached (one per item)."""
    opening: int | None = None
    closing: int | None = None


@dataclass(slots=True)
class DecisionFacts:
    decided_at: datetime
    with_case: bool = False
    not_copied: bool = False
    """About a case, and not copied into the case's own record."""


@dataclass(slots=True)
class ActionFacts:
    created_at: datetime
    closed_at: datetime | None = None
    due: date | None = None


@dataclass(slots=True)
class EscalationFacts:
    raised: date
    closed_at: datetime | None
    text: str
    """What was escalated and to whom, as the audit lists it."""


@dataclass(slots=True)
class AuditFacts:
    version: int = VERSION
    sessions: list[SessionFacts] = field(default_factory=list)
    decisions: list[DecisionFacts] = field(default_factory=list)
    actions: list[ActionFacts] = field(default_factory=list)
    escalations: list[EscalationFacts] = field(default_factory=list)


def facts_of(b: SuperviseeRecords) -> AuditFacts:
    """The audit's facts about one supervisee's history."""
    sid = b.supervisee.id
    facts = AuditFacts()
    decisions_in, actions_in = by_session(b.decisions), by_session(b.actions)
    for s in b.sessions:
        if s.when is None:
            continue
        found = SessionFacts(s.when)
        if s.status is SessionStatus.CANCELLED:
            found.cancelled = True
            found.cancelled_by = s.cancelled_by.value if s.cancelled_by else "unknown"
            found.cancel_reason = s.cancel_reason
        if s.held:
            found.held, found.group, found.finalised = True, s.is_group, s.is_finalised
            found.signed_off = any(x.supervisee_id == sid for x in s.signoffs)
            found.functions = [item.function.value for item in discussed_items(
                s, decisions_in.get(s.id, ()), actions_in.get(s.id, ()))
                if item.function is not None]
            opening = s.checkin(sid, CheckInPhase.OPENING)
            closing = s.checkin(sid, CheckInPhase.CLOSING)
            found.opening = opening.score if opening is not None else None
            found.closing = closing.score if closing is not None else None
        facts.sessions.append(found)
    copied = b.copied
    facts.decisions = [DecisionFacts(d.decided_at, bool(d.case_ref),
                                     bool(d.case_ref) and d.id not in copied)
                       for d in b.decisions]
    facts.actions = [ActionFacts(a.created_at, a.closed_at, a.due) for a in b.actions]
    facts.escalations = [
        EscalationFacts(f.raised_on or f.raised_at.date(), f.closed_at,
                        f"{f.what} (raised with {f.detail} on "
                        f"{(f.raised_on or f.raised_at.date()).isoformat()})")
        for f in b.follow_ups if f.kind is FollowUpKind.ESCALATION]
    return facts


def facts_to_bytes(facts: AuditFacts) -> bytes:
    """The facts as JSON (orjson writes the dataclasses and times itself, in the shape
    `codec.to_dict` gives, many times faster)."""
    return orjson.dumps(facts)


def facts_from_bytes(blob: bytes) -> AuditFacts | None:
    """Facts kept by `facts_to_bytes`; None if they cannot be read or are of another version."""
    try:
        facts = from_dict(AuditFacts, orjson.loads(blob))
    except (orjson.JSONDecodeError, DecodeError, TypeError, ValueError):
        return None
    known = {f.value for f in Function}
    if facts.version != VERSION or any(f not in known for s in facts.sessions
                                       for f in s.functions):
        return None
    return facts
