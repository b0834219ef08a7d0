from dataclasses import replace
from datetime import timedelta

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from tests.conftest import reopen
from tests.store.factories import agreement
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


def test_everyones_agreements_read_at_once_are_each_persons_own(service, data_dir):
    alex = service.records.save_supervisee(Supervisee("Alex Rivera", "Social worker",
                                                      created_at=STAMP))
    sam = service.records.save_supervisee(Supervisee("Sam Okafor", "Nurse", created_at=STAMP))
    first = agreement(alex.id)
    # A newer version saved first: each person's list is oldest first whatever the order saved.
    later = replace(first, id="a-0000000000bb", created_at=first.created_at + timedelta(days=9))
    for version in (later, first, replace(agreement(sam.id), id="a-0000000000cc")):
        service.records.save_agreement(version)
    service.close()

    again = reopen(data_dir)
    try:
        everyone = again.records.agreements_by_person()
        assert everyone == {alex.id: [first, later], sam.id: again.records.agreements(sam.id)}
        assert everyone[alex.id] == again.records.agreements(alex.id)
    finally:
        again.close()
