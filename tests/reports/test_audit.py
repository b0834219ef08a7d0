"""Audit figures on the fixture history (answers worked out by hand) and small edge cases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import ActionStatus, CheckInPhase, SessionStatus
from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.domain.session import CheckIn, Session
from supervisor_tui.reports.audit import build_audit, expected_sessions
from tests.reports.fixture import ALEX, SAM, TODAY
from tests.support import STAMP

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def test_fixture_quarter_per_supervisee(bundles):
    audit = build_audit(bundles, *Q1, TODAY)
    alex, sam = audit.rows
    assert (alex.supervisee_id, sam.supervisee_id) == (ALEX, SAM)
    # Every 4 weeks from 5 Jan: 5 Jan, 2 Feb, 2 Mar, 30 Mar. Held one-to-one: 5 Jan, 2 Feb; the
    # group session of 9 Mar is counted apart: it does not make up for the cancelled 2 Mar.
    assert (alex.expected, alex.held, alex.group_held, alex.cancelled) == (4, 2, 1, 1)
    assert alex.cancellations[0].reason == "Court hearing moved to that morning."
    assert alex.cancellations[0].by == "supervisee"
    # Monthly on the 15th: 15 Jan, 15 Feb, 15 Mar. Held one-to-one: 15 Jan; and the group.
    assert (sam.expected, sam.held, sam.group_held, sam.cancelled) == (3, 1, 1, 1)
    # One-to-ones and the group are weighed apart; the group's mediation item was not
    # reached: it counts for nothing.
    assert alex.functions == {"normative": 3, "formative": 2, "restorative": 1, "mediation": 0}
    assert alex.group_functions == {"normative": 1, "formative": 0, "restorative": 1,
                                    "mediation": 0}
    assert alex.group_expected is None  # no group rhythm agreed: attended, not expected
    assert (alex.decisions, alex.decisions_with_case, alex.decisions_without_case) == (4, 3, 1)
    # Open on 20 Mar: Alex's court report (due 1 Mar); Sam's two (due 20 Jan, 16 Mar).
    assert (alex.open_actions, alex.overdue_actions) == (1, 1)
    assert (sam.open_actions, sam.overdue_actions) == (2, 2)
    assert alex.opening_mean == 3.0 and alex.closing_mean == 4.0  # 3, 2, 4 and 4, 3, 5
    assert alex.trend == "rising" and sam.trend == "falling"  # sam: 4 then 3
    assert (alex.finalised, alex.signed_off) == (3, 1)
    assert alex.finalised_share == 1.0 and alex.signed_off_share == pytest.approx(1 / 3)
    assert sam.signed_off_share == 1.0


def test_fixture_quarter_overall(bundles):
    overall = build_audit(bundles, *Q1, TODAY).overall
    assert (overall.expected, overall.held, overall.group_held, overall.cancelled) == (7, 3, 2, 2)
    assert [c.day for c in overall.cancellations] == [date(2026, 2, 15), date(2026, 3, 2)]
    assert (overall.decisions, overall.decisions_with_case) == (6, 5)
    assert (overall.open_actions, overall.overdue_actions) == (3, 3)
    assert overall.signed_off_share == pytest.approx(3 / 5)


def test_period_bounds_are_inclusive_and_actions_judged_at_its_end(bundles):
    audit = build_audit(bundles, date(2026, 1, 5), date(2026, 1, 15), TODAY)
    alex, sam = audit.rows
    assert audit.as_of == date(2026, 1, 15)
    assert (alex.held, sam.held) == (1, 1)
    # On 15 Jan Alex's strategy discussion action (due 9 Jan, done 2 Feb) was open and overdue.
    assert (alex.open_actions, alex.overdue_actions) == (2, 1)
    assert (sam.open_actions, sam.overdue_actions) == (1, 0)


def test_end_before_start_is_refused(bundles):
    with pytest.raises(ValidationError):
        build_audit(bundles, date(2026, 3, 1), date(2026, 2, 1), TODAY)


def _person(name: str, archived: bool = False) -> Supervisee:
    return Supervisee(name, id=f"s-{name.lower()}", archived=archived, created_at=STAMP)


def test_no_agreement_has_no_expected_count_and_archived_idle_people_are_left_out():
    active = SuperviseeRecords(_person("Kim"))
    gone = SuperviseeRecords(_person("Lee", archived=True))
    audit = build_audit([active, gone], *Q1, TODAY)
    assert [r.name for r in audit.rows] == ["Kim"]
    assert audit.rows[0].expected is None and audit.rows[0].held_share is None
    assert audit.overall.expected is None


def test_expected_sessions_follow_the_rule_and_its_zone():
    weekly = Agreement("s-1", "FREQ=WEEKLY", datetime(2026, 1, 5, 23, 30, tzinfo=UTC),
                       "Pacific/Auckland", created_at=STAMP)
    # 23:30 UTC Monday is Tuesday in Auckland; the period is read in Auckland time.
    assert expected_sessions(weekly, date(2026, 1, 6), date(2026, 1, 6)) == 1
    assert expected_sessions(weekly, date(2026, 1, 5), date(2026, 1, 5)) == 0
    assert expected_sessions(weekly, date(2026, 1, 1), date(2026, 1, 31)) == 4
    assert expected_sessions(None, *Q1) is None


def test_trend_is_steady_for_level_scores_and_empty_for_one_point():
    person = _person("Max")
    sessions = []
    for n, score in enumerate([4, 3, 3, 4]):
        s = Session([person.id], status=SessionStatus.FINALISED,
                    started_at=datetime(2026, 1, 1 + 7 * n, 10, tzinfo=UTC), created_at=STAMP)
        s.checkins = [CheckIn(person.id, CheckInPhase.OPENING, score, at=STAMP)]
        sessions.append(s)
    row = build_audit([SuperviseeRecords(person, sessions=sessions)], *Q1, TODAY).rows[0]
    assert row.trend == "steady" and row.opening_mean == 3.5
    one = build_audit([SuperviseeRecords(person, sessions=sessions[:1])], *Q1, TODAY).rows[0]
    assert one.trend == ""


def test_dropped_action_is_not_open_after_it_was_dropped():
    person = _person("Noor")
    act = Action(person.id, "x-1", "Call", "Noor", date(2026, 1, 10),
                 ActionStatus.DROPPED, created_at=datetime(2026, 1, 2, tzinfo=UTC),
                 closed_at=datetime(2026, 2, 1, tzinfo=UTC))
    b = SuperviseeRecords(person, actions=[act])
    assert build_audit([b], date(2026, 1, 1), date(2026, 1, 31), TODAY).rows[0].overdue_actions \
        == 1
    assert build_audit([b], date(2026, 2, 1), date(2026, 2, 28), TODAY).rows[0].open_actions == 0



def test_a_slot_later_today_is_not_yet_expected():
    weekly = Agreement("s-1", rrule="FREQ=WEEKLY;BYDAY=TU", timezone="Europe/London",
                       dtstart=datetime(2026, 1, 6, 15, 0, tzinfo=ZoneInfo("Europe/London")),
                       created_at=datetime(2026, 1, 1, tzinfo=UTC))
    tuesday = date(2026, 1, 13)
    morning = datetime(2026, 1, 13, 10, 0, tzinfo=UTC)
    evening = datetime(2026, 1, 13, 16, 0, tzinfo=UTC)
    assert expected_sessions(weekly, date(2026, 1, 1), tuesday, until=morning) == 1
    assert expected_sessions(weekly, date(2026, 1, 1), tuesday, until=evening) == 2
    assert expected_sessions(weekly, tuesday, tuesday, until=morning) == 0
    person = Supervisee("Ana", id="s-1", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    b = SuperviseeRecords(person, agreements=[weekly])
    assert build_audit([b], date(2026, 1, 1), tuesday, tuesday, morning).rows[0].expected == 1


def test_a_group_session_in_the_week_of_a_cancelled_one_to_one_does_not_make_up_for_it():
    """Group supervision supplements one-to-one supervision: the cancelled one-to-one stays
    missed, the group session is counted apart, and next due still looks at one-to-ones."""
    from supervisor_tui.domain.enums import CancelledBy, SessionType
    from supervisor_tui.domain.summary import summarise

    jo = Supervisee("Jo Park", id="s-0a0a0a", created_at=STAMP)
    weekly = Agreement(jo.id, rrule="FREQ=WEEKLY", dtstart=datetime(2026, 1, 5, 10, tzinfo=UTC),
                       created_at=STAMP)
    held = Session([jo.id], type=SessionType.PLANNED, created_at=STAMP,
                   planned_start=datetime(2026, 1, 5, 10, tzinfo=UTC))
    held.start(datetime(2026, 1, 5, 10, tzinfo=UTC))
    held.finalise(datetime(2026, 1, 5, 11, tzinfo=UTC))
    cancelled = Session([jo.id], type=SessionType.PLANNED, created_at=STAMP,
                        planned_start=datetime(2026, 1, 12, 10, tzinfo=UTC))
    cancelled.cancel("Court hearing", CancelledBy.SUPERVISOR, datetime(2026, 1, 9, tzinfo=UTC))
    group = Session([jo.id, "s-0b0b0b"], type=SessionType.GROUP, created_at=STAMP)
    group.start(datetime(2026, 1, 13, 14, tzinfo=UTC))
    group.finalise(datetime(2026, 1, 13, 15, tzinfo=UTC))
    records = SuperviseeRecords(jo, [weekly], sessions=[held, cancelled, group])
    row = build_audit([records], date(2026, 1, 5), date(2026, 1, 18), date(2026, 1, 18)).rows[0]
    assert (row.expected, row.held, row.group_held, row.cancelled) == (2, 1, 1, 1)
    summary = summarise(jo.id, [held, cancelled, group], [])
    assert summary.last_held == datetime(2026, 1, 5, 10, tzinfo=UTC)  # the group does not count


def test_repeated_cancellations_are_raised_in_the_audit(bundles):
    from supervisor_tui.reports.audit import audit_table, cancellation_warnings

    audit = build_audit(bundles, *Q1, TODAY)  # one cancellation each in the quarter
    assert cancellation_warnings(audit) == []
    assert "Repeated cancellations" not in audit_table(audit)
    warned = cancellation_warnings(audit, warn_at=1)
    assert warned == [
        "Alex Rivera: 1 session cancelled in the period. Raise it with them, then with your "
        "manager if it goes on.",
        "Sam Okafor: 1 session cancelled in the period. Raise it with them, then with your "
        "manager if it goes on."]
    assert audit_table(audit, warn_at=1).endswith(
        "Repeated cancellations:\n  " + "\n  ".join(warned) + "\n")
