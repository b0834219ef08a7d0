"""How long one person's schedule figures hold once worked out: the next planned date
(`scheduling.next_planned`) and the dates supervision and group sessions were due by
(`regularity.overdue_by`, `group_overdue_by`; the days past them are counted at each reading).

Worked out at `now`, they can only change when one of their inputs that depends on the moment
does: a later agreement version comes into force, a held session grows too old to be matched
to a planned date, or the next date itself passes. (A new day does not change them: the
cancelled, moved and extra dates are counted from the moment, not the day.) Until the first of
those moments, the figures are the same at any later moment, so they can be kept between
starts instead of running the recurrence rules again for everyone.

One more: `next_planned` looks for a rule date no further than `SEARCH_LIMIT` ahead, and that
horizon moves on with the moment. A next date within it less a day (the margin covers clock
changes in wall-clock arithmetic) comes before any date the horizon reaches later, so it
stands; a later one is not kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from supervisor_tui.domain.people import Agreement
from supervisor_tui.domain.scheduling import MATCH_WINDOW, SEARCH_LIMIT, agreement_start

HELD_MATCHED_FOR = 2 * MATCH_WINDOW
"""How long after it a held session still counts in `next_planned` (its `recent` filter)."""


def figures_hold_until(agreements: list[Agreement], held_times: list[datetime],
                       now: datetime, due: datetime | None) -> datetime | None:
    """The first moment after `now` at which figures worked out at `now` might differ, or None
    when they should not be kept at all (no next date: a rule that runs out, or none)."""
    if due is None or not agreements or now.tzinfo is None or due <= now:
        return None
    if due > now + SEARCH_LIMIT - timedelta(days=1):
        return None  # a date the moving horizon could bring in might come before it
    ends = [due]
    ends += [start for start in (agreement_start(a) for a in agreements) if start > now]
    ends += [held + HELD_MATCHED_FOR for held in held_times if held + HELD_MATCHED_FOR > now]
    return min(ends)
