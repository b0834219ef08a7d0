"""Closed vocabularies of supervision practice."""

from __future__ import annotations

from enum import StrEnum


class Function(StrEnum):
    """The functions of supervision (Proctor / Kadushin), plus mediation."""

    NORMATIVE = "normative"
    FORMATIVE = "formative"
    RESTORATIVE = "restorative"
    MEDIATION = "mediation"


class KolbStage(StrEnum):
    """Stages of the reflective cycle as used in the 4x4x4 model."""

    EXPERIENCE = "experience"
    REFLECTION = "reflection"
    ANALYSIS = "analysis"
    ACTION_PLANNING = "action_planning"


class DecidedBy(StrEnum):
    """Who took a decision, as the supervisor records it in the decision form."""

    SUPERVISOR = "supervisor"
    SUPERVISEE = "supervisee"
    JOINTLY = "jointly"


class SessionType(StrEnum):
    PLANNED = "planned"
    AD_HOC = "ad_hoc"
    GROUP = "group"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    FINALISED = "finalised"
    CANCELLED = "cancelled"
    DISCARDED = "discarded"
    """Started by accident and discarded before anything was recorded: never held."""


class CancelledBy(StrEnum):
    SUPERVISOR = "supervisor"
    SUPERVISEE = "supervisee"
    ORGANISATION = "organisation"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Higher number means higher risk, for sorting."""
        return {"low": 0, "medium": 1, "high": 2}[self.value]


class DecisionFlag(StrEnum):
    SAFEGUARDING = "safeguarding"
    CONFIDENTIALITY_EXCEPTION = "confidentiality_exception"


class CheckInPhase(StrEnum):
    OPENING = "opening"
    CLOSING = "closing"


class EntryKind(StrEnum):
    """What is added to a finalised record: a correction, a late addition, or the
    supervisee's own comment on it (their voice in the record)."""

    AMENDMENT = "amendment"
    LATE_ENTRY = "late_entry"
    SUPERVISEE_COMMENT = "supervisee_comment"

    @property
    def heading(self) -> str:
        return {"amendment": "Amendment", "late_entry": "Late entry",
                "supervisee_comment": "The supervisee's comment"}[self.value]
