"""Supervisees, their supervision agreements and their (de-identified) cases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from supervisor_tui.domain.clock import new_id
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.text_safety import clean_lines, control_problem


class ValidationError(ValueError):
    """Input a user typed that the domain refuses; the message is shown to them as is."""


class FirstTryKept(ValidationError):
    """A save tried again under the same id, with other words, found its first try in the
    record after all (it reached the file, though its save was reported failed). The record
    keeps what it holds; the new words can be added as a further entry, under a new id."""

    def __init__(self, what: str, kept: object = None) -> None:
        self.kept = kept
        """The first try as the record holds it, when the caller may want to show it."""
        super().__init__(
            f"An earlier try of this {what} reached the record after all, in the words it had "
            f"then, and stays there. ctrl+s adds what is here now as a further {what}; "
            "escape leaves it.")


@dataclass
class Supervisee:
    """A person supervised: their name and role, kept for the whole career of the record."""

    name: str
    role: str = ""
    id: str = field(default_factory=lambda: new_id("s-"))
    archived: bool = False
    created_at: datetime = field(kw_only=True)

    def validate(self) -> None:
        if not self.name.strip():
            raise ValidationError("A name is required.")
        check_line(self.name, "The name", 200)
        check_line(self.role, "The role", 200)


@dataclass
class Agreement:
    """A supervision contract. Earlier versions are kept; the newest one is in force."""

    supervisee_id: str
    rrule: str = "FREQ=WEEKLY;INTERVAL=4"
    dtstart: datetime | None = None
    timezone: str = "UTC"
    duration_minutes: int = 60
    confidentiality: str = ""
    exceptions: str = ""
    records: str = ""
    review_date: date | None = None
    id: str = field(default_factory=lambda: new_id("a-"))
    created_at: datetime = field(kw_only=True)
    """When the supervisor made this version (their agreement to it)."""
    supervisee_agreed: str = ""
    """The supervisee's initials, given when they agreed to this version."""
    supervisee_agreed_at: datetime | None = None
    group_rrule: str = ""
    """How often group sessions are expected beside the one-to-ones (one of `GROUP_RHYTHMS`;
    empty: none agreed). They are counted apart: a group never stands for a one-to-one."""

    def validate(self) -> None:
        if not 5 <= self.duration_minutes <= 480:
            raise ValidationError("Session length must be between 5 and 480 minutes.")
        if self.group_rrule not in GROUP_RHYTHMS:
            raise ValidationError("Group sessions are agreed as one of the offered rhythms.")

    def agree(self, initials: str, at: datetime) -> None:
        """The supervisee agrees to this version (once; a changed agreement is a new version
        they agree to anew)."""
        if self.supervisee_agreed:
            raise ValidationError("The supervisee has agreed to this version already.")
        initials = initials.strip()
        if not initials:
            raise ValidationError("Initials are needed to agree.")
        check_line(initials, "The initials", 6)
        self.supervisee_agreed, self.supervisee_agreed_at = initials, at


#: The group rhythms an agreement can state: rule -> how it reads.
GROUP_RHYTHMS: dict[str, str] = {
    "": "No group sessions agreed",
    "FREQ=WEEKLY;INTERVAL=2": "Group every 2 weeks",
    "FREQ=WEEKLY;INTERVAL=4": "Group every 4 weeks",
    "FREQ=MONTHLY": "Group monthly",
    "FREQ=WEEKLY;INTERVAL=6": "Group every 6 weeks",
    "FREQ=MONTHLY;INTERVAL=3": "Group every 3 months",
}


def check_line(text: str, what: str, limit: int) -> None:
    """A one-line field: no control characters, at most `limit` characters."""
    problem = control_problem(text, what)
    if problem is not None:
        raise ValidationError(problem)
    if len(text) > limit:
        raise ValidationError(f"{what} is too long ({limit} characters at most).")


@dataclass
class SupportNote:
    """A supervisee's private note of what helps them and what to watch for (stress triggers):
    shown in a session only on request, never exported with the record."""

    supervisee_id: str
    helps: str = ""
    watch: str = ""
    updated_at: datetime = field(kw_only=True)
    id: str = "support"

    def validate(self) -> None:
        for text, what in ((self.helps, "What helps"), (self.watch, "What to watch")):
            if clean_lines(text) != text:
                raise ValidationError(f"{what} may not hold an invisible control character.")
            if len(text) > 2000:
                raise ValidationError(f"{what} is too long (2000 characters at most).")


CASE_REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,31}$")


def check_case_ref(ref: str) -> str:
    """Case references are initials or case numbers, never full names: short, no spaces."""
    ref = ref.strip()
    if not CASE_REF_PATTERN.match(ref):
        raise ValidationError(
            "A case reference is initials or a case number (letters, digits, / . _ -; "
            "no spaces, at most 32 characters)."
        )
    return ref


@dataclass
class CaseChange:
    """One dated change to a case on the caseload (kept: risk raised on a date is a fact)."""

    what: str
    at: datetime = field(kw_only=True)


@dataclass
class Case:
    """A case on a supervisee's caseload, known by a de-identified reference only."""

    ref: str
    risk: RiskLevel = RiskLevel.MEDIUM
    active: bool = True
    opened_at: datetime = field(kw_only=True)
    label: str = ""
    """A few words to tell cases apart (never a name)."""
    allocated: date | None = None
    risk_reviewed: date | None = None
    """When its risk was last reviewed."""
    closed_at: datetime | None = None
    changes: list[CaseChange] = field(default_factory=list)

    def validate(self) -> None:
        check_case_ref(self.ref)
        check_line(self.label, "A case label", 60)
