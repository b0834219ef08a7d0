from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from tests.conftest import reopen
from tests.support import STAMP


def test_supervisee_and_session_reach_disk(service, data_dir):
    person = service.records.save_supervisee(Supervisee("Alex Rivera", "Social worker",
                                                        created_at=STAMP))
    session = Session([person.id], created_at=STAMP)
    session.start(STAMP)
    session.notes = "We talked about the weekend duty rota."
    service.records.save_session(session)
    service.close()

    again = reopen(data_dir)
    try:
        assert again.records.supervisees() == [person]
        assert again.records.sessions(person.id) == [session]
    finally:
        again.close()
