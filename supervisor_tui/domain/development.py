"""What a supervisee's supervision follows from session to session: learning goals (what, why,
by when) and escalations or disagreements (what, raised with whom, when). Each stays open, with
dated progress notes, until it is closed in the open: met or resolved with its outcome, or
dropped with the reason. Open ones come back on the agenda: an escalation every session until
it is closed, a learning goal as its date comes near."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from supervisor_tui.domain.clock import new_id
from supervisor_tui.domain.people import ValidationError, check_line


class FollowUpKind(StrEnum):
    GOAL = "learning goal"
    ESCALATION = "escalation"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    """A learning goal achieved."""
    RESOLVED = "resolved"
    """An escalation or disagreement settled."""
    DROPPED = "dropped"


#: How close a learning goal's date is when it comes back on the agenda.
GOAL_REVIEW_AHEAD = timedelta(days=28)


@dataclass
class FollowUpNote:
    """A dated note of progress (or of how it was closed)."""

    text: str
    at: datetime = field(kw_only=True)
    session_id: str | None = None


@dataclass
class FollowUp:
    supervisee_id: str
    kind: FollowUpKind
    what: str
    detail: str = ""
    """A learning goal: why it matters. An escalation: who it was raised with."""
    due: date | None = None
    """A learning goal: by when. An escalation: when to follow it up."""
    raised_at: datetime = field(kw_only=True)
    raised_on: date | None = None
    """An escalation: the day it was raised (it may be before it was recorded here)."""
    session_id: str | None = None
    """The session it was recorded in, if any."""
    status: FollowUpStatus = FollowUpStatus.OPEN
    outcome: str = ""
    closed_at: datetime | None = None
    notes: list[FollowUpNote] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("f-"))

    @property
    def is_open(self) -> bool:
        return self.status is FollowUpStatus.OPEN

    @property
    def done_status(self) -> FollowUpStatus:
        return FollowUpStatus.MET if self.kind is FollowUpKind.GOAL else FollowUpStatus.RESOLVED

    def validate(self) -> None:
        if not self.what.strip():
            raise ValidationError(f"Say what the {self.kind.value} is.")
        check_line(self.what, f"The {self.kind.value}", 300)
        check_line(self.detail, "The detail", 300)
        check_line(self.outcome, "The outcome", 500)
        if self.kind is FollowUpKind.ESCALATION and not self.detail.strip():
            raise ValidationError("Say who it was raised with (a role, never a client's "
                                  "name).")

    def add_note(self, text: str, at: datetime, session_id: str | None = None) -> None:
        if not self.is_open:
            raise ValidationError(f"This {self.kind.value} is closed; it stays as recorded.")
        text = text.strip()
        if not text:
            raise ValidationError("Write the note: it is kept, dated, in the record.")
        check_line(text, "The note", 500)
        self.notes.append(FollowUpNote(text, at=at, session_id=session_id))

    def close(self, status: FollowUpStatus, outcome: str, at: datetime) -> None:
        """Close it in the open: met or resolved with the outcome, or dropped with why."""
        if not self.is_open:
            raise ValidationError(f"This {self.kind.value} is closed already.")
        if status not in (self.done_status, FollowUpStatus.DROPPED):
            raise ValidationError(f"A {self.kind.value} is {self.done_status.value} or dropped.")
        outcome = outcome.strip()
        if not outcome:
            raise ValidationError("Say the outcome (or why it is dropped): it is kept in the "
                                  "record.")
        check_line(outcome, "The outcome", 500)
        self.status, self.outcome, self.closed_at = status, outcome, at


def for_the_agenda(items: list[FollowUp], today: date) -> list[FollowUp]:
    """The open ones to bring to the next session: every open escalation (until closed), and
    each open learning goal without a date or whose date is within `GOAL_REVIEW_AHEAD`."""
    chosen = [f for f in items if f.is_open and (
        f.kind is FollowUpKind.ESCALATION or f.due is None
        or f.due <= today + GOAL_REVIEW_AHEAD)]
    return sorted(chosen, key=lambda f: (f.kind is not FollowUpKind.ESCALATION,
                                         f.due or date.max, f.raised_at))


def describe(item: FollowUp, today: date) -> str:
    """One line for the agenda and the lists: what, with whom or by when, and how late."""
    if item.kind is FollowUpKind.ESCALATION:
        raised = item.raised_on or item.raised_at.date()
        text = f"Escalation: {item.what} (raised with {item.detail} {raised:%d %b})"
    else:
        text = f"Learning goal: {item.what}"
        if item.due is not None:
            text += f" (by {item.due:%d %b %Y}{', overdue' if item.due < today else ''})"
    return text
