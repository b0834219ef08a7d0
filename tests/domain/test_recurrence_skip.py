"""Skip-ahead gives exactly the dates a plain walk of the rule from its start gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.recurrence import first_on_or_after, local_occurrences
from supervisor_tui.domain.recurrence_skip import (
    period_start,
    rule_from,
    shifted_rule,
    skip_periods,
)

CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "UTC"]


def local_text(rule: str, zone: ZoneInfo) -> str:
    """The rule with an UTC UNTIL given as wall-clock time in `zone`."""
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    until = parts.get("UNTIL", "")
    if until.endswith("Z"):
        moment = datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        parts["UNTIL"] = moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")
    return ";".join(f"{k}={v}" for k, v in parts.items())


def plain_rule(rule: str, start: datetime, zone: ZoneInfo):
    """The reference: dateutil walking the whole rule from the original start, no cache."""
    return rrulestr(local_text(rule, zone), dtstart=start)


def on_clock(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def plain_between(rule, start, zone, after, before) -> list[str]:
    lo = after.astimezone(zone).replace(tzinfo=None) - timedelta(hours=3)
    hi = before.astimezone(zone).replace(tzinfo=None) + timedelta(hours=3)
    found = [on_clock(d, zone) for d in plain_rule(rule, start, zone).between(lo, hi, inc=True)]
    return [d.isoformat() for d in found if after <= d < before]


def plain_first(rule, start, zone, moment) -> str | None:
    found = plain_rule(rule, start, zone).after(moment.astimezone(zone).replace(tzinfo=None),
                                               inc=True)
    return None if found is None else on_clock(found, zone).isoformat()


def iso(found: list[datetime]) -> list[str]:
    return [d.isoformat() for d in found]


def assert_same(rule: str, start: datetime, zone: ZoneInfo, after: datetime,
                before: datetime) -> list[datetime]:
    found = local_occurrences(rule, start, zone, after, before)
    assert iso(found) == plain_between(rule, start, zone, after, before)
    assert all(d >= on_clock(start, zone) for d in found)
    first = first_on_or_after(rule, start, zone, after)
    assert (first and first.isoformat()) == plain_first(rule, start, zone, after)
    return found


@st.composite
def rules(draw, start: datetime) -> str:
    """Rules of the grammar agreements use, none of which is empty for ever (dateutil would
    walk to the year 9999 looking for a first date)."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = {"FREQ": freq}
    if draw(st.booleans()):
        parts["INTERVAL"] = str(draw(st.integers(1, 6)))
    byday = draw(st.lists(st.integers(0, 6), min_size=0, max_size=3, unique=True))
    ordinal = draw(st.sampled_from([None, None, 1, 2, 3, 4, -1, -2]))
    monthdays = draw(st.lists(st.sampled_from([1, 2, 10, 15, 28, 29, 30, 31, -1, -2, -3]),
                              max_size=3, unique=True))
    months = draw(st.lists(st.integers(1, 12), max_size=3, unique=True))
    if byday:
        parts["BYDAY"] = ",".join((str(ordinal) if ordinal else "") + CODES[d] for d in byday)
    if monthdays and not (byday and ordinal):
        parts["BYMONTHDAY"] = ",".join(map(str, monthdays))
    days = monthdays if "BYMONTHDAY" in parts else ([] if byday else [start.day])
    if months and (not days or any(-28 <= d <= 28 for d in days)):
        parts["BYMONTH"] = ",".join(map(str, months))
    if draw(st.booleans()):
        parts["WKST"] = draw(st.sampled_from(CODES))
    if draw(st.integers(0, 3)) == 0:
        parts["BYSETPOS"] = draw(st.sampled_from(["1", "-1", "1,-1"]))
    end = draw(st.sampled_from(["", "", "until", "until-utc", "count"]))
    if end == "count":
        parts["COUNT"] = str(draw(st.integers(1, 150)))
    elif end:
        until = start + timedelta(days=draw(st.integers(-30, 20000)),
                                  minutes=draw(st.integers(0, 1439)))
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%S") + ("Z" if end == "until-utc" else "")
    return ";".join(f"{k}={v}" for k, v in parts.items())


starts = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 12, 31))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), start=starts, zone=st.sampled_from(ZONES),
       offset=st.integers(-400, 20000), minutes=st.integers(0, 1439),
       width=st.sampled_from([60, 1440, 7 * 1440, 40 * 1440, 100 * 1440, 800 * 1440]))
def test_skip_ahead_matches_the_plain_walk(data, start, zone, offset, minutes, width) -> None:
    start = start.replace(second=data.draw(st.sampled_from([0, 0, 30])), microsecond=0)
    rule = data.draw(rules(start))
    tz = ZoneInfo(zone)
    after = (start + timedelta(days=offset, minutes=minutes)).replace(tzinfo=tz)
    assume(after.year < 2060)
    assert_same(rule, start, tz, after, after + timedelta(minutes=width))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), start=starts, steps=st.integers(1, 400), width=st.integers(1, 900))
def test_a_shifted_rule_is_exact_from_its_first_moment(data, start, steps, width) -> None:
    # The tightest case: a window starting right at the shifted start, whatever the shift.
    start = start.replace(second=data.draw(st.sampled_from([0, 0, 30])), microsecond=0)
    rule = local_text(data.draw(rules(start).filter(lambda r: "COUNT" not in r)), UTC)
    interval = int(dict(p.split("=", 1) for p in rule.split(";")).get("INTERVAL", "1"))
    periods = steps * interval
    first = period_start(rule, start, periods)
    assume(first.year < 2100)
    assert first > start
    lo, hi = first, first + timedelta(days=width)
    plain = plain_rule(rule, start, UTC)
    assert shifted_rule(rule, start, periods).between(lo, hi, inc=True) == plain.between(
        lo, hi, inc=True)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), start=starts, offset=st.integers(-400, 20000),
       minutes=st.integers(0, 1439))
def test_the_shift_chosen_starts_on_the_grid_before_the_question(data, start, offset,
                                                                 minutes) -> None:
    # Every day over more than a year of questions, so block and week boundaries are crossed.
    rule = data.draw(rules(start))
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    interval = int(parts.get("INTERVAL", "1"))
    for day in range(0, 400):
        moment = start + timedelta(days=offset + day, minutes=minutes)
        periods = skip_periods(rule, start, moment)
        if "COUNT" in parts or moment <= start:
            assert periods == 0
        if periods:
            assert periods % interval == 0
            assert start < period_start(rule, start, periods) <= moment
            assert moment - period_start(rule, start, periods) < timedelta(days=366 * 7)


@settings(max_examples=60, deadline=None)
@given(start=starts, freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
       interval=st.integers(1, 6), years=st.integers(3, 30))
def test_rules_left_implicit_are_pinned_from_the_original_start(start, freq, interval,
                                                                years) -> None:
    # Weekday, month day, month and time of day all come from the start here.
    rule = f"FREQ={freq};INTERVAL={interval}"
    after = (start + timedelta(days=365 * years)).replace(tzinfo=UTC)
    assert_same(rule, start, UTC, after, after + timedelta(days=800))


def test_an_old_agreement_is_evaluated_from_near_the_question() -> None:
    text, start = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", datetime(2016, 3, 1, 10)
    moment = datetime(2026, 11, 23, 9)
    original = rrulestr(text, dtstart=start)
    made = []
    shifted = rule_from(text, start, moment, lambda: made.append(1) or original)
    assert shifted is not original and not made, "the rule from its start is not made"
    assert rule_from(text, start, start, lambda: original) is original
    first = next(iter(shifted))
    assert timedelta(0) < moment - first < timedelta(days=200)
    assert first == original.after(first - timedelta(seconds=1))
    # COUNT needs the walk from the start; so does a question before the start.
    assert skip_periods(text + ";COUNT=400", start, moment) == 0
    assert skip_periods(text, start, start - timedelta(days=1)) == 0
    for other in ("FREQ=WEEKLY;BYHOUR=9", "FREQ=HOURLY;INTERVAL=5", "FREQ=WEEKLY;INTERVAL=0"):
        assert skip_periods(other, start, moment) == 0


def test_month_end_rules_years_later() -> None:
    london = ZoneInfo("Europe/London")
    start = datetime(2012, 1, 31, 14)
    after, before = datetime(2026, 2, 1, tzinfo=london), datetime(2026, 6, 1, tzinfo=london)
    on_31 = assert_same("FREQ=MONTHLY", start, london, after, before)
    assert [(d.month, d.day) for d in on_31] == [(3, 31), (5, 31)]
    last = assert_same("FREQ=MONTHLY;BYMONTHDAY=-1", start, london, after, before)
    assert [(d.month, d.day) for d in last] == [(2, 28), (3, 31), (4, 30), (5, 31)]


def test_leap_day_yearly() -> None:
    start = datetime(1992, 2, 29, 9, 30)
    after, before = datetime(2030, 1, 1, tzinfo=UTC), datetime(2045, 1, 1, tzinfo=UTC)
    found = assert_same("FREQ=YEARLY", start, UTC, after, before)
    assert [d.year for d in found] == [2032, 2036, 2040, 2044]
    assert {(d.month, d.day, d.hour, d.minute) for d in found} == {(2, 29, 9, 30)}


def test_fortnightly_keeps_its_phase_and_week_start() -> None:
    # RFC 5545's example: WKST decides which Sunday pairs with which Tuesday.
    start, ny = datetime(1997, 8, 5, 9), ZoneInfo("America/New_York")
    after, before = datetime(2031, 1, 1, tzinfo=ny), datetime(2031, 3, 1, tzinfo=ny)
    mo = assert_same("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO", start, ny, after, before)
    su = assert_same("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", start, ny, after, before)
    assert iso(mo) != iso(su)
    tuesdays = [d.date() for d in mo if d.weekday() == 1]
    assert all((d - datetime(1997, 8, 5).date()).days % 14 == 0 for d in tuesdays)


def test_dst_transition_weeks_years_later() -> None:
    # 01:30 does not exist on the spring-forward Sunday (London 30 Mar 2031, New York
    # 9 Mar 2031, Sydney's clocks go forward on 5 Oct 2031): the session moves to 02:30.
    cases = [("Europe/London", datetime(2015, 1, 4, 1, 30), datetime(2031, 3, 30)),
             ("America/New_York", datetime(2012, 1, 1, 2, 30), datetime(2031, 3, 9)),
             ("Australia/Sydney", datetime(2014, 1, 5, 2, 15), datetime(2031, 10, 5))]
    for zone, start, sunday in cases:
        tz = ZoneInfo(zone)
        after = (sunday - timedelta(days=7)).replace(tzinfo=tz)
        found = assert_same("FREQ=WEEKLY", start, tz, after, after + timedelta(days=21))
        assert [d.date() for d in found] == [(sunday + timedelta(days=k)).date()
                                             for k in (-7, 0, 7)]
        assert found[1].hour == start.hour + 1 and found[0].hour == start.hour
