"""Closing quality questions asked at the end of every session.

Stable ids are stored in ``Session.checklist``; the wording may be improved later without
touching stored records.
"""

from __future__ import annotations

QUALITY_QUESTIONS: dict[str, str] = {
    "time_protected": "Was the time protected from interruptions and cancellation?",
    "left_better": "Is the supervisee leaving better equipped, not worse?",
    "positive_feedback": "Was positive feedback given, with a concrete example?",
    "development": "Did we talk about their learning and development?",
    "outcomes_focus": "Did we keep the focus on outcomes for the people served?",
    "workload_agreed": "Is the work agreed purposeful and manageable in amount?",
    "wellbeing": "Did we attend to wellbeing and the emotional impact of the work?",
    "disagreements_recorded": "Are disagreements recorded, with both views and the next step?",
}
