from datetime import UTC, date, datetime

import pytest

from supervisor_tui.domain.dates import parse_day, parse_moment
from supervisor_tui.domain.people import ValidationError

TODAY = date(2026, 11, 23)


def test_iso_dates_are_read_as_iso_not_day_first():
    assert parse_day("2026-01-02", TODAY) == date(2026, 1, 2)
    assert parse_day("2026-12-14", TODAY, prefer_future=False) == date(2026, 12, 14)
    moment = parse_moment("2026-01-02 14:30", datetime(2026, 11, 23, tzinfo=UTC))
    assert moment == datetime(2026, 1, 2, 14, 30, tzinfo=UTC)


def test_day_first_still_applies_to_slashed_dates():
    assert parse_day("02/01/2026", TODAY) == date(2026, 1, 2)


def test_impossible_iso_date_is_refused():
    with pytest.raises(ValidationError, match="not a date"):
        parse_day("2026-13-02", TODAY)
