"""Free-text dates and times ("next fri", "in 2 weeks", "14 dec 14:00"), parsed strictly.

The result is always shown back to the user before it is saved: nothing is silently guessed. Text
that is not clearly a date is refused with a message, never read fuzzily (dateutil's fuzzy parse can
turn "session 3 moved to 12/01" into 2001-03-12).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from dateutil.parser import ParserError
from dateutil.parser import parse as du_parse
from dateutil.relativedelta import relativedelta

from supervisor_tui.domain.people import ValidationError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_TIME = r"(?:\s+(?:at\s+)?(?P<time>\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}))?"
_RELATIVE = re.compile(r"^(?P<day>today|tomorrow|yesterday)" + _TIME + "$")
_IN = re.compile(r"^in\s+(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>day|week|month|year)s?" + _TIME + "$")
_WEEKDAY = re.compile(r"^(?:(?P<which>next|this|on)\s+)?(?P<wd>[a-z]{3,9})" + _TIME + "$")
_NEXT_UNIT = re.compile(r"^next\s+(?P<unit>week|month)" + _TIME + "$")

HELP = ('Try "tomorrow", "next fri", "in 2 weeks", "14 dec", "2026-12-14" '
        'or "next tue 14:00".')


def _weekday(word: str) -> int | None:
    matches = [n for n, name in enumerate(WEEKDAYS) if name.startswith(word)]
    return matches[0] if len(word) >= 3 and len(matches) == 1 else None


def _parse_time(text: str | None) -> time | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", text.strip())
    if not m:
        raise ValidationError(f'"{text}" is not a time. {HELP}')
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValidationError(f'"{text}" is not a time.')
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(f'"{text}" is not a time.')
    return time(hour, minute)


def parse_time_of_day(text: str) -> time:
    """A time typed on its own: "10:00", "9", "2pm"."""
    try:
        parsed = _parse_time(text)
    except ValidationError:
        parsed = None
    if parsed is None:
        raise ValidationError(f'"{text.strip()}" is not a time such as 10:00.')
    return parsed


def _relative(text: str, today: date) -> tuple[date, time | None] | None:
    if m := _RELATIVE.match(text):
        offset = {"today": 0, "tomorrow": 1, "yesterday": -1}[m["day"]]
        return today + timedelta(days=offset), _parse_time(m["time"])
    if m := _IN.match(text):
        raw = m["n"]
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
        if n is None:
            return None
        step = {"day": relativedelta(days=n), "week": relativedelta(weeks=n),
                "month": relativedelta(months=n), "year": relativedelta(years=n)}[m["unit"]]
        return today + step, _parse_time(m["time"])
    if m := _NEXT_UNIT.match(text):
        step = relativedelta(weeks=1) if m["unit"] == "week" else relativedelta(months=1)
        return today + step, _parse_time(m["time"])
    if m := _WEEKDAY.match(text):
        wd = _weekday(m["wd"])
        if wd is None:
            return None
        ahead = (wd - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead), _parse_time(m["time"])
    return None


def _explicit(text: str, today: date, prefer_future: bool) -> tuple[date, time | None]:
    default = datetime(today.year, today.month, today.day)
    try:
        # Year first ("2026-12-05") is ISO order, year-month-day; otherwise day before month.
        iso = bool(re.match(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b", text))
        parsed = du_parse(text, dayfirst=not iso, yearfirst=iso, default=default)
    except (ParserError, ValueError, OverflowError):
        raise ValidationError(f'"{text}" is not a date I can read. {HELP}') from None
    has_year = bool(re.search(r"\d{4}", text))
    day = parsed.date()
    if prefer_future and not has_year and day < today:
        day = day + relativedelta(years=1)
    has_time = bool(re.search(r"\d:\d{2}|\d\s*(am|pm)\b", text))
    return day, parsed.time() if has_time else None


def _split(text: str, today: date, prefer_future: bool) -> tuple[date, time | None]:
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise ValidationError(f"Enter a date. {HELP}")
    if len(cleaned) > 60:
        raise ValidationError(f"That is too long for a date. {HELP}")
    found = _relative(cleaned, today)
    return found if found is not None else _explicit(cleaned, today, prefer_future)


def parse_day(text: str, today: date, prefer_future: bool = True) -> date:
    """A calendar day from free text, relative to `today`."""
    day, _ = _split(text, today, prefer_future)
    return day


def parse_moment(text: str, now: datetime, default_time: time = time(10, 0),
                 prefer_future: bool = True) -> datetime:
    """An aware date and time from free text in `now`'s zone (no time given: `default_time`)."""
    day, at = _split(text, now.date(), prefer_future)
    return datetime.combine(day, at or default_time, tzinfo=now.tzinfo)


def describe_day(day: date, today: date) -> str:
    """How a parsed day is shown back for confirmation: 'Fri 27 Nov 2026 (in 4 days)'."""
    delta = (day - today).days
    if delta == 0:
        rel = "today"
    elif delta == 1:
        rel = "tomorrow"
    elif delta == -1:
        rel = "yesterday"
    elif delta > 0:
        rel = f"in {delta} days"
    else:
        rel = f"{-delta} days ago"
    return f"{day.strftime('%a %d %b %Y')} ({rel})"


def describe_moment(moment: datetime, now: datetime) -> str:
    return f"{describe_day(moment.date(), now.date())} at {moment.strftime('%H:%M')}"
