"""A supervision session and the parts of its record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from supervisor_tui.domain.clock import new_id
from supervisor_tui.domain.enums import (
    CancelledBy,
    CheckInPhase,
    EntryKind,
    Function,
    SessionStatus,
    SessionType,
)
from supervisor_tui.domain.people import (
    FirstTryKept,
    ValidationError,
    check_case_ref,
    check_line,
)


class RecordLockedError(ValidationError):
    """A finalised record cannot be edited; add an amendment or a late entry instead."""


@dataclass
class AgendaItem:
    title: str
    function: Function | None = None
    case_ref: str | None = None
    timebox_minutes: int | None = None
    done: bool = False
    source: str = "manual"
    """Where the item came from: manual, action (an open action) or case (coverage)."""
    id: str = field(default_factory=lambda: new_id("i-"))
    taken_up_at: datetime | None = None
    """When the item was first taken up (made the current item); None if it never was."""

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("An agenda item needs a title.")
        check_line(self.title, "The title", 300)
        if self.case_ref:
            self.case_ref = check_case_ref(self.case_ref)
        if self.timebox_minutes is not None and not 1 <= self.timebox_minutes <= 240:
            raise ValidationError("A time box is between 1 and 240 minutes.")


@dataclass
class CheckIn:
    supervisee_id: str
    phase: CheckInPhase
    score: int
    word: str = ""
    at: datetime = field(kw_only=True)

    def validate(self) -> None:
        if not 1 <= self.score <= 5:
            raise ValidationError("A check-in score is from 1 to 5.")
        if len(self.word) > 80:
            raise ValidationError("A check-in word is short (80 characters at most).")
        check_line(self.word, "The word", 80)


@dataclass
class SignOff:
    supervisee_id: str
    initials: str
    at: datetime = field(kw_only=True)
    late: bool = False
    """Signed after the close, from the record in history (not in the room)."""

    def validate(self) -> None:
        if not 1 <= len(self.initials.strip()) <= 6:
            raise ValidationError("Sign-off takes initials (1 to 6 characters).")
        if not any(ch.isalpha() for ch in self.initials):
            raise ValidationError("Initials need at least one letter.")
        check_line(self.initials, "The initials", 6)


@dataclass
class RecordEntry:
    """An amendment or late entry added to a finalised session; the original stays as it was."""

    text: str
    reason: str
    author: str
    kind: EntryKind = EntryKind.AMENDMENT
    at: datetime = field(kw_only=True)
    id: str = field(default_factory=lambda: new_id("e-"))

    def validate(self) -> None:
        if not self.text.strip():
            raise ValidationError("The entry is empty.")
        if self.kind is EntryKind.AMENDMENT and not self.reason.strip():
            raise ValidationError("An amendment states why the record is corrected.")


def _words(entry: RecordEntry) -> tuple[str, str, str, EntryKind]:
    """What an entry says (not when its form made it: each try of a save stamps anew)."""
    return entry.text, entry.reason, entry.author, entry.kind


#: Headings of a good record that are written at the close, besides the running notes.
RECORD_SECTIONS: dict[str, str] = {
    "workload": "Workload",
    "wellbeing": "Wellbeing and support agreed",
    "learning": "Learning and development",
    "reflection": "Reflection",
    "disagreements": "Disagreements",
}


@dataclass
class Session:
    supervisee_ids: list[str]
    type: SessionType = SessionType.PLANNED
    status: SessionStatus = SessionStatus.PLANNED
    planned_start: datetime | None = None
    duration_minutes: int = 60
    started_at: datetime | None = None
    ended_at: datetime | None = None
    agenda: list[AgendaItem] = field(default_factory=list)
    current_item_id: str | None = None
    current_item_started_at: datetime | None = None
    """When the current agenda item was taken up: its time box runs from here."""
    notes: str = ""
    notes_saved_at: datetime | None = None
    prompts_used: list[str] = field(default_factory=list)
    prompt_wording: dict[str, str] = field(default_factory=dict)
    """Each prompt used, as it read when it was used: a record quotes what was asked, even if
    the prompt library changes later."""
    checkins: list[CheckIn] = field(default_factory=list)
    checklist: dict[str, bool] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    next_date: datetime | None = None
    finalised_at: datetime | None = None
    signoffs: list[SignOff] = field(default_factory=list)
    cancel_reason: str = ""
    cancelled_by: CancelledBy | None = None
    cancelled_at: datetime | None = None
    rebooked_to: datetime | None = None
    rebook_waived: str = ""
    """Why a cancelled session is not to be rebooked (said in the open, with its date)."""
    rebook_waived_at: datetime | None = None
    """When a cancelled session was rebooked for, if it was (in the same step)."""
    discarded_at: datetime | None = None
    rescheduled_from: datetime | None = None
    schedule_revision: int = 0
    """How often this planned date was moved or cancelled (the diary entry's SEQUENCE)."""
    entries: list[RecordEntry] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("x-"))
    created_at: datetime = field(kw_only=True)

    # -- derived -------------------------------------------------------------------------------
    @property
    def is_group(self) -> bool:
        """A group session supplements one-to-one supervision: it never stands for a planned
        one-to-one date, and is counted apart from them."""
        return len(self.supervisee_ids) > 1

    @property
    def is_finalised(self) -> bool:
        return self.status is SessionStatus.FINALISED

    @property
    def when(self) -> datetime:
        """The best date for the session: when it started, else when it was planned."""
        return self.started_at or self.planned_start or self.created_at

    @property
    def held(self) -> bool:
        return self.status in (SessionStatus.IN_PROGRESS, SessionStatus.FINALISED)

    def checkin(self, supervisee_id: str, phase: CheckInPhase) -> CheckIn | None:
        for c in self.checkins:
            if c.supervisee_id == supervisee_id and c.phase is phase:
                return c
        return None

    def item(self, item_id: str | None) -> AgendaItem | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    @property
    def current_item(self) -> AgendaItem | None:
        return self.item(self.current_item_id)

    # -- rules ---------------------------------------------------------------------------------
    def ensure_editable(self) -> None:
        if self.status is SessionStatus.FINALISED:
            raise RecordLockedError(
                "This record is finalised; add an amendment or a late entry instead."
            )
        if self.status is SessionStatus.CANCELLED:
            raise RecordLockedError("This session was cancelled.")

    def start(self, at: datetime) -> None:
        if self.status is not SessionStatus.PLANNED:
            raise ValidationError("Only a planned session can be started.")
        self.status = SessionStatus.IN_PROGRESS
        self.started_at = at

    def record_checkin(self, checkin: CheckIn) -> None:
        self.ensure_editable()
        checkin.validate()
        self.checkins = [
            c
            for c in self.checkins
            if not (c.supervisee_id == checkin.supervisee_id and c.phase is checkin.phase)
        ]
        self.checkins.append(checkin)

    def finalise(self, at: datetime) -> None:
        self.ensure_editable()
        if self.status is not SessionStatus.IN_PROGRESS:
            raise ValidationError("Only a session in progress can be ended.")
        self.ended_at = at
        self.finalised_at = at
        self.status = SessionStatus.FINALISED

    def sign_off(self, signoff: SignOff) -> None:
        if self.status is not SessionStatus.FINALISED:
            raise ValidationError("Sign-off comes after the session is ended.")
        signoff.validate()
        if any(s.supervisee_id == signoff.supervisee_id for s in self.signoffs):
            raise ValidationError("This supervisee has already signed off the record.")
        self.signoffs.append(signoff)

    def add_entry(self, entry: RecordEntry) -> None:
        if self.status is not SessionStatus.FINALISED:
            raise ValidationError("Amendments and late entries are for finalised records.")
        entry.validate()
        earlier = next((e for e in self.entries if e.id == entry.id), None)
        if earlier is not None:  # a save retried after it failed, that had reached the file
            if _words(earlier) != _words(entry):
                raise FirstTryKept("entry")
            return  # added once
        self.entries.append(entry)

    def has_record(self) -> bool:
        """Whether anything was recorded in the session itself (decisions and actions are kept
        apart: ask the store too). An agenda pre-filled when it started is not a record."""
        return bool(
            self.notes.strip() or self.checkins or self.prompts_used or self.checklist
            or any(v.strip() for v in self.sections.values()) or self.signoffs
            or self.current_item_id or any(i.done or i.source == "manual" for i in self.agenda)
        )

    def discard(self, at: datetime) -> None:
        """Undo a start made by accident, before anything was recorded: a planned session goes
        back to planned (its date still stands); any other is marked discarded, never held."""
        if self.status is not SessionStatus.IN_PROGRESS:
            raise ValidationError("Only a session in progress can be discarded.")
        if self.has_record():
            raise ValidationError("Something is recorded in this session; cancel it with a "
                                  "reason instead.")
        self.started_at = None
        self.agenda = []
        self.current_item_id = None
        self.current_item_started_at = None
        if self.planned_start is not None:
            self.status = SessionStatus.PLANNED
        else:
            self.status = SessionStatus.DISCARDED
            self.discarded_at = at

    def cancel(self, reason: str, by: CancelledBy, at: datetime) -> None:
        """Call off a planned session, or one that began but could not go on (what was
        recorded in it is kept; it counts as cancelled, not held)."""
        if self.status not in (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS):
            raise ValidationError("Only a planned session or one in progress can be cancelled.")
        if not reason.strip():
            raise ValidationError("Give a reason for the cancellation.")
        self.status = SessionStatus.CANCELLED
        self.cancel_reason = reason.strip()
        self.cancelled_by = by
        self.cancelled_at = at

    def waive_rebooking(self, reason: str, at: datetime) -> None:
        """Say why a cancelled session will not be rebooked (home stops asking for it)."""
        if self.status is not SessionStatus.CANCELLED:
            raise ValidationError("Only a cancelled session can be left unrebooked.")
        if self.rebooked_to is not None:
            raise ValidationError("It was rebooked already.")
        if self.rebook_waived:
            raise ValidationError("Rebooking it was waived already.")
        reason = reason.strip()
        if not reason:
            raise ValidationError("Give the reason it will not be rebooked.")
        check_line(reason, "The reason", 300)
        self.rebook_waived = reason
        self.rebook_waived_at = at
