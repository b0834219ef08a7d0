"""The running log's tree, extended by the decision just added, is the tree worked out whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.ui.decision_lines import amendment_tree, newest_first_tree

START = datetime(2030, 1, 1, 9, tzinfo=UTC)


@st.composite
def logs(draw: st.DrawFn) -> list[Decision]:
    """Decisions in log order; some amend an earlier one (or one not in the log, or
    themselves); times may repeat or go back, as a hand-set clock can make them."""
    made: list[Decision] = []
    for n in range(draw(st.integers(1, 12))):
        amends = draw(st.sampled_from([None, None, "d-gone", f"d-{n}",
                                       *(d.id for d in made)]))
        when = START + timedelta(minutes=draw(st.integers(0, 6)))
        made.append(Decision("s", "x", f"Decision {n}", "Because", decided_at=when,
                             amends=amends, id=f"d-{n}"))
    return made


@given(logs())
def test_the_tree_one_decision_on_is_the_tree_worked_out_whole(decisions):
    before = amendment_tree(decisions[:-1], newest_first=True)
    whole = amendment_tree(decisions, newest_first=True)
    assert newest_first_tree(decisions, before) == whole
    assert newest_first_tree(decisions) == whole


def test_an_original_decided_last_goes_on_top_without_the_whole_tree_again(monkeypatch):
    decisions = [Decision("s", "x", f"D{n}", "Because", decided_at=START + timedelta(days=n),
                          id=f"d-{n}") for n in range(3)]
    before = amendment_tree(decisions[:-1], newest_first=True)
    from supervisor_tui.ui import decision_lines

    def not_again(*args, **kwargs):
        raise AssertionError("worked out whole")

    monkeypatch.setattr(decision_lines, "amendment_tree", not_again)
    assert [d.id for d, _ in newest_first_tree(decisions, before)] == ["d-2", "d-1", "d-0"]
