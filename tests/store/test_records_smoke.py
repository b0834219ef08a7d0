from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from tests.conftest import reopen


def test_supervisee_and_session_reach_disk(service, data_dir):
    person = service.records.save_supervisee(Supervisee("Alex Rivera", "Social worker"))
    session = Session([person.id])
    session.start()
    session.notes = "We talked about the weekend duty rota."
    service.records.save_session(session)
    service.close()

    again = reopen(data_dir)
    try:
        assert again.records.supervisees() == [person]
        assert again.records.sessions(person.id) == [session]
    finally:
        again.close()
