"""Closing quality questions asked at the end of every session.

Stable ids are stored in ``Session.checklist``; the wording may be improved later without
touching stored records.
"""

from __future__ import annotations

QUALITY_QUESTIONS: dict[str, str] = {
    "time_protected": "Was the agreed time protected, free of interruptions and cancellations?",
    "left_better": "Is the supervisee leaving better equipped, not worse, than they arrived?",
    "positive_feedback": "Was positive feedback given, with a concrete example of good work?",
    "development": "Did we talk about the supervisee's learning and development?",
    "outcomes_focus": "Did we keep the focus on outcomes for the people the service supports?",
    "workload_agreed": "Did we agree an amount of work that is purposeful and manageable?",
    "wellbeing": "Did we attend to their wellbeing and the emotional impact of the work?",
    "disagreements_recorded": "Are disagreements recorded, with both views and the next step?",
}
