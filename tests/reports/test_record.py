"""Session record details the golden files do not cover."""

from datetime import UTC, datetime, timedelta, timezone

from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.session import Session
from supervisor_tui.reports.record import session_markdown, when
from tests.support import STAMP


def test_times_in_records_show_their_offset():
    assert when(datetime(2026, 7, 2, 10, 12, tzinfo=timezone(timedelta(hours=1)))) == \
        "2026-07-02 10:12 +01:00"
    assert when(datetime(2026, 7, 2, 10, 12, tzinfo=UTC)) == "2026-07-02 10:12 UTC"
    assert when(None) == "—"


def test_a_session_in_progress_is_marked_as_a_draft_and_gaps_are_visible():
    s = Session(["s-1"], id="x-1", created_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    s.start(datetime(2026, 1, 5, 10, tzinfo=UTC))
    text = session_markdown(s, {"s-1": "Kim"}, [], [])
    assert "_Draft: this session is in progress, not finalised._" in text
    assert "## Workload\n\nNot recorded." in text
    assert "- **Supervisor** (finalised): not yet finalised" in text
    assert "- **Kim**: not yet signed off" in text


def test_an_action_closed_before_the_session_is_not_under_review():
    start = datetime(2026, 2, 1, 10, tzinfo=UTC)
    s = Session(["s-1"], id="x-2", started_at=start, created_at=STAMP)
    early = Action("s-1", "x-1", "Done long ago", "Kim", created_at=start - timedelta(days=30))
    early.close(at=start - timedelta(days=10))
    still = Action("s-1", "x-1", "Still to do", "Kim", created_at=start - timedelta(days=30))
    text = session_markdown(s, {"s-1": "Kim"}, [], [early, still])
    assert "Still to do: Kim, by no date, still open" in text
    assert "Done long ago" not in text


def test_a_persons_copy_of_a_group_record_holds_their_own_check_ins_only():
    from supervisor_tui.domain.enums import CheckInPhase, SessionType
    from supervisor_tui.domain.session import CheckIn

    at = datetime(2026, 3, 9, 10, tzinfo=UTC)
    group = Session(["s-a", "s-b"], type=SessionType.GROUP, created_at=at)
    group.start(at)
    group.record_checkin(CheckIn("s-a", CheckInPhase.OPENING, 4, "hopeful", at=at))
    group.record_checkin(CheckIn("s-b", CheckInPhase.OPENING, 2, "exhausted", at=at))
    names = {"s-a": "Alex Rivera", "s-b": "Sam Okafor"}
    alex = session_markdown(group, names, [], [], own="s-a")
    assert '"hopeful"' in alex and "exhausted" not in alex
    whole = session_markdown(group, names, [], [])  # the supervisor's whole record
    assert '"hopeful"' in whole and '"exhausted"' in whole
