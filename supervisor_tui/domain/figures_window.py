"""How long one person's schedule figures hold once worked out: the next planned date
(`scheduling.next_planned`) and the dates supervision and group sessions were due by
(`regularity.overdue_by`, `group_overdue_by`; the days past them are counted at each reading).

Worked out at `now`, they can only change when one of their inputs that depends on the moment
does: a later agreement version comes into force, a held session grows too old to be matched
to a planned date, or the next date itself passes. (A new day does not change them: the
cancelled, moved and extra dates it stops counting are all before `now`.) Until the first of
those moments, the figures are the same at any later moment, so they can be kept between
starts instead of running the recurrence rules again for everyone.

One more: `next_planned` looks for the rule's dates three months at a time and stops at a
stretch with none, so when the rule gives no date in the three months from `now` its answer
changes as that stretch moves on. Such figures (a rule with dates further apart, or an
agreement starting later) are not kept.
"""

from __future__ import annotations

from datetime import datetime

from supervisor_tui.domain.people import Agreement
from supervisor_tui.domain.scheduling import (
    MATCH_WINDOW,
    SEARCH_SPAN,
    agreement_start,
    planned_occurrences,
)

HELD_MATCHED_FOR = 2 * MATCH_WINDOW
"""How long after it a held session still counts in `next_planned` (its `recent` filter)."""


def figures_hold_until(agreements: list[Agreement], held_times: list[datetime],
                       now: datetime, due: datetime | None) -> datetime | None:
    """The first moment after `now` at which figures worked out at `now` might differ, or None
    when they should not be kept at all (no next date: a rule that runs out, or none)."""
    if due is None or not agreements or now.tzinfo is None or due <= now:
        return None
    if not planned_occurrences(agreements, now, now + SEARCH_SPAN):
        return None  # the answer depends on where the first search ends
    ends = [due]
    ends += [start for start in (agreement_start(a) for a in agreements) if start > now]
    ends += [held + HELD_MATCHED_FOR for held in held_times if held + HELD_MATCHED_FOR > now]
    return min(ends)
