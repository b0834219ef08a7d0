"""Rules used when a session closes: check-ins, sign-off, actions and decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.dates import describe_day, parse_day
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import ActionStatus, CancelledBy, CheckInPhase, SessionStatus
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import AgendaItem, CheckIn, RecordLockedError, Session, SignOff
from tests.support import STAMP

AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def live() -> Session:
    return Session(["s-1"], status=SessionStatus.IN_PROGRESS, started_at=AT, created_at=STAMP)


@pytest.mark.parametrize("score", [0, 6, -1])
def test_checkin_score_is_one_to_five(score: int) -> None:
    with pytest.raises(ValidationError):
        CheckIn("s-1", CheckInPhase.OPENING, score, at=STAMP).validate()


def test_a_second_checkin_of_the_same_phase_replaces_the_first() -> None:
    session = live()
    session.record_checkin(CheckIn("s-1", CheckInPhase.OPENING, 2, "tired", at=AT))
    session.record_checkin(CheckIn("s-1", CheckInPhase.CLOSING, 4, "clearer", at=AT))
    session.record_checkin(CheckIn("s-1", CheckInPhase.OPENING, 3, "ok", at=AT))
    assert session.checkin("s-1", CheckInPhase.OPENING).word == "ok"  # type: ignore[union-attr]
    assert session.checkin("s-1", CheckInPhase.CLOSING).score == 4  # type: ignore[union-attr]
    assert len(session.checkins) == 2


@pytest.mark.parametrize("initials", ["", "   ", "ABCDEFG", "12", "--"])
def test_bad_initials_are_refused(initials: str) -> None:
    with pytest.raises(ValidationError):
        SignOff("s-1", initials, at=STAMP).validate()


@pytest.mark.parametrize("initials", ["S", "SO", "S.O.", "M-J K"])
def test_good_initials_pass(initials: str) -> None:
    SignOff("s-1", initials, at=STAMP).validate()


def test_sign_off_only_after_finalising_and_once_each() -> None:
    session = live()
    with pytest.raises(ValidationError, match="after the session is ended"):
        session.sign_off(SignOff("s-1", "SO", at=AT))
    session.finalise(AT + timedelta(hours=1))
    session.sign_off(SignOff("s-1", "SO", at=AT))
    with pytest.raises(ValidationError, match="already signed"):
        session.sign_off(SignOff("s-1", "SO", at=AT))
    with pytest.raises(RecordLockedError):
        session.record_checkin(CheckIn("s-1", CheckInPhase.CLOSING, 4, at=STAMP))


def test_closing_an_action_records_the_session_and_reopening_clears_it() -> None:
    action = Action("s-1", "x-old", "Call school", "Sam", due=date(2026, 11, 20), created_at=STAMP)
    assert action.is_overdue(date(2026, 11, 23))
    action.close(session_id="x-today", at=AT)
    assert (action.status, action.closed_in_session, action.closed_at) == (
        ActionStatus.DONE, "x-today", AT)
    assert not action.is_overdue(date(2026, 11, 23))
    action.reopen()
    assert (action.status, action.closed_in_session, action.closed_at) == (
        ActionStatus.OPEN, None, None)
    with pytest.raises(ValidationError):
        action.close(ActionStatus.OPEN, at=AT)


@pytest.mark.parametrize(("text", "rationale", "case_ref"), [
    ("", "because", None), ("Refer", "  ", None), ("Refer", "because", "Jane Smith"),
])
def test_a_decision_needs_text_rationale_and_a_de_identified_case(
        text: str, rationale: str, case_ref: str | None) -> None:
    with pytest.raises(ValidationError):
        Decision("s-1", "x-1", text, rationale, case_ref=case_ref, decided_at=STAMP).validate()


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_year_first_dates_read_as_year_month_day(day: date) -> None:
    assert parse_day(day.isoformat(), date(2026, 11, 23)) == day
    assert parse_day(day.strftime("%d %b %Y"), date(2026, 11, 23)) == day


def test_next_friday_from_a_monday() -> None:
    monday = date(2026, 11, 23)
    due = parse_day("next friday", monday)
    assert due == date(2026, 11, 27)
    assert describe_day(due, monday) == "Fri 27 Nov 2026 (in 4 days)"


def test_a_session_is_discarded_only_while_nothing_is_recorded() -> None:
    fresh = Session(["s-1"], created_at=AT,
                    agenda=[AgendaItem("Review action: call", source="action")])
    fresh.start(AT)
    assert not fresh.has_record()  # a pre-filled agenda is not a record
    fresh.discard(AT + timedelta(minutes=2))
    assert (fresh.status, fresh.discarded_at, fresh.started_at, fresh.agenda) == (
        SessionStatus.DISCARDED, AT + timedelta(minutes=2), None, [])
    assert not fresh.held

    for record in (lambda s: setattr(s, "notes", "x"),
                   lambda s: s.agenda.append(AgendaItem("typed here")),
                   lambda s: s.record_checkin(CheckIn("s-1", CheckInPhase.OPENING, 3, at=AT)),
                   lambda s: s.prompts_used.append("p-1")):
        started = Session(["s-1"], created_at=AT)
        started.start(AT)
        record(started)
        assert started.has_record()
        with pytest.raises(ValidationError, match="cancel it"):
            started.discard(AT)
        started.cancel("Called away", CancelledBy.SUPERVISEE, AT)  # kept, counted as cancelled
        assert started.status is SessionStatus.CANCELLED and not started.held


def test_a_planned_session_started_by_accident_is_planned_again() -> None:
    planned = Session(["s-1"], planned_start=AT + timedelta(hours=2), created_at=AT)
    planned.start(AT)
    planned.discard(AT)
    assert (planned.status, planned.started_at, planned.discarded_at) == (
        SessionStatus.PLANNED, None, None)
