from datetime import UTC, date, datetime, timedelta

import pytest

from supervisor_tui.domain import agenda
from supervisor_tui.domain.coverage import cases_due
from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import ActionStatus, RiskLevel
from supervisor_tui.domain.people import Case, ValidationError
from supervisor_tui.domain.session import AgendaItem, RecordLockedError, Session
from tests.support import STAMP

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def held(n: int, refs: list[str]) -> Session:
    s = Session(["s-1"], created_at=T0 + timedelta(weeks=n))
    s.start(T0 + timedelta(weeks=n))
    s.agenda = [AgendaItem(f"about {r}", case_ref=r, done=True) for r in refs]
    s.finalise(T0 + timedelta(weeks=n, hours=1))
    return s


def test_prefill_puts_high_risk_cases_due_first_then_actions_then_other_cases():
    cases = [Case("LO1", RiskLevel.LOW, opened_at=STAMP),
             Case("HI1", RiskLevel.HIGH, opened_at=STAMP), Case("ME1", RiskLevel.MEDIUM,
                                                                                                             opened_at=STAMP),
             Case("ME2", RiskLevel.MEDIUM, opened_at=STAMP)]
    sessions = [held(0, ["LO1", "HI1", "ME1", "ME2"]), held(1, ["ME2"]), held(2, [])]
    due = cases_due(cases, sessions, [])
    actions = [
        Action("s-1", sessions[0].id, "Send the chronology", "Sam", due=date(2026, 12, 1),
               created_at=STAMP),
        Action("s-1", sessions[1].id, "Book the strategy meeting", "Sam",
               due=date(2026, 11, 20), case_ref="ME2", created_at=STAMP),
        Action("s-1", sessions[1].id, "Call the school", "Sam", case_ref="HI1", created_at=STAMP),
        Action("s-1", sessions[1].id, "Done already", "Sam", status=ActionStatus.DONE,
               created_at=STAMP),
        Action("s-1", "x-current", "Made in this session", "Sam", created_at=STAMP),
    ]
    items = agenda.prefill_agenda(actions, due, "x-current", TODAY, cases)
    assert [(i.source, i.case_ref) for i in items] == [
        ("case", "HI1"),  # a high-risk case the last session did not reach: first
        ("action", "HI1"),  # then actions, high-risk case first
        ("action", "ME2"),  # then medium; overdue
        ("action", None),
        ("case", "ME1"),
    ]
    assert items[2].title == "Review action: Book the strategy meeting (overdue since 20 Nov)"
    assert items[3].title == "Review action: Send the chronology (due 01 Dec)"
    assert items[0].title == "Case HI1: high risk, not discussed for 2 sessions"
    assert items[0].timebox_minutes == 15
    for item in items:
        item.validate()


def test_prefill_names_cases_never_discussed():
    due = cases_due([Case("AB", RiskLevel.HIGH, opened_at=STAMP)], [held(0, [])], [])
    items = agenda.prefill_agenda([], due, "x-1", TODAY)
    assert [i.title for i in items] == ["Case AB: high risk, not discussed yet"]


def live() -> Session:
    s = Session(["s-1"], created_at=STAMP)
    s.start(T0)
    s.agenda = [AgendaItem("one"), AgendaItem("two"), AgendaItem("three")]
    return s


def titles(s: Session) -> list[str]:
    return [i.title for i in s.agenda]


def test_reorder_remove_done_and_current():
    s = live()
    one, two, three = s.agenda
    assert agenda.move_item(s, three.id, -1) == 1
    assert titles(s) == ["one", "three", "two"]
    assert agenda.move_item(s, one.id, -1) == 0
    assert titles(s) == ["one", "three", "two"]
    agenda.set_current(s, two.id, T0 + timedelta(minutes=5))
    assert s.current_item is two
    assert agenda.timebox_left(s, T0 + timedelta(minutes=6)) is None
    two.timebox_minutes = 10
    assert agenda.timebox_left(s, T0 + timedelta(minutes=16)) == -60
    assert agenda.toggle_done(s, two.id) is True
    assert s.current_item is None
    agenda.set_current(s, three.id, T0)
    agenda.remove_item(s, three.id)
    assert titles(s) == ["one", "two"] and s.current_item_id is None
    with pytest.raises(ValidationError):
        agenda.move_item(s, three.id, 1)


def test_add_and_replace_validate():
    s = live()
    with pytest.raises(ValidationError, match="title"):
        agenda.add_item(s, AgendaItem("  "))
    with pytest.raises(ValidationError, match="case reference"):
        agenda.add_item(s, AgendaItem("x", case_ref="Jane Smith"))
    edited = AgendaItem("one, edited", timebox_minutes=5, id=s.agenda[0].id)
    agenda.replace_item(s, edited)
    assert titles(s)[0] == "one, edited"


def test_finalised_agenda_refuses_edits():
    s = live()
    s.finalise(T0 + timedelta(hours=1))
    for attempt in (
        lambda: agenda.add_item(s, AgendaItem("late")),
        lambda: agenda.move_item(s, s.agenda[1].id, -1),
        lambda: agenda.remove_item(s, s.agenda[0].id),
        lambda: agenda.toggle_done(s, s.agenda[0].id),
        lambda: agenda.set_current(s, s.agenda[0].id, T0),
    ):
        with pytest.raises(RecordLockedError):
            attempt()
    assert titles(s) == ["one", "two", "three"]


def test_session_clock():
    s = live()
    s.duration_minutes = 60
    assert agenda.session_left(s, T0 + timedelta(minutes=70)) == (4200, -600)
