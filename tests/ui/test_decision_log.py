from supervisor_tui.domain.decisions import Decision
from supervisor_tui.ui.widgets.decision_log import threaded
from tests import history_data as h


def test_amendments_follow_their_original_at_any_depth():
    first = Decision("s", "x", "Weekly visits", "Concerns", decided_at=h.at(8, 1), id="d-1")
    other = Decision("s", "x", "Refer to CAMHS", "Low mood", decided_at=h.at(9, 1), id="d-2")
    fix = Decision("s", "x", "Fortnightly visits", "Better", decided_at=h.at(10, 1),
                   amends="d-1", id="d-3")
    fix2 = Decision("s", "x", "Monthly visits", "Stable", decided_at=h.at(11, 1),
                    amends="d-3", id="d-4")
    orphan = Decision("s", "x", "Amends a lost one", "r", decided_at=h.at(7, 1),
                      amends="d-gone", id="d-5")
    assert [(d.id, depth) for d, depth in threaded([first, other, fix, fix2, orphan])] == [
        ("d-2", 0), ("d-1", 0), ("d-3", 1), ("d-4", 2), ("d-5", 0)]
