"""The small display helpers: a wellbeing series as bars, whatever a file holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.ui.format import SPARK, sparkline


def one_by_one(values: list[int], low: int = 1, high: int = 5) -> str:
    span = max(high - low, 1)
    return "".join(SPARK[round((min(max(v, low), high) - low) / span * (len(SPARK) - 1))]
                   for v in values)


def test_the_scale_runs_from_the_lowest_bar_to_the_highest() -> None:
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▅▆█"
    assert sparkline([]) == ""


@given(st.lists(st.integers(-10**30, 10**30) | st.integers(-3, 9), max_size=40))
def test_any_stored_values_give_one_bar_each_clamped_to_the_scale(values) -> None:
    drawn = sparkline(values)
    assert drawn == one_by_one(values)
    assert len(drawn) == len(values)
