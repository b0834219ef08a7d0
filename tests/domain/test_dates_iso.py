"""Year-first dates are never read day-first (2026-12-01 is 1 December, not 12 January)."""

from datetime import date

from supervisor_tui.domain.dates import parse_day


def test_iso_dates_are_year_month_day() -> None:
    today = date(2026, 11, 23)
    assert parse_day("2026-12-01", today) == date(2026, 12, 1)
    assert parse_day("2027-02-03", today) == date(2027, 2, 3)
    assert parse_day("01/12/2026", today) == date(2026, 12, 1)
