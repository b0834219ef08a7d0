from datetime import timedelta

from supervisor_tui.domain.enums import SessionStatus, SessionType
from supervisor_tui.domain.session import Session
from supervisor_tui.store.live_session import open_live_session
from tests.ui.session_helpers import T0, seed_history, seed_live_session, seed_person


def test_a_new_session_is_started_prefilled_and_saved(service):
    seed_person(service, minutes=45)
    seed_history(service)
    live = open_live_session(service.records, ["s-000001"], T0, 60)
    assert not live.resumed and live.names == {"s-000001": "Sam Okafor"}
    s = live.session
    assert (s.status, s.started_at, s.duration_minutes, s.type) == (
        SessionStatus.IN_PROGRESS, T0, 45, SessionType.PLANNED)
    assert [i.source for i in s.agenda] == ["action", "case"]
    assert service.records.session("s-000001", s.id) == s


def test_the_session_in_progress_is_resumed_not_duplicated(service):
    seed_person(service)
    existing = seed_live_session(service, notes="so far")
    live = open_live_session(service.records, ["s-000001"], T0 + timedelta(hours=1), 60)
    assert live.resumed and live.session == existing
    assert len(service.records.sessions("s-000001")) == 1


def test_a_session_planned_for_today_is_the_one_started(service):
    seed_person(service)
    planned = Session(["s-000001"], planned_start=T0 + timedelta(hours=2), id="x-planned",
                      created_at=T0 - timedelta(days=7))
    service.records.save_session(planned)
    live = open_live_session(service.records, ["s-000001"], T0, 60)
    assert live.session.id == "x-planned" and live.session.started_at == T0
    assert [s.id for s in service.records.sessions("s-000001")] == ["x-planned"]


def test_without_an_agreement_the_configured_length_is_used(service):
    from supervisor_tui.domain.people import Supervisee

    service.records.save_supervisee(Supervisee("Ad Hoc", id="s-000009"))
    live = open_live_session(service.records, ["s-000009"], T0, 30)
    assert (live.session.duration_minutes, live.session.type) == (30, SessionType.AD_HOC)
