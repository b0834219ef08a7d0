"""An agreement is agreed by both: the supervisor's version, then the supervisee's initials
with the date, once per version."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supervisor_tui.domain.people import Agreement, ValidationError
from tests.support import NOW


def test_the_supervisee_agrees_once_with_initials_and_a_date():
    a = Agreement("s-sam", created_at=NOW)
    with pytest.raises(ValidationError, match="Initials"):
        a.agree("  ", NOW)
    with pytest.raises(ValidationError):
        a.agree("S\x1bO", NOW)
    a.agree(" SO ", NOW + timedelta(days=1))
    assert (a.supervisee_agreed, a.supervisee_agreed_at) == ("SO", NOW + timedelta(days=1))
    with pytest.raises(ValidationError, match="already"):
        a.agree("SO", NOW + timedelta(days=2))
