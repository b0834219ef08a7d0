"""The decoder's fast paths keep its rules: aware timestamps only, clear errors on bad data."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from supervisor_tui.domain.codec import DecodeError, from_dict, to_dict
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from tests.support import STAMP


def test_timestamps_round_trip_with_their_offset():
    zone = timezone(timedelta(hours=-5))
    s = Session(["s-1"], started_at=datetime(2026, 1, 5, 10, 0, tzinfo=zone), created_at=STAMP)
    back = from_dict(Session, to_dict(s))
    assert back == s and back.started_at.utcoffset() == timedelta(hours=-5)


def test_zulu_and_other_iso_forms_still_read():
    doc = to_dict(Supervisee("Kim", id="s-1", created_at=datetime(2026, 1, 1, tzinfo=UTC)))
    doc["created_at"] = "2026-01-01T00:00:00Z"
    assert from_dict(Supervisee, doc).created_at == datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("created_at", "2026-01-01T00:00:00", "without a time zone"),
    ("created_at", "yesterday", "Supervisee.created_at"),
    ("name", 42, "expected text"),
    ("archived", "no", "expected true or false"),
])
def test_bad_values_are_refused(field, value, message):
    doc = to_dict(Supervisee("Kim", id="s-1", created_at=STAMP))
    doc[field] = value
    with pytest.raises(DecodeError, match=message):
        from_dict(Supervisee, doc)


def test_missing_required_field_is_named():
    with pytest.raises(DecodeError, match="Supervisee.name is missing"):
        from_dict(Supervisee, {"id": "s-1"})
