"""Recurrence rules: DST, month ends, validation and plain-words descriptions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.recurrence import (
    WEEKDAY_CODES,
    agreed_gap,
    check_rule,
    describe_rule,
    local_occurrences,
    match_preset,
    normalise_rule,
    preset_rule,
    rule_warnings,
)

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_weekly_10am_stays_10am_across_march_clock_change() -> None:
    # 2026: clocks go forward on Sunday 29 March in the UK.
    found = local_occurrences("FREQ=WEEKLY;BYDAY=TU", datetime(2026, 3, 17, 10, 0), LONDON,
                              london(2026, 3, 1), london(2026, 4, 10))
    assert [(d.day, d.hour) for d in found] == [(17, 10), (24, 10), (31, 10), (7, 10)]
    offsets = [d.utcoffset() for d in found]
    assert offsets == [timedelta(0), timedelta(0), timedelta(hours=1), timedelta(hours=1)]
    assert found[2].astimezone(UTC).hour == 9


def test_four_weekly_across_october_clock_change() -> None:
    # Clocks go back on Sunday 25 October 2026.
    found = local_occurrences("FREQ=WEEKLY;INTERVAL=4;BYDAY=TU", datetime(2026, 9, 8, 10, 0),
                              LONDON, london(2026, 9, 1), london(2026, 12, 31))
    assert [d.date().isoformat() for d in found] == [
        "2026-09-08", "2026-10-06", "2026-11-03", "2026-12-01", "2026-12-29"]
    assert all(d.hour == 10 for d in found)
    assert found[1].utcoffset() == timedelta(hours=1)
    assert found[2].utcoffset() == timedelta(0)
    assert found[2].astimezone(UTC) - found[1].astimezone(UTC) == timedelta(weeks=4, hours=1)


def test_time_in_the_spring_gap_moves_forward_not_lost() -> None:
    found = local_occurrences("FREQ=DAILY", datetime(2026, 3, 28, 1, 30), LONDON,
                              london(2026, 3, 28), london(2026, 3, 31))
    assert [d.strftime("%d %H:%M") for d in found] == ["28 01:30", "29 02:30", "30 01:30"]


def test_monthly_first_monday() -> None:
    found = local_occurrences("FREQ=MONTHLY;BYDAY=1MO", datetime(2026, 1, 1, 14, 0), LONDON,
                              london(2026, 1, 1), london(2026, 6, 1))
    assert [d.date().isoformat() for d in found] == [
        "2026-01-05", "2026-02-02", "2026-03-02", "2026-04-06", "2026-05-04"]


def test_31st_skips_short_months_and_last_day_does_not() -> None:
    start = datetime(2026, 1, 31, 9, 0)
    on_31 = local_occurrences("FREQ=MONTHLY;BYMONTHDAY=31", start, LONDON,
                              london(2026, 1, 1), london(2026, 7, 1))
    assert [d.month for d in on_31] == [1, 3, 5]
    last = local_occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", start, LONDON,
                             london(2026, 1, 1), london(2026, 7, 1))
    assert [d.day for d in last] == [31, 28, 31, 30, 31, 30]
    assert rule_warnings("FREQ=MONTHLY;BYMONTHDAY=31", start)
    assert rule_warnings("FREQ=MONTHLY", start), "a plain monthly rule from the 31st warns too"
    assert rule_warnings("FREQ=MONTHLY;BYMONTHDAY=-1", start) == []
    assert rule_warnings("FREQ=MONTHLY;BYDAY=1MO", start) == []


def test_count_and_until_never_together() -> None:
    with pytest.raises(ValidationError, match="not both"):
        normalise_rule("FREQ=WEEKLY;COUNT=5;UNTIL=20270101")


@pytest.mark.parametrize("text, message", [
    ("", "Enter a recurrence rule"),
    ("FREQ=HOURLY", "FREQ=DAILY"),
    ("INTERVAL=2", "FREQ=DAILY"),
    ("DTSTART:20260101T100000\nRRULE:FREQ=WEEKLY", "start date has its own field"),
    ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
    ("FREQ=WEEKLY;INTERVAL", "NAME=VALUE"),
])
def test_bad_rules_are_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_rule(text, "Europe/London", datetime(2026, 1, 6, 10))


def test_unknown_zone_and_rule_without_dates_refused() -> None:
    for name in ("Mars/Olympus", "Europe", "", "../etc/passwd", "Europe/"):
        with pytest.raises(ValidationError, match="Unknown time zone"):
            check_rule("FREQ=WEEKLY", name, datetime(2026, 1, 6, 10))
    with pytest.raises(ValidationError, match="no dates"):
        check_rule("FREQ=WEEKLY;UNTIL=20250101", "Europe/London", datetime(2026, 1, 6, 10))


def test_rule_is_tidied() -> None:
    assert check_rule(" rrule:freq=weekly;interval=4;byday=tu ", "Europe/London",
                      datetime(2026, 1, 6, 10)) == "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU"


def test_until_in_utc_works_with_local_start() -> None:
    found = local_occurrences("FREQ=WEEKLY;UNTIL=20260414T090000Z", datetime(2026, 3, 31, 10),
                              LONDON, london(2026, 3, 1), london(2026, 6, 1))
    assert [d.day for d in found] == [31, 7, 14]


@pytest.mark.parametrize("rule, words", [
    ("FREQ=WEEKLY;INTERVAL=4;BYDAY=TU", "Every 4 weeks on Tuesday"),
    ("FREQ=WEEKLY;BYDAY=TU", "Every week on Tuesday"),
    ("FREQ=WEEKLY;BYDAY=MO,TH", "Every week on Monday and Thursday"),
    ("FREQ=MONTHLY;BYDAY=1MO", "Monthly on the first Monday"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "Monthly on the last Friday"),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE", "Every 2 months on the second Wednesday"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "Monthly on the last day"),
    ("FREQ=MONTHLY;BYMONTHDAY=22", "Monthly on the 22nd"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=6", "Every 2 weeks on Wednesday, 6 times"),
    ("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270601", "Every week on Wednesday, until 01 Jun 2027"),
    ("FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO", "Custom rule: FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO"),
])
def test_describe_rule(rule: str, words: str) -> None:
    assert describe_rule(rule) == words


def test_describe_uses_start_when_rule_has_no_day() -> None:
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2", datetime(2026, 1, 8)) == \
        "Every 2 weeks on Thursday"


def test_presets_round_trip() -> None:
    rule = preset_rule("4-weekly", 1)
    assert rule == "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU"
    assert match_preset(rule) == ("4-weekly", 1)
    assert match_preset("FREQ=MONTHLY;BYMONTHDAY=-1") == ("monthly-last-day", None)
    assert match_preset("FREQ=YEARLY") == ("custom", None)


def test_agreed_gap() -> None:
    base = datetime(2026, 1, 31).date()
    assert base + agreed_gap("FREQ=WEEKLY;INTERVAL=4;BYDAY=TU") == datetime(2026, 2, 28).date()
    assert base + agreed_gap("FREQ=MONTHLY;BYDAY=1MO") == datetime(2026, 2, 28).date()
    assert agreed_gap("FREQ=WEEKLY;BYDAY=MO,TH").days == 3


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney",
                          "Europe/Berlin", "UTC"]),
    interval=st.integers(1, 6),
    weekday=st.integers(0, 6),
    hour=st.integers(7, 19),
    minute=st.sampled_from([0, 15, 30, 45]),
    start_day=st.integers(0, 365),
)
def test_wall_clock_time_never_drifts(zone, interval, weekday, hour, minute, start_day) -> None:
    tz = ZoneInfo(zone)
    start = datetime(2026, 1, 1, hour, minute) + timedelta(days=start_day)
    rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={WEEKDAY_CODES[weekday]}"
    found = local_occurrences(rule, start, tz, start.replace(tzinfo=tz),
                              start.replace(tzinfo=tz) + timedelta(days=800))
    assert found
    assert {(d.hour, d.minute, d.weekday()) for d in found} == {(hour, minute, weekday)}
    days = [d.date() for d in found]
    assert all((b - a).days == 7 * interval for a, b in zip(days, days[1:], strict=False))
