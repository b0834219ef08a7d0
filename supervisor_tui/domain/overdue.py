"""Days past the agreed interval, counted from the date supervision was due by.

That date depends on the agreement versions and the last session held (see `regularity`);
counting the days past it needs only the date, the zone whose calendar counts them (the
agreement's) and the moment. Home keeps the first two between starts and counts at each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DueBy:
    """The date supervision was due by, and the name of the zone its days are counted in."""

    day: date
    zone: str

    def days_past(self, now: datetime) -> int:
        """Whole days past `day` on the zone's calendar at `now` (0 on or before it)."""
        return max(0, (now.astimezone(ZoneInfo(self.zone)).date() - self.day).days)
