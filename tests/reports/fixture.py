"""A small, fully deterministic history with known answers, for golden files and the audit.

Two supervisees; Alex has three sessions (one amended, one cancelled) and a group session with
Sam; case AB-12 is discussed with both. Every id and timestamp is fixed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import (
    ActionStatus,
    CancelledBy,
    DecisionFlag,
    EntryKind,
    Function,
    RiskLevel,
    SessionType,
)
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, CheckIn, RecordEntry, Session, SignOff
from supervisor_tui.store.records import Records
from tests import builders as build
from tests.builders import moment

TODAY = date(2026, 3, 20)
ALEX = "s-a1a1a1"
SAM = "s-b2b2b2"


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return moment(2026, month, day, hour, minute)


def _item(n: int, title: str, function: Function | None, case_ref: str | None = None,
          minutes: int | None = None, done: bool = True) -> AgendaItem:
    return build.item(f"i-{n:06d}", title, function, case=case_ref, minutes=minutes, done=done)


def _checkins(sid: str, when: datetime, opening: tuple[int, str],
              closing: tuple[int, str]) -> list[CheckIn]:
    return build.checkins(sid, opening, closing, at=when, closing_at=when + timedelta(hours=1))


def _held(sid_list: list[str], session_id: str, start: datetime, **kw) -> Session:
    return build.held(sid_list, start, session_id=session_id, **kw)


def _development(records: Records) -> None:
    """Alex: a learning goal met in February; an escalation raised in February, still open.
    Sam: an escalation raised in January, resolved on 25 Mar (still open on 20 Mar, the
    fixture's today)."""
    from supervisor_tui.domain.development import (
        FollowUp,
        FollowUpKind,
        FollowUpNote,
        FollowUpStatus,
    )

    records.save_follow_up(FollowUp(
        ALEX, FollowUpKind.GOAL, "Chair a strategy meeting", "Confidence with partners",
        date(2026, 3, 31), raised_at=at(1, 5, 11), status=FollowUpStatus.MET,
        outcome="Chaired the AB-12 strategy meeting.", closed_at=at(2, 20, 16),
        notes=[FollowUpNote("Observed one first.", at=at(2, 2, 11))], id="f-000001"))
    records.save_follow_up(FollowUp(
        ALEX, FollowUpKind.ESCALATION, "Duty rota leaves no cover on Fridays", "team manager",
        date(2026, 4, 1), raised_at=at(2, 2, 11), raised_on=date(2026, 2, 2), id="f-000002"))
    records.save_follow_up(FollowUp(
        SAM, FollowUpKind.ESCALATION, "Disagrees with the CD-34 step-down", "IRO",
        raised_at=at(1, 15, 15), raised_on=date(2026, 1, 14), status=FollowUpStatus.RESOLVED,
        outcome="Step-down deferred a month.", closed_at=at(3, 25, 12), id="f-000003"))


def write_fixture(records: Records) -> None:
    records.save_supervisee(Supervisee("Alex Rivera", "Social worker", id=ALEX,
                                       created_at=at(1, 1, 9)))
    records.save_supervisee(Supervisee("Sam Okafor", "Senior practitioner", id=SAM,
                                       created_at=at(1, 1, 9)))
    records.save_agreement(Agreement(
        ALEX, "FREQ=WEEKLY;INTERVAL=4", at(1, 5), "UTC", 60,
        "What is said stays between us and the team manager's summary.",
        "Risk of serious harm to a child or adult.", "Kept in supervisor-tui; shared on request.",
        date(2026, 12, 31), id="a-000001", created_at=at(1, 1, 9)))
    records.save_agreement(Agreement(
        SAM, "FREQ=MONTHLY;BYMONTHDAY=15", at(1, 15, 14), "UTC", 90,
        "Confidential within the service.", "Risk of serious harm.", "Kept in supervisor-tui.",
        None, id="a-000002", created_at=at(1, 1, 9)))
    records.save_case(ALEX, Case("AB-12", RiskLevel.HIGH, opened_at=at(1, 1, 9)))
    records.save_case(ALEX, Case("CD-34", RiskLevel.MEDIUM, opened_at=at(1, 1, 9)))
    records.save_case(SAM, Case("AB-12", RiskLevel.HIGH, opened_at=at(1, 1, 9)))
    records.save_case(SAM, Case("EF-56", RiskLevel.LOW, opened_at=at(1, 1, 9)))
    _development(records)

    # Alex, 5 Jan: a full record, signed off.
    s1 = _held([ALEX], "x-000001", at(1, 5), agenda=[
        _item(1, "Home visit to AB-12 last week", Function.NORMATIVE, "AB-12", 20),
        _item(2, "Court report writing", Function.FORMATIVE, None, 15),
        _item(3, "How the duty week felt", Function.RESTORATIVE, None, 10),
    ], notes="## Home visit to AB-12\nThe visit raised concerns about supervision at night.",
        checkins=_checkins(ALEX, at(1, 5), (3, "tired"), (4, "clearer")),
        checklist={"time-protected": True, "feedback-given": True, "development": False},
        sections={"workload": "22 cases; two court reports due.",
                  "wellbeing": "Take the owed day off this month.",
                  "learning": "Book the court skills course.",
                  "reflection": "Alex noticed the pull to rescue the family.",
                  "disagreements": "None."},
        next_date=at(2, 2), signoffs=[SignOff(ALEX, "AR", at=at(1, 5, 11, 5))])
    records.save_session(s1)
    records.add_decision(Decision(
        ALEX, s1.id, "Hold a strategy discussion for AB-12 this week.",
        "Night-time supervision concerns meet the threshold for a strategy discussion.",
        "AB-12", [DecisionFlag.SAFEGUARDING], "supervisor and supervisee",
        decided_at=at(1, 5, 10, 25),
        id="d-000001"))
    records.add_decision(Decision(
        ALEX, s1.id, "Move the court report deadline to 30 January.",
        "The report needs the strategy discussion's outcome first.", None, [],
        "supervisee", decided_at=at(1, 5, 10, 40), id="d-000002"))
    records.save_action(Action(ALEX, s1.id, "Arrange the strategy discussion", "Alex",
                               date(2026, 1, 9), ActionStatus.DONE, "AB-12",
                               created_at=at(1, 5, 10, 26), closed_at=at(2, 2, 10, 5),
                               closed_in_session="x-000002", id="t-000001"))
    records.save_action(Action(ALEX, s1.id, "Draft the court report", "Alex",
                               date(2026, 3, 1), case_ref="CD-34", created_at=at(1, 5, 10, 41),
                               id="t-000002"))

    # Alex, 2 Feb: finalised, not signed off, later amended.
    s2 = _held([ALEX], "x-000002", at(2, 2), agenda=[
        _item(4, "Review of actions", Function.NORMATIVE, None, 10),
        _item(5, "AB-12 after the strategy discussion", Function.NORMATIVE, "AB-12", 25),
        _item(6, "Feedback on the court report", Function.FORMATIVE, "CD-34", 15),
    ], notes="Strategy discussion held on 8 Jan. Child protection plan agreed.",
        checkins=_checkins(ALEX, at(2, 2), (2, "stretched"), (3, "steadier")),
        sections={"workload": "Still 22 cases."}, next_date=at(3, 2),
        entries=[RecordEntry("The strategy discussion was held on 9 Jan, not 8 Jan.",
                             "Date misheard in the session.", "supervisor",
                             EntryKind.AMENDMENT, at=at(2, 3, 9), id="e-000001")])
    records.save_session(s2)
    records.add_decision(Decision(
        ALEX, s2.id, "Hold a strategy discussion for AB-12 within two working days.",
        "Corrected: the threshold policy asks for two working days, not this week.",
        "AB-12", [DecisionFlag.SAFEGUARDING], "supervisor", decided_at=at(2, 2, 10, 30),
        amends="d-000001", id="d-000003"))

    # Alex, 2 Mar: cancelled.
    s3 = Session([ALEX], planned_start=at(3, 2), created_at=at(2, 2, 11), id="x-000003")
    s3.cancel("Court hearing moved to that morning.", CancelledBy.SUPERVISEE, at(2, 27, 16))
    records.save_session(s3)

    # Sam, 15 Jan: signed off.
    s5 = _held([SAM], "x-000005", at(1, 15, 14), agenda=[
        _item(7, "AB-12 contact arrangements", Function.NORMATIVE, "AB-12", 30),
        _item(8, "Mentoring a newly qualified worker", Function.FORMATIVE, None, 20),
    ], notes="Sam co-works AB-12 with Alex.",
        checkins=_checkins(SAM, at(1, 15, 14), (4, "fine"), (4, "fine")),
        next_date=at(2, 15, 14), signoffs=[SignOff(SAM, "SO", at=at(1, 15, 15, 10))])
    records.save_session(s5)
    records.add_decision(Decision(
        SAM, s5.id, "Supervised contact for AB-12 stays at the family centre.",
        "The strategy discussion's safety plan requires a supervised setting.", "AB-12", [],
        "supervisee", decided_at=at(1, 15, 14, 20), id="d-000005"))
    records.save_action(Action(SAM, s5.id, "Tell the family centre the plan", "Sam",
                               date(2026, 1, 20), case_ref="AB-12",
                               created_at=at(1, 15, 14, 21), id="t-000005"))

    # Sam, 15 Feb: cancelled by the organisation.
    s6 = Session([SAM], planned_start=at(2, 15, 14), created_at=at(1, 15, 15), id="x-000006")
    s6.cancel("Office move.", CancelledBy.ORGANISATION, at(2, 10, 9))
    records.save_session(s6)

    # Group session, 9 Mar: both attend; one signs off.
    s4 = _held([ALEX, SAM], "x-000004", at(3, 9), type=SessionType.GROUP, agenda=[
        _item(9, "Working together on AB-12", Function.NORMATIVE, "AB-12", 20),
        _item(10, "Looking after ourselves in a hard case", Function.RESTORATIVE, None, 20),
        _item(11, "Team and management pressures", Function.MEDIATION, None, 10, done=False),
    ], notes="Joint review of AB-12.",
        checkins=[*_checkins(ALEX, at(3, 9), (4, "hopeful"), (5, "supported")),
                  *_checkins(SAM, at(3, 9), (3, "busy"), (4, "calmer"))],
        next_date=at(4, 6), signoffs=[SignOff(SAM, "SO", at=at(3, 9, 11, 10))])
    records.save_session(s4)
    records.add_decision(Decision(
        ALEX, s4.id, "Alex leads the AB-12 review meeting.",
        "Alex holds the statutory role for the child.", "AB-12", [], "group",
        decided_at=at(3, 9, 10, 30),
        id="d-000004"))
    records.add_decision(Decision(
        SAM, s4.id, "Sam shares the contact notes with Alex weekly.",
        "Both need the same picture of contact.", "AB-12", [], "group", decided_at=at(3, 9, 10, 35),
        id="d-000006"))
    records.save_action(Action(SAM, s4.id, "Send the contact notes", "Sam", date(2026, 3, 16),
                               case_ref="AB-12", created_at=at(3, 9, 10, 36), id="t-000006"))
    for sid in (ALEX, SAM):
        records.refresh_summary(sid)
