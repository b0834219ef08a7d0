"""Opening a live session keeps each attendee's summary true, worked out from their own
sessions (the first person chosen need not be the session's first attendee)."""

from __future__ import annotations

from datetime import timedelta

from supervisor_tui.domain.enums import SessionType
from supervisor_tui.domain.session import Session
from supervisor_tui.services.live import open_live_session
from tests.support import at_time
from tests.ui.session_helpers import T0, seed_history, seed_person


def _stored_and_fresh(service, sid):
    stored = service.records.summaries()[sid]
    return stored, service.records.refresh_summary(sid)


def test_a_group_planned_in_another_order_gives_each_attendee_their_own_summary(service):
    seed_person(service)
    seed_person(service, "Priya Shah", "s-000002", 60)
    seed_history(service)  # held sessions for s-000001 only
    plan = Session(["s-000002", "s-000001"], type=SessionType.GROUP, id="x-plan",
                   created_at=T0 - timedelta(days=1), planned_start=T0 + timedelta(minutes=30))
    service.records.save_session(plan)
    live = open_live_session(at_time(service, T0), ["s-000001", "s-000002"], 60)
    assert not live.resumed and live.session.id == "x-plan"
    for sid in ("s-000001", "s-000002"):
        stored, fresh = _stored_and_fresh(service, sid)
        assert stored == fresh, sid
    assert service.records.summaries()["s-000002"].sessions_held == 0


def test_a_one_to_one_opened_keeps_the_summary_a_fresh_read_gives(service):
    seed_person(service)
    seed_history(service)
    open_live_session(at_time(service, T0), ["s-000001"], 60)
    stored, fresh = _stored_and_fresh(service, "s-000001")
    assert stored == fresh
    assert stored.in_progress_session is not None
