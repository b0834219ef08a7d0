"""A small, fixed supervision history with known answers, for tests and snapshots.

Everything (ids, times) is fixed so rendered screens are the same on every run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import (
    ActionStatus,
    CancelledBy,
    DecisionFlag,
    EntryKind,
    Function,
    RiskLevel,
    SessionStatus,
)
from supervisor_tui.domain.people import Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, RecordEntry, Session, SignOff
from supervisor_tui.store.records import Records
from tests import builders as build
from tests.builders import moment

ALEX = "s-a1a1a1a1a1a1"
BEA = "s-b2b2b2b2b2b2"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
S1, S2, S3, S4, S5, S6 = (f"x-00000000000{n}" for n in range(1, 7))


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return moment(2026, month, day, hour, minute)


def fixed_clock() -> datetime:
    return NOW


def item(n: int, title: str, function: Function | None, minutes: int | None = None,
         case: str | None = None) -> AgendaItem:
    return build.item(f"i-{n:012d}", title, function, case=case, minutes=minutes)


def held(sid: str, people: list[str], start: datetime, agenda: list[AgendaItem], notes: str,
         scores: list[tuple[str, int, int]] = (), **extra) -> Session:
    """A held session; `scores`: (who, opening, closing) check-ins, both taken at the start."""
    taken = [c for who, opening, closing in scores
             for c in build.checkins(who, (opening, ""), (closing, ""), at=start)]
    return build.held(people, start, session_id=sid, agenda=agenda, notes=notes,
                      checkins=taken, **extra)


def sessions() -> list[Session]:
    s1 = held(S1, [ALEX], at(8, 3), [
        item(1, "Caseload review", Function.NORMATIVE, 20, "JB-1042"),
        item(2, "Training plan", Function.FORMATIVE, 10),
        item(3, "How are duty weeks going", Function.RESTORATIVE),
    ], "Discussed the weekend duty rota and the home visit to JB-1042.",
        [(ALEX, 3, 4)])
    s2 = held(S2, [ALEX], at(8, 31), [
        item(4, "Court report deadline", Function.NORMATIVE, 30, "KM-7"),
        item(5, "Reflective case discussion", Function.FORMATIVE, 20, "JB-1042"),
    ], "Explored the chronology for the court report.", [(ALEX, 2, 3)],
        sections={"reflection": "Noticed a pattern of rushing assessments."})
    s3 = Session([ALEX], status=SessionStatus.CANCELLED, planned_start=at(9, 28), id=S3,
                 created_at=at(9, 1), cancel_reason="Court hearing",
                 cancelled_by=CancelledBy.SUPERVISEE, cancelled_at=at(9, 27))
    s4 = held(S4, [ALEX], at(10, 26), [
        item(6, "Safeguarding concern", Function.NORMATIVE, 25, "KM-7"),
        item(7, "Wellbeing check", Function.RESTORATIVE, 15),
        item(8, "Any other business", None, 5),
    ], "Agreed a strategy meeting; Alex felt supported.", [(ALEX, 4, 5)],
        signoffs=[SignOff(ALEX, "AR", at=at(10, 26, 11, 30))],
        entries=[RecordEntry("The strategy meeting is on 2 November.", "", "Jo Supervisor",
                             EntryKind.LATE_ENTRY, at=at(10, 27), id="e-000000000001")])
    s5 = held(S5, [ALEX, BEA], at(11, 20), [
        item(9, "Team learning: direct work tools", Function.FORMATIVE, 60),
    ], "Group session on direct work with children; the ecomap tool.",
        [(ALEX, 3, 4), (BEA, 4, 4)])
    s6 = held(S6, [BEA], at(11, 2), [
        item(10, "Complaint from a parent", Function.MEDIATION, 30, "RT-12"),
    ], "Supported Bea with a complaint about the assessment.", [(BEA, 2, 3)])
    return [s1, s2, s3, s4, s5, s6]


def decisions() -> list[Decision]:
    return [
        Decision(ALEX, S1, "Increase visits to JB-1042 to weekly",
                 "Escalating concerns reported by the school", "JB-1042",
                 decided_at=at(8, 3, 10, 40), id="d-000000000001"),
        Decision(ALEX, S2, "Request a legal planning meeting",
                 "Threshold for proceedings may be met", "KM-7",
                 [DecisionFlag.SAFEGUARDING], decided_at=at(8, 31, 10, 30),
                 id="d-000000000002"),
        Decision(ALEX, S4, "Visits to JB-1042 back to fortnightly",
                 "School reports steady improvement", "JB-1042",
                 decided_at=at(10, 26, 10, 45), amends="d-000000000001", id="d-000000000003"),
        Decision(BEA, S6, "Escalate the complaint to the team manager",
                 "Policy requires it within five days", "RT-12",
                 [DecisionFlag.CONFIDENTIALITY_EXCEPTION], decided_at=at(11, 2, 10, 30),
                 id="d-000000000004"),
    ]


def actions() -> list[Action]:
    return [
        Action(ALEX, S1, "Book a safeguarding refresher", "Alex", date(2026, 9, 30),
               created_at=at(8, 3, 10, 50), id="t-000000000001"),
        Action(ALEX, S2, "Draft the chronology", "Alex", date(2026, 12, 10), case_ref="KM-7",
               created_at=at(8, 31, 10, 50), id="t-000000000002"),
        Action(ALEX, S1, "Send the rota to the manager", "Jo", date(2026, 8, 20),
               status=ActionStatus.DONE, closed_at=at(8, 31), closed_in_session=S2,
               created_at=at(8, 3, 10, 55), id="t-000000000003"),
        Action(BEA, S6, "Reply to the parent in writing", "Bea", date(2026, 11, 9),
               created_at=at(11, 2, 10, 50), id="t-000000000004"),
    ]


def cases() -> dict[str, list[Case]]:
    return {
        ALEX: [Case("JB-1042", RiskLevel.MEDIUM, opened_at=at(6, 1)),
               Case("KM-7", RiskLevel.HIGH, opened_at=at(6, 1)),
               Case("LP-33", RiskLevel.LOW, opened_at=at(6, 1))],
        BEA: [Case("RT-12", RiskLevel.MEDIUM, opened_at=at(6, 1))],
    }


def write_history(records: Records) -> None:
    """Write the whole fixed history through the record service's own methods."""
    records.save_supervisee(Supervisee("Alex Rivera", "Social worker", ALEX,
                                       created_at=at(6, 1)))
    records.save_supervisee(Supervisee("Bea Chen", "Family support worker", BEA,
                                       created_at=at(6, 1)))
    for sid, found in cases().items():
        for case in found:
            records.save_case(sid, case)
    for s in sessions():
        records.save_session(s)
    for d in decisions():
        records.add_decision(d)
    for a in actions():
        records.save_action(a)
    for sid in (ALEX, BEA):
        records.refresh_summary(sid)
