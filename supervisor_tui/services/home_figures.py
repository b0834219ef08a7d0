"""Each person's schedule figures on home (next due date, when supervision was due by), kept
between starts.

Running everyone's recurrence rules was half of what home's first rows cost, and it grew with
the number of people. Figures worked out at one moment hold until the first moment that could
change them (`domain.figures_window`): the next date passing, a later agreement version coming
into force, a held session growing too old to be matched to a planned date. The days overdue
are counted at each start from the date supervision was due by (`domain.overdue`), so a new
day does not end them. They are kept sealed in the folder's `index/` with that window and the
copy of roster.json they were worked out from (its agreements and summaries are all they
depend on), so a later start uses them without running any rule, and works out again only the
people whose window has passed, or everyone if the roster has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import orjson

from supervisor_tui.domain.codec import decode_moment
from supervisor_tui.domain.overdue import DueBy
from supervisor_tui.domain.people import Agreement
from supervisor_tui.store.derived import read_roster_part, write_roster_part
from supervisor_tui.store.records import Records

ScheduleFigures = tuple[datetime | None, DueBy | None, DueBy | None]
"""The next planned date; when supervision was due by; when a group session was due by."""

FIGURES = "figures"
LONGEST_HELD = timedelta(days=731)
"""Longer than any window figures are kept for (they end by the next planned date)."""
FORMAT = 2
"""Bumped when what the figures mean or how they are worked out changes."""


@dataclass
class Figures:
    """One person's figures as worked out at `since`, holding until just before `until`."""

    due: datetime | None
    by: DueBy | None
    group_by: DueBy | None
    since: datetime
    until: datetime

    def hold_at(self, now: datetime) -> bool:
        return self.since <= now < self.until

    def dump(self) -> list[object]:
        return [None if self.due is None else self.due.isoformat(), _dump_by(self.by),
                _dump_by(self.group_by), self.since.isoformat(), self.until.isoformat()]

    @classmethod
    def load(cls, item: object) -> Figures:
        """From `dump`'s list; ValueError or TypeError if it is not one (read with a plain
        parse, not the codec's record decoder: this is on the way to home's first frame)."""
        if not isinstance(item, list) or len(item) != 5:
            raise ValueError("not kept figures")
        due, by, group_by, since, until = item
        found = cls(None if due is None else decode_moment(due), _load_by(by), _load_by(group_by),
                    decode_moment(since), decode_moment(until))
        if not found.since < found.until <= min(found.since + LONGEST_HELD,
                                                found.due or found.until):
            raise ValueError("not a window figures are kept for")  # damaged or edited
        return found


def _dump_by(by: DueBy | None) -> list[str] | None:
    return None if by is None else [by.day.isoformat(), by.zone]


def _load_by(item: object) -> DueBy | None:
    if item is None:
        return None
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], str)):
        raise ValueError("not a due date")
    try:
        ZoneInfo(item[1])  # one that no longer reads is worked out again
    except (KeyError, ValueError, OSError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError("not a zone") from exc
    return DueBy(date.fromisoformat(item[0]), item[1])


class KeptFigures:
    """The figures kept from an earlier start, used where they still hold; those worked out
    now are kept in their place (`keep`, once every row has been filled)."""

    def __init__(self, records: Records, now: datetime) -> None:
        self.records, self.now = records, now
        self.mark = records.roster_mark()
        self.found = self._read()
        self.used: dict[str, Figures] = {}
        self.changed = False

    def _read(self) -> dict[str, Figures]:
        blob = (read_roster_part(self.records.folder, self.mark, FIGURES)
                if self.mark is not None else None)
        if blob is None:
            return {}
        try:
            doc = orjson.loads(blob)
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                return {}
            return {str(pid): Figures.load(item) for pid, item in doc["rows"].items()}
        except (ValueError, KeyError, AttributeError, TypeError):  # JSONDecodeError is one
            return {}  # damaged or of another shape: worked out again

    def figures(self, pid: str, agreements: list[Agreement], held_times: list[datetime],
                work_out: Callable[[datetime], ScheduleFigures]) -> ScheduleFigures:
        """This person's figures now: the kept ones if they hold, else `work_out(now)`."""
        now = self.now
        kept = self.found.get(pid)
        if kept is not None and kept.hold_at(now):
            self.used[pid] = kept
            return kept.due, kept.by, kept.group_by
        from supervisor_tui.domain.figures_window import figures_hold_until  # see HomeRow

        due, by, group_by = work_out(now)
        until = figures_hold_until(agreements, held_times, now, due)
        if until is not None:
            self.used[pid] = Figures(due, by, group_by, now, until)
            self.changed = True
        return due, by, group_by

    def keep(self) -> None:
        """Keep the figures of the rows filled, under the roster copy as it is now (a summary
        worked out again while filling them rewrote it), if anything changed: figures newly
        worked out, kept ones gone, or another roster copy."""
        mark = self.records.roster_mark()
        if mark is None or (not self.changed and mark == self.mark
                            and self.used.keys() == self.found.keys()):
            return
        doc = {"format": FORMAT, "rows": {pid: f.dump() for pid, f in self.used.items()}}
        write_roster_part(self.records.folder, mark, orjson.dumps(doc), FIGURES)
