"""The closing quality questions: stable ids, the project's own wording, short enough to read."""

from __future__ import annotations

import re

from supervisor_tui.domain.quality import QUALITY_QUESTIONS


def test_six_to_eight_questions_with_stable_ids() -> None:
    assert 6 <= len(QUALITY_QUESTIONS) <= 8
    assert list(QUALITY_QUESTIONS) == [
        "time_protected", "left_better", "positive_feedback", "development",
        "outcomes_focus", "workload_agreed", "wellbeing", "disagreements_recorded",
    ]
    assert all(re.fullmatch(r"[a-z_]+", qid) for qid in QUALITY_QUESTIONS)


def test_each_is_a_question_that_fits_one_line_of_the_closing_form() -> None:
    for text in QUALITY_QUESTIONS.values():
        assert text.endswith("?")
        assert len(text) <= 66, text
    assert len(set(QUALITY_QUESTIONS.values())) == len(QUALITY_QUESTIONS)
