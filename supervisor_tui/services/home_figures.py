"""Each person's schedule figures on home (next due date, days overdue), kept between starts.

Running everyone's recurrence rules was half of what home's first rows cost, and it grew with
the number of people. Figures worked out at one moment hold until the first moment that could
change them (`domain.figures_window`); they are kept sealed in the folder's `index/` with that
window and the copy of roster.json they were worked out from (its agreements and summaries are
all they depend on), so a later start uses them without running any rule, and works out again
only the people whose window has passed, or everyone if the roster has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import orjson

from supervisor_tui.domain.people import Agreement
from supervisor_tui.store.derived import read_roster_part, write_roster_part
from supervisor_tui.store.records import Records

Triple = tuple[datetime | None, int, int]
"""The next planned date, days past the agreed interval, days past the group rhythm."""

FIGURES = "figures"
FORMAT = 1
"""Bumped when what the figures mean or how they are worked out changes."""


@dataclass
class Figures:
    """One person's figures as worked out at `since`, holding until just before `until`."""

    due: datetime | None
    late: int
    group_late: int
    since: datetime
    until: datetime

    def hold_at(self, now: datetime) -> bool:
        return self.since <= now < self.until

    def dump(self) -> list[object]:
        return [None if self.due is None else self.due.isoformat(), self.late, self.group_late,
                self.since.isoformat(), self.until.isoformat()]

    @classmethod
    def load(cls, item: object) -> Figures:
        """From `dump`'s list; ValueError if it is not one (read with a plain parse: this
        is on the way to home's first frame, for everyone)."""
        if not isinstance(item, list) or len(item) != 5:
            raise ValueError("not kept figures")
        due, late, group_late, since, until = item
        if not (isinstance(late, int) and isinstance(group_late, int)):
            raise ValueError("not kept figures")
        return cls(None if due is None else _moment(due), late, group_late, _moment(since),
                   _moment(until))


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("not a moment")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a moment without its zone")
    return moment


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
                work_out: Callable[[datetime], Triple]) -> Triple:
        """This person's figures now: the kept ones if they hold, else `work_out(now)`."""
        now = self.now
        kept = self.found.get(pid)
        if kept is not None and kept.hold_at(now):
            self.used[pid] = kept
            return kept.due, kept.late, kept.group_late
        from supervisor_tui.domain.figures_window import figures_hold_until  # see HomeRow

        due, late, group_late = work_out(now)
        until = figures_hold_until(agreements, held_times, now, due)
        if until is not None:
            self.used[pid] = Figures(due, late, group_late, now, until)
        self.changed = True
        return due, late, group_late

    def keep(self) -> None:
        """Keep the figures of the rows filled, under the roster copy as it is now (a summary
        worked out again while filling them rewrote it), if anything changed."""
        mark = self.records.roster_mark()
        if mark is None or (not self.changed and mark == self.mark
                            and self.used.keys() == self.found.keys()):
            return
        doc = {"format": FORMAT, "rows": {pid: f.dump() for pid, f in self.used.items()}}
        write_roster_part(self.records.folder, mark, orjson.dumps(doc), FIGURES)
