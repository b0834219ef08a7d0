"""What a session discussed: items taken up, ticked or written about; the rest not reached."""

from __future__ import annotations

from datetime import timedelta

from supervisor_tui.domain.agenda import set_current
from supervisor_tui.domain.coverage import case_coverage
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.discussion import (
    discussed_items,
    discussed_refs,
    not_reached_items,
)
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Case
from supervisor_tui.domain.session import AgendaItem, Session
from supervisor_tui.reports.record import session_markdown
from tests.support import STAMP

SID = "s-000001"


def prefilled() -> Session:
    """A session started with three cases due on its agenda and one item of the supervisor's."""
    s = Session([SID], id="x-000001", created_at=STAMP, agenda=[
        AgendaItem("Case AB-12: due", case_ref="AB-12", source="case", id="i-1"),
        AgendaItem("Case CD-34: due", case_ref="CD-34", source="case", id="i-2"),
        AgendaItem("Case EF-56: due", case_ref="EF-56", source="case", id="i-3"),
        AgendaItem("Rota pressure", id="i-4"),
    ])
    s.start(STAMP)
    return s


def test_taking_up_an_item_keeps_when_it_was_first_taken_up():
    s = prefilled()
    set_current(s, "i-1", STAMP + timedelta(minutes=5))
    set_current(s, "i-4", STAMP + timedelta(minutes=20))
    set_current(s, "i-1", STAMP + timedelta(minutes=30))
    assert s.agenda[0].taken_up_at == STAMP + timedelta(minutes=5)
    assert s.agenda[3].taken_up_at == STAMP + timedelta(minutes=20)
    assert s.agenda[1].taken_up_at is None


def test_only_items_taken_up_ticked_or_written_about_are_discussed():
    s = prefilled()
    set_current(s, "i-1", STAMP)                                 # taken up
    s.notes = "Brief word on cd-34 before we ran out of time."   # written about in the notes
    d = Decision(SID, s.id, "Close EF-56 next month", "Stable", case_ref=None,
                 decided_at=STAMP)
    assert [i.id for i in discussed_items(s, [d])] == ["i-1", "i-2"]
    assert [i.id for i in not_reached_items(s, [d])] == ["i-3", "i-4"]
    action = Action(SID, s.id, "Chase the school", "Sam", case_ref="EF-56", created_at=STAMP)
    assert [i.id for i in discussed_items(s, [d], [action])] == ["i-1", "i-2", "i-3"]
    assert discussed_refs(s, [d], [action]) == ["AB-12", "CD-34", "EF-56"]


def test_a_reference_inside_another_word_is_not_a_mention():
    s = prefilled()
    s.notes = "XAB-12 and AB-123 are other cases."
    assert discussed_items(s) == []


def test_a_decision_of_another_session_does_not_count():
    s = prefilled()
    elsewhere = Decision(SID, "x-other", "Keep AB-12 open", "Why", case_ref="AB-12",
                         decided_at=STAMP)
    assert discussed_items(s, [elsewhere]) == []


def test_a_case_listed_and_not_reached_stays_due():
    s = prefilled()
    set_current(s, "i-1", STAMP)
    s.finalise(STAMP + timedelta(hours=1))
    cases = [Case("AB-12", RiskLevel.HIGH, opened_at=STAMP - timedelta(days=30)),
             Case("CD-34", RiskLevel.HIGH, opened_at=STAMP - timedelta(days=30))]
    by_ref = {c.case.ref: c for c in case_coverage(cases, [s], [])}
    assert (by_ref["AB-12"].times_discussed, by_ref["AB-12"].due) == (1, False)
    assert (by_ref["CD-34"].times_discussed, by_ref["CD-34"].due) == (0, True)


def test_the_record_lists_what_was_discussed_and_what_was_not_reached():
    s = prefilled()
    set_current(s, "i-1", STAMP)
    d = Decision(SID, s.id, "Keep contact supervised", "Mother not yet engaged",
                 case_ref="AB-12", decided_at=STAMP)
    s.finalise(STAMP + timedelta(hours=1))
    text = session_markdown(s, {SID: "Sam Okafor"}, [d], [])
    assert "## Cases discussed\n\n### Case AB-12\n\n- Discussed: Case AB-12: due" in text
    assert "### Case CD-34" not in text
    assert "## Cases on the agenda, not reached\n\n- Case CD-34\n- Case EF-56\n" in text
    assert "- [ ] Case CD-34: due (CD-34): not reached" in text
    assert "- [ ] Rota pressure: not reached" in text
    assert "- [ ] Case AB-12: due (AB-12)\n" in text
