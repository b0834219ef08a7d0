"""The audit's facts of a history: kept as bytes and read back exactly; anything else read
back is refused."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_tui.reports.audit import audit_of, build_audit
from supervisor_tui.reports.audit_facts import facts_from_bytes, facts_of, facts_to_bytes
from tests.reports.fixture import TODAY
from tests.reports.test_audit import Q1


def test_facts_kept_as_bytes_read_back_exactly(bundles):
    for b in bundles:
        facts = facts_of(b)
        assert facts.sessions and facts_from_bytes(facts_to_bytes(facts)) == facts


def test_an_audit_from_facts_read_back_is_the_audit_of_the_records(bundles):
    kept = [(b.supervisee, b.agreement, facts_from_bytes(facts_to_bytes(facts_of(b))))
            for b in bundles]
    assert all(facts is not None for _, _, facts in kept)
    assert audit_of(kept, *Q1, TODAY) == build_audit(bundles, *Q1, TODAY)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.from_regex(rb'\{"version":1,"sessions":\[.{0,80}\]\}',
                                               fullmatch=True))
def test_bytes_that_are_not_kept_facts_read_as_none(blob):
    found = facts_from_bytes(blob)
    assert found is None or found.version == 1


def test_facts_of_another_version_are_not_used(bundles):
    facts = facts_of(bundles[0])
    facts.version = 99
    assert facts_from_bytes(facts_to_bytes(facts)) is None


def test_kept_facts_naming_an_unknown_function_are_not_used(bundles):
    facts = facts_of(bundles[0])
    held = next(s for s in facts.sessions if s.functions)
    held.functions.append("astrology")
    assert facts_from_bytes(facts_to_bytes(facts)) is None
