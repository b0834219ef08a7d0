"""A cancelled one-to-one is followed up: rebooked, or said in the open not to be (with why);
either way home stops asking, and only once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supervisor_tui.domain.enums import CancelledBy, SessionStatus
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.summary import summarise
from tests.support import NOW


def _cancelled() -> Session:
    s = Session(["s-sam"], planned_start=NOW + timedelta(days=2), created_at=NOW)
    s.cancel("Court hearing", CancelledBy.SUPERVISEE, NOW)
    return s


def test_waiving_keeps_why_and_when_and_counts_as_followed_up():
    s = _cancelled()
    assert [c.followed_up for c in summarise("s-sam", [s], [], [], []).cancelled] == [False]
    s.waive_rebooking("  Made up in the group  ", NOW + timedelta(hours=1))
    assert (s.rebook_waived, s.rebook_waived_at) == ("Made up in the group",
                                                      NOW + timedelta(hours=1))
    assert [c.followed_up for c in summarise("s-sam", [s], [], [], []).cancelled] == [True]


@pytest.mark.parametrize("reason", ["", "   ", "bad\x1b[2Jreason"])
def test_a_waiver_needs_a_plain_reason(reason):
    with pytest.raises(ValidationError):
        _cancelled().waive_rebooking(reason, NOW)


def test_only_a_cancelled_session_not_yet_followed_up_can_be_waived():
    planned = Session(["s-sam"], planned_start=NOW, created_at=NOW)
    assert planned.status is SessionStatus.PLANNED
    with pytest.raises(ValidationError, match="Only a cancelled"):
        planned.waive_rebooking("why", NOW)
    rebooked = _cancelled()
    rebooked.rebooked_to = NOW + timedelta(days=9)
    with pytest.raises(ValidationError, match="rebooked already"):
        rebooked.waive_rebooking("why", NOW)
    waived = _cancelled()
    waived.waive_rebooking("why", NOW)
    with pytest.raises(ValidationError, match="waived already"):
        waived.waive_rebooking("again", NOW)
