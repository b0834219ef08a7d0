"""Skip-ahead for recurrence rules: answer "which dates near X" without walking from the start.

dateutil walks a rule period by period from its start, so asking about next month under an
agreement made ten years ago walks ten years of dates. A rule's periods (days, weeks, months or
years, every INTERVAL of them) each give their dates independently of the others, apart from the
parts dateutil takes from the start when the rule leaves them out: the weekday (WEEKLY), the day of
the month (MONTHLY), month and day (YEARLY) and the time of day. So the same rule with those parts
written out, started at the first moment of a later period on the same grid, gives exactly the
original dates from there on. COUNT needs the walk from the start, so such rules are never shifted;
nor are rules with parts outside the grammar this module knows.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.rrule import rrule, rruleset, rrulestr

_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
#: Rule parts whose effect is the same in every period (COUNT is not: it counts from the start).
_SHIFTABLE = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "UNTIL", "WKST"}
#: Periods skipped at a time, about half a year, so that nearby questions share one shifted rule.
_BLOCK_DAYS = {"DAILY": 183, "WEEKLY": 26 * 7, "MONTHLY": 183, "YEARLY": 1}


def _parts(text: str) -> dict[str, str]:
    return dict(chunk.split("=", 1) for chunk in text.split(";") if chunk)


def _period_index(freq: str, wkst: int, start: date, day: date) -> int:
    """How many periods of `freq` lie between the one holding `start` and the one holding `day`."""
    if freq == "DAILY":
        return (day - start).days
    if freq == "WEEKLY":
        return (_week_start(day, wkst) - _week_start(start, wkst)).days // 7
    if freq == "MONTHLY":
        return (day.year - start.year) * 12 + day.month - start.month
    return day.year - start.year


def _week_start(day: date, wkst: int) -> date:
    return day - timedelta(days=(day.weekday() - wkst) % 7)


def _period_first_day(freq: str, wkst: int, start: date, periods: int) -> date:
    """The first day of the period `periods` periods after the one holding `start`."""
    if freq == "DAILY":
        return start + timedelta(days=periods)
    if freq == "WEEKLY":
        return _week_start(start, wkst) + timedelta(weeks=periods)
    if freq == "MONTHLY":
        year, month = divmod(start.year * 12 + start.month - 1 + periods, 12)
        return date(year, month + 1, 1)
    return date(start.year + periods, 1, 1)


def pinned_text(text: str, local_start: datetime) -> str:
    """The rule with the parts dateutil would take from `local_start` written out (same
    conditions as dateutil's: only when no BYDAY/BYMONTHDAY is given), and the time of day."""
    parts = _parts(text)
    freq = parts["FREQ"]
    if "BYDAY" not in parts and "BYMONTHDAY" not in parts:
        if freq == "WEEKLY":
            parts["BYDAY"] = _CODES[local_start.weekday()]
        elif freq == "MONTHLY":
            parts["BYMONTHDAY"] = str(local_start.day)
        elif freq == "YEARLY":
            parts.setdefault("BYMONTH", str(local_start.month))
            parts["BYMONTHDAY"] = str(local_start.day)
    parts["BYHOUR"] = str(local_start.hour)
    parts["BYMINUTE"] = str(local_start.minute)
    parts["BYSECOND"] = str(local_start.second)
    return ";".join(f"{k}={v}" for k, v in parts.items())


def skip_periods(text: str, local_start: datetime, moment: datetime) -> int:
    """Whole periods (a multiple of INTERVAL, rounded down to a block) that can be skipped when
    asking about dates from `moment` on; 0 when the rule must be walked from its start."""
    parts = _parts(text)
    freq = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL", "1"))
    if not set(parts) <= _SHIFTABLE or freq not in _BLOCK_DAYS or interval < 1 \
            or moment <= local_start:
        return 0
    steps = _period_index(freq, _wkst(parts), local_start.date(), moment.date()) // interval
    period_days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30, "YEARLY": 365}[freq] * interval
    block = max(1, _BLOCK_DAYS[freq] // period_days)
    return (steps // block) * block * interval


def _wkst(parts: dict[str, str]) -> int:
    return _CODES.index(parts["WKST"]) if "WKST" in parts else calendar.firstweekday()


def period_start(text: str, local_start: datetime, periods: int) -> datetime:
    """Midnight on the first day of the period `periods` periods after the one holding the
    start: where the shifted rule starts (nothing of the rule lies in a period before it)."""
    parts = _parts(text)
    first = _period_first_day(parts["FREQ"], _wkst(parts), local_start.date(), periods)
    return datetime.combine(first, time())


@lru_cache(maxsize=1024)
def shifted_rule(text: str, local_start: datetime, periods: int) -> rrule | rruleset:
    """The rule `text` with its start's parts pinned, started `periods` periods (a multiple of
    INTERVAL) after `local_start`'s: the original's dates from `period_start(...)` on."""
    return rrulestr(pinned_text(text, local_start),
                    dtstart=period_start(text, local_start, periods), cache=True)


def rule_from(text: str, local_start: datetime, moment: datetime,
              original: Callable[[], rrule | rruleset]) -> rrule | rruleset:
    """A dateutil rule giving the same dates as `original()` (the rule `text` from the naive
    `local_start`) at and after the naive `moment`; `original()` itself when nothing can be
    skipped (made only then: a question about recent dates under an old agreement never
    parses the rule from its start)."""
    periods = skip_periods(text, local_start, moment)
    if periods <= 0:
        return original()
    try:
        return shifted_rule(text, local_start.replace(microsecond=0), periods)
    except (ValueError, OverflowError):  # past the calendar's end: let the plain walk answer
        return original()
