"""Recurrence rules (RFC 5545 RRULE) for supervision agreements: checking, presets, wording, dates.

A rule is evaluated on naive *local* wall-clock times and the agreement's zone is attached to each
occurrence afterwards, so a session agreed for 10:00 stays at 10:00 when the clocks change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rruleset, rrulestr

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.recurrence_skip import rule_from

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
             -2: "second to last"}
_FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}

#: Frequency presets offered by the agreement editor: key -> (label, rule template).
#: `{wd}` is the weekday code of the agreement's start.
PRESETS: dict[str, tuple[str, str]] = {
    "weekly": ("Every week", "FREQ=WEEKLY;BYDAY={wd}"),
    "fortnightly": ("Every 2 weeks", "FREQ=WEEKLY;INTERVAL=2;BYDAY={wd}"),
    "4-weekly": ("Every 4 weeks", "FREQ=WEEKLY;INTERVAL=4;BYDAY={wd}"),
    "6-weekly": ("Every 6 weeks", "FREQ=WEEKLY;INTERVAL=6;BYDAY={wd}"),
    "monthly-first": ("Monthly, first weekday", "FREQ=MONTHLY;BYDAY=1{wd}"),
    "monthly-last": ("Monthly, last weekday", "FREQ=MONTHLY;BYDAY=-1{wd}"),
    "monthly-last-day": ("Monthly, last day", "FREQ=MONTHLY;BYMONTHDAY=-1"),
}
CUSTOM = "custom"


def preset_rule(key: str, weekday: int) -> str:
    return PRESETS[key][1].format(wd=WEEKDAY_CODES[weekday])


def match_preset(rule: str) -> tuple[str, int | None]:
    """The preset a rule was made from and its weekday, or (CUSTOM, None)."""
    for key in PRESETS:
        for wd in range(7):
            if preset_rule(key, wd) == rule:
                return key, (None if "{wd}" not in PRESETS[key][1] else wd)
    return CUSTOM, None


def rule_parts(rule: str) -> dict[str, str]:
    """`FREQ=WEEKLY;INTERVAL=4` as {'FREQ': 'WEEKLY', 'INTERVAL': '4'} (order kept)."""
    parts: dict[str, str] = {}
    for chunk in rule.split(";"):
        if not chunk.strip():
            continue
        name, sep, value = chunk.partition("=")
        if not sep or not value.strip():
            raise ValidationError(f'"{chunk}" is not NAME=VALUE in the recurrence rule.')
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder, not a zone
        raise ValidationError(
            f'Unknown time zone "{name}": use a name such as Europe/London.'
        ) from None


def normalise_rule(text: str) -> str:
    """A typed rule, tidied and checked: no DTSTART, FREQ present, COUNT and UNTIL not together."""
    rule = " ".join(text.split()).upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    if not rule:
        raise ValidationError("Enter a recurrence rule, e.g. FREQ=WEEKLY;INTERVAL=4;BYDAY=TU.")
    if "DTSTART" in rule or ":" in rule:
        raise ValidationError("Give the rule only (FREQ=...); the start date has its own field.")
    parts = rule_parts(rule)
    if parts.get("FREQ") not in _FREQS:
        raise ValidationError("The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(
            "A rule ends after a number of sessions (COUNT) or on a date (UNTIL), not both."
        )
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _local_rule_text(rule: str, zone: ZoneInfo) -> str:
    """UNTIL given in UTC (…Z) rewritten as local wall-clock time, to match a naive start."""
    parts = rule_parts(rule)
    until = parts.get("UNTIL")
    if until and until.endswith("Z"):
        try:
            moment = datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            raise ValidationError(f'UNTIL "{until}" is not a date such as 20270601.') from None
        parts["UNTIL"] = moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")
    return ";".join(f"{k}={v}" for k, v in parts.items())


@lru_cache(maxsize=512)
def _cached_rule(text: str, local_start: datetime) -> rrule | rruleset:
    # cache=True: dates already generated are kept, so repeated questions are not walked again.
    return rrulestr(text, dtstart=local_start, cache=True)


def build_rule(rule: str, local_start: datetime, zone: ZoneInfo) -> rrule | rruleset:
    """The dateutil rule for naive local wall-clock times from `local_start` (shared, cached)."""
    return _rule_near(rule, local_start, zone, None)


def _rule_near(rule: str, local_start: datetime, zone: ZoneInfo,
               moment: datetime | None) -> rrule | rruleset:
    """The rule, or when `moment` (naive local) is well past the start an equivalent one started
    shortly before it (recurrence_skip), so that no question walks years of dates."""
    try:
        text = _local_rule_text(rule, zone)
        start = local_start.replace(tzinfo=None)
        if moment is None:
            return _cached_rule(text, start)
        return rule_from(text, start, moment, lambda: _cached_rule(text, start))
    except ValidationError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(f"The recurrence rule is not valid: {exc}") from None


def check_rule(text: str, zone_name: str, local_start: datetime) -> str:
    """Validate a rule with its zone and start; returns the tidied rule. Raises ValidationError."""
    rule = normalise_rule(text)
    zone = zone_of(zone_name)
    built = build_rule(rule, local_start, zone)
    if built.after(local_start.replace(tzinfo=None), inc=True) is None:
        raise ValidationError("This rule gives no dates from the start date on.")
    return rule


def attach(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local time in `zone`; a time that does not exist (clocks going forward) moves on."""
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone)


def local_occurrences(rule: str, local_start: datetime, zone: ZoneInfo,
                      after: datetime, before: datetime) -> list[datetime]:
    """Aware occurrences with after <= start < before (bounds aware, any zone)."""
    lo = after.astimezone(zone).replace(tzinfo=None) - timedelta(hours=3)
    hi = before.astimezone(zone).replace(tzinfo=None) + timedelta(hours=3)
    found = _rule_near(rule, local_start, zone, lo).between(lo, hi, inc=True)
    out = [attach(d, zone) for d in found]
    return [d for d in out if after <= d < before]


def agreed_gap(rule: str) -> relativedelta:
    """The agreed interval between sessions, as a calendar step ('every 4 weeks', 'monthly')."""
    parts = rule_parts(rule)
    n = int(parts.get("INTERVAL", "1") or 1)
    freq = parts.get("FREQ", "WEEKLY")
    days_in_week = len([d for d in parts.get("BYDAY", "").split(",") if d])
    if freq == "DAILY":
        return relativedelta(days=n)
    if freq == "WEEKLY":
        if days_in_week > 1:
            return relativedelta(days=max(1, 7 * n // days_in_week))
        return relativedelta(weeks=n)
    if freq == "MONTHLY":
        return relativedelta(months=n)
    return relativedelta(years=n)


def _weekday_phrase(code: str) -> str:
    ordinal, day = code[:-2], code[-2:]
    if day not in WEEKDAY_CODES:
        raise ValueError(code)
    name = WEEKDAY_NAMES[WEEKDAY_CODES.index(day)]
    if not ordinal or ordinal in ("+0", "0"):
        return name
    n = int(ordinal)
    return f"the {_ORDINALS.get(n, f'{n}th')} {name}"


def _monthday_phrase(value: str) -> str:
    n = int(value)
    if n == -1:
        return "the last day"
    if n < 0:
        return f"{-n} days before the month's end"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{suffix}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_rule(rule: str, local_start: datetime | None = None) -> str:
    """Plain words for a rule: 'Every 4 weeks on Tuesday', 'Monthly on the first Monday'."""
    try:
        parts = rule_parts(rule)
        n = int(parts.get("INTERVAL", "1"))
        freq = parts["FREQ"]
        byday = [d for d in parts.get("BYDAY", "").split(",") if d]
        bymonthday = [d for d in parts.get("BYMONTHDAY", "").split(",") if d]
        unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[freq]
        head = f"Every {unit}" if n == 1 else f"Every {n} {unit}s"
        if freq == "MONTHLY" and n == 1:
            head = "Monthly"
        on: list[str] = []
        if byday:
            on = [_weekday_phrase(d) for d in byday]
        elif bymonthday:
            on = [_monthday_phrase(d) for d in bymonthday]
        elif local_start is not None and freq == "WEEKLY":
            on = [WEEKDAY_NAMES[local_start.weekday()]]
        elif local_start is not None and freq == "MONTHLY":
            on = [_monthday_phrase(str(local_start.day))]
        text = head + (f" on {_join(on)}" if on else "")
        if "COUNT" in parts:
            text += f", {int(parts['COUNT'])} times"
        if "UNTIL" in parts:
            day = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
            text += f", until {day.strftime('%d %b %Y')}"
        if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"}:
            return f"Custom rule: {rule}"
        return text
    except (KeyError, ValueError, ValidationError):
        return f"Custom rule: {rule}"


def rule_warnings(rule: str, local_start: datetime) -> list[str]:
    """Things a supervisor should know before saving (not errors): the month-end problem."""
    parts = rule_parts(rule)
    warnings = []
    if parts.get("FREQ") == "MONTHLY" and "BYDAY" not in parts:
        days = [int(d) for d in parts.get("BYMONTHDAY", str(local_start.day)).split(",") if d]
        late = sorted(d for d in days if d > 28)
        if late:
            warnings.append(
                f"Monthly on day {late[0]} skips months that are shorter. For the end of each "
                "month choose 'Monthly, last day' (BYMONTHDAY=-1)."
            )
    return warnings


def first_on_or_after(rule: str, local_start: datetime, zone: ZoneInfo,
                      moment: datetime) -> datetime | None:
    local = moment.astimezone(zone).replace(tzinfo=None)
    found = _rule_near(rule, local_start, zone, local).after(local, inc=True)
    return attach(found, zone) if found is not None else None


def day_in_zone(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()
