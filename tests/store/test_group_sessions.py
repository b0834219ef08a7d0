"""A group session's shared record lands in every attendee's history, each with their own parts."""

import pytest

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import CheckInPhase, SessionType
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import CheckIn, Session
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.store.verify import verify_all
from tests.conftest import reopen
from tests.store.test_decision_and_head import failing
from tests.support import STAMP, open_service


def test_group_session_in_each_attendees_history(service, data_dir):
    r = service.records
    ada, ben, cara = (r.save_supervisee(Supervisee(n, created_at=STAMP))
                      for n in ["Ada", "Ben", "Cara"])
    group = Session([ada.id, ben.id], type=SessionType.GROUP, created_at=STAMP)
    group.start(STAMP)
    group.record_checkin(CheckIn(ada.id, CheckInPhase.OPENING, 4, "steady", at=STAMP))
    group.record_checkin(CheckIn(ben.id, CheckInPhase.OPENING, 2, "stretched", at=STAMP))
    group.notes = "Shared discussion of duty pressures."
    r.save_session(group)
    r.save_action(Action(ada.id, group.id, "Book reflective practice slot", "Ada",
                         created_at=STAMP))
    r.save_action(Action(ben.id, group.id, "Ask for caseload review", "Ben", created_at=STAMP))
    r.add_decision(Decision(ben.id, group.id, "Pause new allocations", "Above weighted cap",
                            decided_at=STAMP))
    service.close()

    again = reopen(data_dir)
    try:
        rr = again.records
        assert [s.id for s in rr.sessions(ada.id)] == [group.id]
        assert [s.id for s in rr.sessions(ben.id)] == [group.id]
        assert rr.sessions(cara.id) == []
        assert rr.sessions(ada.id)[0] == rr.sessions(ben.id)[0] == group
        assert [a.text for a in rr.actions(ada.id)] == ["Book reflective practice slot"]
        assert [a.text for a in rr.actions(ben.id)] == ["Ask for caseload review"]
        assert rr.decisions(ada.id) == []
        assert [d.text for d in rr.decisions(ben.id)] == ["Pause new allocations"]
        stored = rr.sessions(ben.id)[0]
        assert stored.checkin(ada.id, CheckInPhase.OPENING).word == "steady"
        assert stored.checkin(ben.id, CheckInPhase.OPENING).score == 2
        assert rr.summaries()[ada.id].in_progress_session == group.id
        assert rr.summaries()[ben.id].in_progress_session == group.id
    finally:
        again.close()


# -- a group session's save spans its attendees' files: all or nothing --------------------------

def _group(service):
    from supervisor_tui.domain.enums import SessionType

    r = service.records
    people = [r.save_supervisee(Supervisee(n, id=f"s-{n.lower()}", created_at=STAMP))
              for n in ["Ada", "Ben", "Cara"]]
    group = Session([p.id for p in people], type=SessionType.GROUP, created_at=STAMP)
    group.start(STAMP)
    group.notes = "before"
    r.save_session(group)
    return [p.id for p in people], group


def _copies(records, ids, session_id):
    return [next((s for s in records.sessions(sid) if s.id == session_id), None) for sid in ids]


@pytest.mark.parametrize("failing_at", [0, 1, 2])
def test_a_group_save_failing_at_any_attendee_leaves_every_copy_as_it_was(
        tmp_path, monkeypatch, failing_at):
    data = tmp_path / "data"
    svc = open_service(data)
    ids, group = _group(svc)
    group.notes = "after"
    failed = failing(monkeypatch, {(f"{ids[failing_at]}.json", 1)})
    with pytest.raises(StoreWriteError):
        svc.records.save_notes(group)
    assert len(failed) == 1
    assert [c.notes for c in _copies(svc.records, ids, group.id)] == ["before"] * 3
    monkeypatch.undo()
    svc.records.save_notes(group)  # the retry
    svc.close()
    again = open_service(data)
    try:
        assert [c.notes for c in _copies(again.records, ids, group.id)] == ["after"] * 3
    finally:
        again.close()


def test_a_group_save_cut_off_part_way_is_finished_at_the_next_open(tmp_path, monkeypatch):
    from supervisor_tui.services.opening import check_every_file
    from supervisor_tui.services.workspace import Workspace

    data = tmp_path / "data"
    svc = open_service(data)
    ids, group = _group(svc)
    group.notes = "after"
    # As a kill after the first file leaves it: the second write fails, and so does putting
    # the first file back.
    failing(monkeypatch, {(f"{ids[1]}.json", 1), (f"{ids[0]}.json", 2)})
    with pytest.raises(StoreWriteError):
        svc.records.save_notes(group)
    monkeypatch.undo()
    svc.close()
    again = open_service(data)
    try:
        assert [c.notes for c in _copies(again.records, ids, group.id)] == [
            "after", "before", "before"]
        assert check_every_file(Workspace(again.records, again.clock)) is None
        assert [c.notes for c in _copies(again.records, ids, group.id)] == ["after"] * 3
        assert all(report.ok for report in verify_all(again.records))
    finally:
        again.close()
