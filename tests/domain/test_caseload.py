"""The caseload's rules: references that look like names are refused, and every change to a
case (risk raised or lowered, reviewed, closed, reopened) is kept with its date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.caseload import (
    change_case,
    check_new_ref,
    close_case,
    looks_like_a_name,
    open_case,
    reopen_case,
)
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import ValidationError
from tests.support import NOW


@pytest.mark.parametrize("ref", ["Smith", "JohnSmith", "john.smith", "J.Smith", "Mary-Jones",
                                 "john smith", "Ahmed"])
def test_a_name_is_refused_with_a_message_saying_so(ref):
    with pytest.raises(ValidationError, match="looks like a name"):
        check_new_ref(ref, [])


@pytest.mark.parametrize("ref", ["KD", "C-0902", "RB", "K.D.", "2024/117", "ABC", "cp-12"])
def test_initials_and_case_numbers_are_taken(ref):
    assert check_new_ref(ref, []) == ref


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12))
def test_any_lower_case_word_reads_as_a_name(word):
    assert looks_like_a_name(word) and looks_like_a_name(word.capitalize())


@given(st.text(max_size=40))
def test_any_text_is_taken_or_refused_with_a_message(text):
    try:
        ref = check_new_ref(text, [])
    except ValidationError as exc:
        assert str(exc)
    else:
        assert ref == text.strip() and " " not in ref and not looks_like_a_name(ref)


def test_a_reference_already_on_the_caseload_is_refused():
    case = open_case("KD", RiskLevel.LOW, NOW)
    with pytest.raises(ValidationError, match="already on this caseload"):
        check_new_ref("kd", [case])


def test_each_change_is_dated_and_kept():
    case = open_case("KD", RiskLevel.LOW, NOW, label="kinship")
    later = NOW + timedelta(days=30)
    changed = change_case(case, later, risk=RiskLevel.HIGH, label="kinship",
                          allocated=None, reviewed=date(2026, 12, 20))
    assert changed == ["risk raised from low to high", "risk reviewed 2026-12-20"]
    close_case(case, later + timedelta(days=1), "transferred")
    reopen_case(case, later + timedelta(days=2))
    assert [(c.what, c.at) for c in case.changes] == [
        ("added at low risk", NOW),
        ("risk raised from low to high", later),
        ("risk reviewed 2026-12-20", later),
        ("closed: transferred", later + timedelta(days=1)),
        ("reopened", later + timedelta(days=2)),
    ]
    assert case.active and case.closed_at is None


def test_an_edit_that_changes_nothing_records_nothing():
    case = open_case("KD", RiskLevel.MEDIUM, NOW)
    assert change_case(case, NOW, risk=RiskLevel.MEDIUM, label="", allocated=None,
                       reviewed=case.risk_reviewed) == []
    assert len(case.changes) == 1
    with pytest.raises(ValidationError):
        reopen_case(case, NOW)
