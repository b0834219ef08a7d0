"""The codec alone: every domain object survives to_dict -> JSON -> from_dict; bad shapes are
refused with DecodeError, never a bare TypeError."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.codec import DecodeError, from_dict, to_dict
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import Session
from tests import strategies as gen

SID = "s-000000000001"
OBJECTS = st.one_of(gen.supervisees(), gen.agreements(SID), gen.cases(), gen.sessions(SID),
                    gen.decisions(SID), gen.actions(SID))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OBJECTS)
def test_every_object_round_trips_through_json(obj):
    again = from_dict(type(obj), orjson.loads(orjson.dumps(to_dict(obj))))
    assert again == obj
    assert to_dict(again) == to_dict(obj)


@pytest.mark.parametrize(("cls", "data"), [
    (Supervisee, {"name": 5}),
    (Supervisee, {"role": "no name"}),
    (Supervisee, {"name": "A", "archived": "yes"}),
    (Supervisee, {"name": "A", "created_at": "2026-01-01T10:00"}),  # no time zone
    (Agreement, {"supervisee_id": "s", "duration_minutes": True}),
    (Agreement, {"supervisee_id": "s", "review_date": "next week"}),
    (Case, {"ref": "AB", "risk": "extreme"}),
    (Session, {"supervisee_ids": "s-1"}),
    (Session, {"supervisee_ids": ["s"], "agenda": [{"title": 1}]}),
    (Session, {"supervisee_ids": ["s"], "checklist": ["a"]}),
    (Decision, {"supervisee_id": "s", "session_id": "x", "text": "t", "rationale": "r",
                "flags": ["secret"]}),
    (Action, {"supervisee_id": "s", "session_id": "x", "text": "t", "owner": "o",
              "due": 20260101}),
    (Action, []),
])
def test_wrong_shapes_are_decode_errors(cls, data):
    with pytest.raises(DecodeError):
        from_dict(cls, data)


@pytest.mark.parametrize(("cls", "data"), [
    (Case, {"ref": "AB", "risk": "SECRET words"}),
    (Case, {"ref": "AB", "risk": ["SECRET"]}),
    (Supervisee, {"name": "A", "created_at": "SECRET words"}),
    (Supervisee, {"name": "A", "created_at": "2026-01-01T10:00:00+99:00"}),
    (Agreement, {"supervisee_id": "s", "review_date": "SECRET words"}),
])
def test_decode_errors_never_repeat_the_stored_value(cls, data):
    with pytest.raises(DecodeError) as caught:
        from_dict(cls, data)
    message = str(caught.value)
    assert "SECRET" not in message and message.startswith(f"{cls.__name__}.")
