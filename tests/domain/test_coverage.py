from supervisor_tui.domain.coverage import case_coverage, cases_due
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Case
from tests import history_data as h
from tests.support import STAMP


def alex_sessions():
    return [s for s in h.sessions() if h.ALEX in s.supervisee_ids]


def test_coverage_of_the_fixed_history():
    found = {c.case.ref: c for c in case_coverage(h.cases()[h.ALEX], alex_sessions(),
                                                  h.decisions())}
    jb, km, lp = found["JB-1042"], found["KM-7"], found["LP-33"]
    # JB-1042: agenda in S1 and S2, a decision in S4; held sessions are S1 S2 S4 S5.
    assert (jb.times_discussed, jb.sessions_since, jb.due) == (3, 1, False)
    assert jb.last_discussed == h.at(10, 26)
    assert (km.times_discussed, km.sessions_since, km.due) == (2, 1, True)  # high: after 1
    assert (lp.times_discussed, lp.sessions_since, lp.due) == (0, 4, True)
    assert lp.last_discussed is None


def test_due_cases_come_higher_risk_first():
    due = cases_due(h.cases()[h.ALEX], alex_sessions(), h.decisions())
    assert [c.case.ref for c in due] == ["KM-7", "LP-33"]


def test_inactive_cases_are_left_out_and_refs_match_case_insensitively():
    cases = [Case("jb-1042", RiskLevel.HIGH, opened_at=STAMP), Case("OLD-1", active=False,
                                                                    opened_at=STAMP)]
    found = case_coverage(cases, alex_sessions(), h.decisions())
    assert [(c.case.ref, c.times_discussed) for c in found] == [("jb-1042", 3)]
