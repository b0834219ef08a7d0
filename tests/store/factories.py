"""Domain objects with every field set to a non-default value, for round-trip tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import (
    ActionStatus,
    CancelledBy,
    CheckInPhase,
    DecisionFlag,
    EntryKind,
    Function,
    RiskLevel,
    SessionStatus,
    SessionType,
)
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, CheckIn, RecordEntry, Session, SignOff
from supervisor_tui.domain.summary import SUMMARY_FORMAT, SuperviseeSummary

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 3, 10, 10, 0, tzinfo=LONDON)
IST = timezone(timedelta(hours=5, minutes=30))


def supervisee(sid: str = "s-0123456789ab") -> Supervisee:
    return Supervisee("Róisín Ó Briain", "Senior practitioner", id=sid, archived=True,
                      created_at=T0 - timedelta(days=400))


def agreement(sid: str) -> Agreement:
    return Agreement(sid, "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU", T0, "Europe/London", 90,
                     "Stays between us.", "Risk of serious harm.", "Initialled at the end.",
                     date(2027, 3, 1), id="a-0000000000aa", created_at=T0 - timedelta(days=1))


def case(ref: str = "C-1042") -> Case:
    return Case(ref, RiskLevel.HIGH, active=False, opened_at=T0 - timedelta(days=30))


def session(sids: list[str], sid_suffix: str = "1") -> Session:
    first = sids[0]
    return Session(
        list(sids),
        type=SessionType.GROUP if len(sids) > 1 else SessionType.AD_HOC,
        status=SessionStatus.FINALISED,
        planned_start=T0,
        duration_minutes=75,
        started_at=T0 + timedelta(minutes=3),
        ended_at=T0 + timedelta(minutes=80),
        agenda=[
            AgendaItem("Case review", Function.NORMATIVE, "C-1042", 20, True, "case", "i-1"),
            AgendaItem("How are you?", Function.RESTORATIVE, None, None, False, "manual", "i-2"),
        ],
        current_item_id="i-2",
        notes="## Heading\n\nSome *notes*.\n",
        notes_saved_at=T0 + timedelta(minutes=79, seconds=31, microseconds=17),
        prompts_used=["p-1", "p-2"],
        checkins=[
            CheckIn(first, CheckInPhase.OPENING, 2, "tired", at=T0.astimezone(IST)),
            CheckIn(first, CheckInPhase.CLOSING, 4, "lighter", at=T0 + timedelta(minutes=78)),
        ],
        checklist={"time_protected": True, "left_better": False},
        sections={"workload": "Heavy.", "disagreements": "None."},
        next_date=T0 + timedelta(weeks=4),
        finalised_at=T0 + timedelta(minutes=80),
        signoffs=[SignOff(first, "RÓB", at=T0 + timedelta(minutes=82))],
        cancel_reason="",
        cancelled_by=None,
        cancelled_at=None,
        rescheduled_from=T0 - timedelta(days=2),
        entries=[RecordEntry("Late text", "Arrived after", "Supervisor", EntryKind.LATE_ENTRY,
                             at=T0 + timedelta(days=1), id="e-1")],
        id=f"x-{sid_suffix}",
        created_at=T0 - timedelta(days=7),
    )


def cancelled_session(sid: str) -> Session:
    s = Session([sid], planned_start=T0 + timedelta(weeks=4), id="x-cancelled",
                created_at=T0)
    s.cancel("Court hearing", CancelledBy.ORGANISATION, T0 + timedelta(weeks=3))
    return s


def decision(sid: str, session_id: str = "x-1") -> Decision:
    return Decision(sid, session_id, "Visit weekly", "Conditions slipping", "C-1042",
                    [DecisionFlag.SAFEGUARDING, DecisionFlag.CONFIDENTIALITY_EXCEPTION],
                    "supervisor", decided_at=T0 + timedelta(minutes=30), amends=None, id="d-1")


def action(sid: str, session_id: str = "x-1") -> Action:
    return Action(sid, session_id, "Update chronology", "Róisín", date(2026, 3, 24),
                  ActionStatus.DONE, "C-1042", created_at=T0 + timedelta(minutes=40),
                  closed_at=T0 + timedelta(weeks=4), closed_in_session="x-2", id="t-1")


def summary(sid: str) -> SuperviseeSummary:
    return SuperviseeSummary(
        sid, last_held=T0, sessions_held=7, in_progress_session="x-9", open_actions=3,
        open_action_dues=[date(2026, 3, 1)], wellbeing=[2, 3, 4], stale_cases=2,
        balance={"normative": 0.5, "restorative": 0.25}, cancellations=1,
        moved_slots=[T0], planned_times=[T0], held_times=[T0], format=SUMMARY_FORMAT)
