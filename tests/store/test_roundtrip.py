"""Every domain object survives Records -> disk -> a fresh open, field for field."""

from __future__ import annotations

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.hashchain import verify_chain
from supervisor_tui.domain.people import Supervisee
from tests.conftest import reopen
from tests.store import factories as f
from tests.support import STAMP


def test_every_domain_object_round_trips(service, data_dir):
    r = service.records
    alice, bob = f.supervisee("s-00000000000a"), Supervisee("Bob", "Nurse", id="s-00000000000b",
                                                            created_at=STAMP)
    r.save_supervisee(alice)
    r.save_supervisee(bob)
    agreement = r.save_agreement(f.agreement(alice.id))
    case = r.save_case(alice.id, f.case())
    solo = f.session([alice.id], "solo")
    group = f.session([alice.id, bob.id], "group")
    cancelled = f.cancelled_session(alice.id)
    for s in (solo, group, cancelled):
        r.save_session(s)
    first = r.add_decision(f.decision(alice.id, solo.id))
    amended = f.decision(alice.id, solo.id)
    amended.id, amended.amends, amended.text = "d-2", first.id, "Visit twice weekly"
    second = r.add_decision(amended)
    action = r.save_action(f.action(alice.id, solo.id))
    r.set_setting("theme", {"name": "nord", "sizes": [1, 2]})
    summary = r.refresh_summary(alice.id)
    service.close()

    again = reopen(data_dir)
    try:
        r2 = again.records
        assert r2.supervisees(include_archived=True) == [bob, alice]
        assert r2.supervisees() == [bob]
        assert r2.supervisee(alice.id) == alice
        assert r2.agreement(alice.id) == agreement
        assert r2.cases(alice.id) == [case]
        assert {s.id: s for s in r2.sessions(alice.id)} == {
            s.id: s for s in (solo, group, cancelled)}
        assert r2.sessions(bob.id) == [group]
        assert r2.session(alice.id, cancelled.id) == cancelled
        assert r2.decisions(alice.id) == [first, second]
        assert verify_chain(r2.decisions(alice.id)) == []
        assert r2.actions(alice.id) == [action]
        assert r2.setting("theme") == {"name": "nord", "sizes": [1, 2]}
        assert r2.summaries()[alice.id] == summary
    finally:
        again.close()


def test_summary_row_round_trips(service, data_dir):
    full = f.summary("s-00000000000a")
    service.records.folder.roster.table("summaries").insert(to_dict(full))
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.summaries() == {full.supervisee_id: full}
    finally:
        again.close()


def test_upsert_replaces_and_does_not_duplicate(service, data_dir):
    r = service.records
    person = r.save_supervisee(f.supervisee())
    s = f.session([person.id])
    r.save_session(s)
    s.notes += "More.\n"
    r.save_notes(s)
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.sessions(person.id) == [s]
    finally:
        again.close()
