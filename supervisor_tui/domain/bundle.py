"""Everything recorded about one supervisee, gathered for exports and the audit."""

from __future__ import annotations

from dataclasses import dataclass, field

from supervisor_tui.domain.decisions import Action, CaseCopy, Decision
from supervisor_tui.domain.development import FollowUp
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import Session


@dataclass
class SuperviseeRecords:
    supervisee: Supervisee
    agreements: list[Agreement] = field(default_factory=list)
    """Oldest first; the last one is in force."""
    cases: list[Case] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    """Oldest first; group sessions appear in every attendee's records."""
    decisions: list[Decision] = field(default_factory=list)
    """In log (hash chain) order."""
    actions: list[Action] = field(default_factory=list)
    case_copies: list[CaseCopy] = field(default_factory=list)
    """Decisions copied into their case's own record."""
    follow_ups: list[FollowUp] = field(default_factory=list)
    """Learning goals and escalations, in the order they were raised."""

    @property
    def copied(self) -> dict[str, CaseCopy]:
        """When each decision was (first) copied into its case record, by decision id."""
        return {c.id: c for c in sorted(self.case_copies, key=lambda c: c.at, reverse=True)}

    @property
    def agreement(self) -> Agreement | None:
        return self.agreements[-1] if self.agreements else None


def names_of(bundles: list[SuperviseeRecords]) -> dict[str, str]:
    """Supervisee id -> name, for rendering group sessions and check-ins."""
    return {b.supervisee.id: b.supervisee.name for b in bundles}
