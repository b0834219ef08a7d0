from datetime import UTC, datetime

import pytest

from supervisor_tui.domain.balance import (
    DEFAULT_ITEM_MINUTES,
    WellbeingRule,
    function_balance,
    item_minutes,
    wellbeing_concern,
    wellbeing_series,
)
from supervisor_tui.domain.enums import Function, SessionStatus
from supervisor_tui.domain.session import AgendaItem, Session
from tests import history_data as h
from tests.support import STAMP


def minutes(s: Session) -> list[float]:
    return [m for _, m in item_minutes(s)]


def test_item_minutes_share_the_free_time_among_unboxed_items():
    s = Session(["s"], duration_minutes=60, agenda=[
        AgendaItem("a", timebox_minutes=20, done=True), AgendaItem("b", done=True),
        AgendaItem("c", done=True),
    ], created_at=STAMP)
    assert minutes(s) == [20.0, 20.0, 20.0]


def test_item_minutes_default_when_boxes_fill_the_session():
    s = Session(["s"], duration_minutes=30, agenda=[
        AgendaItem("a", timebox_minutes=30, done=True), AgendaItem("b", done=True),
    ], created_at=STAMP)
    assert minutes(s) == [30.0, float(DEFAULT_ITEM_MINUTES)]


def test_items_not_reached_count_for_nothing():
    """Only what the session reached (taken up, ticked, or its case written about) counts: the
    free time is shared among those, and a listed item left untouched has no minutes."""
    s = Session(["s"], duration_minutes=60, notes="Talked through CD-34 at length.", agenda=[
        AgendaItem("taken up", Function.FORMATIVE, taken_up_at=STAMP),
        AgendaItem("ticked", Function.RESTORATIVE, done=True),
        AgendaItem("written about", Function.NORMATIVE, case_ref="CD-34"),
        AgendaItem("never reached", Function.MEDIATION, case_ref="EF-56"),
    ], created_at=STAMP)
    assert [(i.title, m) for i, m in item_minutes(s)] == [
        ("taken up", 20.0), ("ticked", 20.0), ("written about", 20.0)]
    s.status, s.started_at = SessionStatus.FINALISED, STAMP
    assert function_balance("s", [s]).minutes[Function.MEDIATION] == 0


def test_balance_over_the_fixed_history_has_known_shares():
    b = function_balance(h.ALEX, h.sessions())
    # One-to-ones S1: N20 F10 R30 (the unboxed item takes the 30 free minutes); S2: N30 F20;
    # S4: N25 R15 and 5 untagged. The cancelled S3 does not count; the group S5 is apart.
    assert b.sessions == 3
    assert b.minutes == {Function.NORMATIVE: 75, Function.FORMATIVE: 30,
                         Function.RESTORATIVE: 45, Function.MEDIATION: 0}
    assert b.untagged_minutes == 5
    assert b.shares == {"normative": 75 / 150, "formative": 30 / 150,
                        "restorative": 45 / 150, "mediation": 0.0}


def test_the_group_sessions_agenda_is_weighed_apart_from_the_one_to_ones():
    group = function_balance(h.ALEX, h.sessions(), group=True)
    assert group.sessions == 1  # S5
    assert group.minutes == {Function.NORMATIVE: 0, Function.FORMATIVE: 60,
                             Function.RESTORATIVE: 0, Function.MEDIATION: 0}


def test_balance_counts_only_the_last_n_held_sessions():
    b = function_balance(h.ALEX, h.sessions(), last=2)
    assert b.sessions == 2  # S2 and S4
    assert b.minutes[Function.FORMATIVE] == 20
    assert b.minutes[Function.NORMATIVE] == 55
    assert b.minutes[Function.RESTORATIVE] == 15


def test_balance_without_tagged_time_has_no_shares():
    s = Session(["s"], status=SessionStatus.FINALISED,
                started_at=datetime(2026, 1, 1, tzinfo=UTC), agenda=[AgendaItem("x", done=True)],
                created_at=STAMP)
    b = function_balance("s", [s])
    assert b.shares == {}
    assert b.untagged_minutes == 60
    assert function_balance("s", []).sessions == 0


def test_wellbeing_series_is_oldest_first_per_supervisee():
    alex = wellbeing_series(h.ALEX, h.sessions())
    assert [(p.session_id, p.opening, p.closing) for p in alex] == [
        (h.S1, 3, 4), (h.S2, 2, 3), (h.S4, 4, 5), (h.S5, 3, 4)]
    bea = wellbeing_series(h.BEA, h.sessions())
    assert [(p.session_id, p.opening, p.closing) for p in bea] == [(h.S6, 2, 3), (h.S5, 4, 4)]


@pytest.mark.parametrize(("scores", "rule", "said"), [
    ([4, 4, 2], WellbeingRule(), "last check-in 2/5"),
    ([5, 4, 3], WellbeingRule(), "check-ins falling: 5 → 4 → 3"),
    ([3, 3, 3], WellbeingRule(), None),
    ([2, 3, 4], WellbeingRule(), None),          # low, but it is rising now
    ([4, 3], WellbeingRule(low=3), "last check-in 3/5"),
    ([5, 4, 3], WellbeingRule(fall=3), None),
    ([], WellbeingRule(), None),
])
def test_check_ins_that_call_for_a_restorative_conversation(scores, rule, said):
    assert wellbeing_concern(scores, rule) == said
