from datetime import timedelta

import pytest

from supervisor_tui.domain.enums import SessionStatus, SessionType
from supervisor_tui.domain.session import Session
from supervisor_tui.services.live import open_live_session
from tests.support import STAMP, at_time
from tests.ui.session_helpers import T0, seed_history, seed_live_session, seed_person


def test_a_new_session_is_started_prefilled_and_saved(service):
    seed_person(service, minutes=45)
    seed_history(service)
    live = open_live_session(at_time(service, T0), ["s-000001"], 60)
    assert not live.resumed and live.names == {"s-000001": "Sam Okafor"}
    s = live.session
    assert (s.status, s.started_at, s.duration_minutes, s.type) == (
        SessionStatus.IN_PROGRESS, T0, 45, SessionType.PLANNED)
    # The last session opened at 2/5 (seed_history): time for the person comes first, then
    # the high-risk case that session did not reach, then the open action.
    assert [i.source for i in s.agenda] == ["wellbeing", "case", "action"]
    assert service.records.session("s-000001", s.id) == s


def test_the_session_in_progress_is_resumed_not_duplicated(service):
    seed_person(service)
    existing = seed_live_session(service, notes="so far")
    live = open_live_session(at_time(service, T0 + timedelta(hours=1)), ["s-000001"], 60)
    assert live.resumed and live.session == existing
    assert len(service.records.sessions("s-000001")) == 1


def test_a_session_planned_for_today_is_the_one_started(service):
    seed_person(service)
    planned = Session(["s-000001"], planned_start=T0 + timedelta(hours=2), id="x-planned",
                      created_at=T0 - timedelta(days=7))
    service.records.save_session(planned)
    live = open_live_session(at_time(service, T0), ["s-000001"], 60)
    assert live.session.id == "x-planned" and live.session.started_at == T0
    assert [s.id for s in service.records.sessions("s-000001")] == ["x-planned"]


def test_without_an_agreement_the_configured_length_is_used(service):
    from supervisor_tui.domain.people import Supervisee

    service.records.save_supervisee(Supervisee("Ad Hoc", id="s-000009", created_at=STAMP))
    live = open_live_session(at_time(service, T0), ["s-000009"], 30)
    assert (live.session.duration_minutes, live.session.type) == (30, SessionType.AD_HOC)


def _group(service, ids, at, session_id="x-group"):
    """A group session in progress, started at `at`, saved in every attendee's file."""
    session = Session(list(ids), type=SessionType.GROUP, id=session_id, created_at=at,
                      notes="group so far")
    session.start(at)
    service.records.save_session(session)
    return session


def _pair(service):
    seed_person(service)
    seed_person(service, "Priya Shah", "s-000002", 60)


def test_any_attendee_resumes_the_group_session_in_progress(service):
    _pair(service)
    group = _group(service, ["s-000002", "s-000001"], T0)
    for sid in ("s-000001", "s-000002"):
        live = open_live_session(at_time(service, T0 + timedelta(minutes=20)), [sid], 60)
        assert live.resumed and live.session == group and live.others == []
        assert list(live.names) == ["s-000002", "s-000001"]
        assert live.names["s-000001"] == "Sam Okafor"
    for sid in ("s-000001", "s-000002"):
        assert [s.id for s in service.records.sessions(sid)] == ["x-group"]


def test_choosing_the_same_attendees_in_another_order_resumes_their_group(service):
    _pair(service)
    group = _group(service, ["s-000002", "s-000001"], T0)
    live = open_live_session(at_time(service, T0), ["s-000001", "s-000002"], 60)
    assert live.resumed and live.session == group
    assert [s.id for s in service.records.sessions("s-000001")] == ["x-group"]


def test_a_group_choice_does_not_resume_a_one_to_one(service):
    _pair(service)
    one = seed_live_session(service)  # Sam's one-to-one, in progress
    live = open_live_session(at_time(service, T0), ["s-000002", "s-000001"], 60)
    assert not live.resumed and live.session.id != one.id
    assert live.session.type is SessionType.GROUP
    assert sorted(s.id for s in service.records.sessions("s-000001")) == sorted(
        [one.id, live.session.id])


def test_with_two_in_progress_the_most_recently_started_is_resumed(service):
    _pair(service)
    one = seed_live_session(service)  # started at T0
    group = _group(service, ["s-000002", "s-000001"], T0 + timedelta(days=2))
    live = open_live_session(at_time(service, T0 + timedelta(days=2, hours=1)), ["s-000001"], 60)
    assert live.resumed and live.session == group
    assert [s.id for s in live.others] == [one.id]
    # The other way round: a one-to-one started after the group is the one resumed.
    later = open_live_session(at_time(service, T0 + timedelta(days=3)), ["s-000002"], 60)
    assert later.session == group and later.others == []
    assert len(service.records.sessions("s-000001")) == 2


def _save_first_file_only(service, session, monkeypatch):
    """A save that stops after the first attendee's file, as a failed disk would leave it."""
    import supervisor_tui.store.records as records_module

    real = records_module.upsert_by_id
    calls = []

    def upsert_then_fail(table, doc):
        if calls:
            raise OSError("disk full")
        calls.append(doc["id"])
        real(table, doc)

    monkeypatch.setattr(records_module, "upsert_by_id", upsert_then_fail)
    with pytest.raises(OSError):
        service.records.save_notes(session)
    monkeypatch.setattr(records_module, "upsert_by_id", real)


def test_resuming_from_another_attendee_reads_the_first_attendees_copy(service, monkeypatch):
    """Saves go to attendees in order, so the first attendee's copy is never the older one."""
    _pair(service)
    group = _group(service, ["s-000002", "s-000001"], T0)
    group.notes = "typed after the last full save"
    _save_first_file_only(service, group, monkeypatch)
    assert service.records.session("s-000001", group.id).notes == "group so far"
    live = open_live_session(at_time(service, T0), ["s-000001"], 60)
    assert live.resumed and live.session.notes == "typed after the last full save"
    assert live.session.supervisee_ids == ["s-000002", "s-000001"]


def test_a_group_finalised_in_the_first_file_is_not_resumed_from_a_stale_copy(
        service, monkeypatch):
    _pair(service)
    group = _group(service, ["s-000002", "s-000001"], T0)
    group.finalise(T0 + timedelta(hours=1))
    _save_first_file_only(service, group, monkeypatch)
    live = open_live_session(at_time(service, T0 + timedelta(hours=2)), ["s-000001"], 60)
    assert not live.resumed and live.session.id != group.id
    assert live.session.supervisee_ids == ["s-000001"]
