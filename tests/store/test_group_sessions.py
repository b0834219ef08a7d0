"""A group session's shared record lands in every attendee's history, each with their own parts."""

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import CheckInPhase, SessionType
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import CheckIn, Session
from tests.conftest import reopen
from tests.support import STAMP


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
