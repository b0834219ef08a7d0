"""Reading everyone's records lets each file go again, but not one already in use."""

from supervisor_tui.store.bundle import find_session, load_bundles
from tests.reports.fixture import ALEX, SAM, write_fixture


def test_a_pass_over_everyone_keeps_only_what_was_open(service):
    write_fixture(service.records)
    folder = service.workspace.folder
    for sid in (ALEX, SAM):
        folder.forget(sid)
    service.records.sessions(ALEX)  # a screen is using Alex's file
    bundles = load_bundles(service.records)
    assert [b.supervisee.id for b in bundles] == [ALEX, SAM]
    assert folder.is_loaded(ALEX) and not folder.is_loaded(SAM)


def test_find_session_gathers_every_attendee(service):
    write_fixture(service.records)
    session, attendees = find_session(service.records, "x-000004")
    assert session.is_group
    assert [b.supervisee.id for b in attendees] == [ALEX, SAM]
    assert {d.id for b in attendees for d in b.decisions if d.session_id == session.id} == {
        "d-000004", "d-000006"}
