"""How long one person's schedule figures hold once worked out: the next planned date
(`scheduling.next_planned`) and the days past the agreed interval (`regularity`).

Worked out at `now`, they can only change when one of their inputs that depends on the moment
does: a new day begins (in the clock's zone or an agreement's: "today" filters the cancelled and
moved dates, and the overdue count is in days), a later agreement version comes into force, a
held session grows too old to be matched to a planned date, or the next date itself passes.
Until the first of those, the figures are the same at any later moment, so they can be kept
between starts instead of running the recurrence rules again for everyone.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from supervisor_tui.domain.people import Agreement
from supervisor_tui.domain.scheduling import MATCH_WINDOW, agreement_start, agreement_zone

HELD_MATCHED_FOR = 2 * MATCH_WINDOW
"""How long after it a held session still counts in `next_planned` (its `recent` filter)."""


def next_midnight(now: datetime, zone: tzinfo) -> datetime:
    """The start of the day after `now`'s in `zone` (aware)."""
    day = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(day, time(), tzinfo=zone)


def figures_hold_until(agreements: list[Agreement], held_times: list[datetime],
                       now: datetime, due: datetime | None) -> datetime | None:
    """The first moment after `now` at which figures worked out at `now` might differ, or None
    when they should not be kept at all (no next date: a rule that runs out, or none)."""
    if due is None or not agreements or now.tzinfo is None or due <= now:
        return None
    ends = [due]
    zones: list[tzinfo] = [now.tzinfo, *(agreement_zone(a) for a in agreements)]
    ends += [next_midnight(now, zone) for zone in zones]
    ends += [start for start in (agreement_start(a) for a in agreements) if start > now]
    ends += [held + HELD_MATCHED_FOR for held in held_times if held + HELD_MATCHED_FOR > now]
    return min(ends)
