"""Property: whatever a user can type round-trips exactly through Records -> disk -> reopen."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.hashchain import verify_chain
from tests import strategies as gen
from tests.support import open_service

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | gen.free_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(gen.short_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def histories(draw: st.DrawFn):
    person = draw(gen.supervisees())
    sid = person.id
    return (
        person,
        draw(gen.agreements(sid)),
        draw(st.lists(gen.cases(), max_size=3, unique_by=lambda c: c.ref)),
        draw(st.lists(gen.sessions(sid), max_size=3, unique_by=lambda s: s.id)),
        draw(st.lists(gen.decisions(sid), max_size=3, unique_by=lambda d: d.id)),
        draw(st.lists(gen.actions(sid), max_size=3, unique_by=lambda a: a.id)),
        draw(st.lists(st.tuples(gen.short_text, json_values), max_size=3,
                      unique_by=lambda kv: kv[0])),
    )


@SETTINGS
@given(histories())
def test_everything_typed_round_trips_exactly(history):
    person, agreement, cases, sessions, decisions, actions, settings_ = history
    # Content, not durability, is under test here (test_faults and test_sigkill cover that):
    # skipping fsync keeps hundreds of saves quick on a busy disk.
    with tempfile.TemporaryDirectory() as tmp, mock.patch("os.fsync"):
        folder = Path(tmp) / "data"
        svc = open_service(folder)
        try:
            r = svc.records
            r.save_supervisee(person)
            r.save_agreement(agreement)
            for case in cases:
                r.save_case(person.id, case)
            for session in sessions:
                r.save_session(session)
            for decision in decisions:
                r.add_decision(decision)
            for action in actions:
                r.save_action(action)
            for key, value in settings_:
                r.set_setting(key, value)
        finally:
            svc.close()

        again = open_service(folder)
        try:
            r = again.records
            assert r.supervisees(include_archived=True) == [person]
            assert r.agreement(person.id) == agreement
            assert r.cases(person.id) == sorted(cases, key=lambda c: c.ref.casefold())
            by_id = {s.id: s for s in r.sessions(person.id)}
            assert by_id == {s.id: s for s in sessions}
            for s in sessions:  # text is exactly what was typed, code point for code point
                assert by_id[s.id].notes == s.notes
            assert r.decisions(person.id) == decisions
            assert verify_chain(r.decisions(person.id)) == []
            assert {a.id: a for a in r.actions(person.id)} == {a.id: a for a in actions}
            for key, value in settings_:
                assert r.setting(key) == value
        finally:
            again.close()
