"""Learning goals and escalations: what comes back on the agenda, and how one is closed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supervisor_tui.domain.agenda import prefill_agenda
from supervisor_tui.domain.development import (
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    describe,
    for_the_agenda,
)
from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError

TODAY = date(2026, 11, 23)
AT = datetime(2026, 11, 2, 10, tzinfo=UTC)


def goal(what: str, due: date | None) -> FollowUp:
    return FollowUp("s-1", FollowUpKind.GOAL, what, due=due, raised_at=AT)


def escalation(what: str) -> FollowUp:
    return FollowUp("s-1", FollowUpKind.ESCALATION, what, "team manager", raised_at=AT,
                    raised_on=date(2026, 11, 1))


def test_open_escalations_always_come_back_and_goals_as_their_date_comes_near():
    soon, far, undated = (goal("Soon", TODAY + timedelta(days=20)),
                          goal("Far", TODAY + timedelta(days=60)), goal("Undated", None))
    late = goal("Late", TODAY - timedelta(days=3))
    rota = escalation("Rota gap")
    closed = escalation("Settled")
    closed.close(FollowUpStatus.RESOLVED, "Cover agreed", AT)
    chosen = for_the_agenda([far, soon, undated, late, rota, closed], TODAY)
    assert [f.what for f in chosen] == ["Rota gap", "Late", "Soon", "Undated"]
    items = prefill_agenda([], [], "x-now", TODAY, follow_ups=[soon, rota])
    assert [(i.title, i.function, i.source) for i in items] == [
        ("Escalation: Rota gap (raised with team manager 01 Nov)", Function.MEDIATION,
         "escalation"),
        ("Learning goal: Soon (by 13 Dec 2026)", Function.FORMATIVE, "goal")]
    assert describe(late, TODAY) == "Learning goal: Late (by 20 Nov 2026, overdue)"


def test_closing_needs_the_outcome_and_the_right_status_and_happens_once():
    g = goal("Chair a meeting", None)
    with pytest.raises(ValidationError, match="met or dropped"):
        g.close(FollowUpStatus.RESOLVED, "done", AT)
    with pytest.raises(ValidationError, match="outcome"):
        g.close(FollowUpStatus.MET, "  ", AT)
    g.add_note("Observed one", AT)
    g.close(FollowUpStatus.MET, "Chaired the AB-12 meeting", AT + timedelta(days=1))
    assert (g.status, g.outcome, g.closed_at) == (FollowUpStatus.MET,
                                                  "Chaired the AB-12 meeting",
                                                  AT + timedelta(days=1))
    with pytest.raises(ValidationError, match="closed already"):
        g.close(FollowUpStatus.DROPPED, "no", AT)
    with pytest.raises(ValidationError, match="closed"):
        g.add_note("late", AT)
    assert [n.text for n in g.notes] == ["Observed one"]


def test_an_escalation_says_who_it_was_raised_with():
    e = FollowUp("s-1", FollowUpKind.ESCALATION, "Rota gap", raised_at=AT)
    with pytest.raises(ValidationError, match="raised with"):
        e.validate()
    with pytest.raises(ValidationError, match="control"):
        FollowUp("s-1", FollowUpKind.GOAL, "bad\x1b[2J", raised_at=AT).validate()
