from datetime import date

import pytest

from supervisor_tui.domain.balance import function_balance, wellbeing_series
from supervisor_tui.domain.coverage import case_coverage
from supervisor_tui.domain.enums import ActionStatus, EntryKind
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.search import HitKind, SearchFilters
from supervisor_tui.domain.session import RecordEntry
from supervisor_tui.services.history import (
    add_record_entry,
    close_action,
    load_history,
    redate_action,
)
from supervisor_tui.services.search import refresh_index, search_records
from tests import history_data as h
from tests.conftest import reopen
from tests.support import STAMP, at_time


@pytest.fixture
def records(service):
    h.write_history(service.records)
    return at_time(service, h.NOW)


def test_load_history_is_newest_first_with_names(records):
    history = load_history(records, h.ALEX)
    assert [s.id for s in history.sessions] == [h.S5, h.S4, h.S3, h.S2, h.S1]
    assert history.names == {h.ALEX: "Alex Rivera", h.BEA: "Bea Chen"}
    assert [d.id for d in history.decisions] == ["d-000000000001", "d-000000000002",
                                                 "d-000000000003"]
    assert {c.ref for c in history.cases} == {"JB-1042", "KM-7", "LP-33"}


def test_load_history_works_out_what_the_review_tabs_show(records):
    history = load_history(records, h.ALEX)
    assert history.decision_counts == {h.S1: 1, h.S2: 1, h.S4: 1}
    assert [c.case.ref for c in history.coverage] == [
        c.case.ref for c in case_coverage(history.cases, history.sessions, history.decisions)]
    assert history.balance == function_balance(h.ALEX, history.sessions)
    assert history.group_balance == function_balance(h.ALEX, history.sessions, group=True)
    assert history.wellbeing == wellbeing_series(h.ALEX, history.sessions)
    assert history.balance.sessions > 0 and history.wellbeing


def test_amendment_keeps_the_original(records, service, data_dir):
    before = records.records.session(h.ALEX, h.S2)
    entry = RecordEntry("The deadline was 14 Sept, not 4 Sept.", "Typing error", "Jo",
                        EntryKind.AMENDMENT, at=h.at(11, 23), id="e-000000000009")
    add_record_entry(records, h.ALEX, h.S2, entry)
    service.close()
    again = reopen(data_dir)
    try:
        after = again.records.session(h.ALEX, h.S2)
        assert after.entries == [entry]
        after.entries = []
        assert after == before
    finally:
        again.close()


def test_entries_only_on_finalised_records(records):
    with pytest.raises(ValidationError):
        add_record_entry(records, h.ALEX, h.S3, RecordEntry("x", "y", "Jo", at=STAMP))
    with pytest.raises(ValidationError):
        add_record_entry(records, h.ALEX, h.S2, RecordEntry("x", "", "Jo", at=STAMP))


def test_close_and_redate_reach_disk(records, service, data_dir):
    close_action(records, h.ALEX, "t-000000000001", ActionStatus.DROPPED)
    redate_action(records, h.ALEX, "t-000000000002", date(2027, 1, 8))
    with pytest.raises(ValidationError):
        redate_action(records, h.ALEX, "t-000000000001", date(2027, 1, 8))
    service.close()
    again = reopen(data_dir)
    try:
        found = {a.id: a for a in again.records.actions(h.ALEX)}
        assert found["t-000000000001"].status is ActionStatus.DROPPED
        assert found["t-000000000001"].closed_at == h.NOW
        assert found["t-000000000002"].due == date(2027, 1, 8)
        assert found["t-000000000002"].is_open
        summary = again.records.summaries()[h.ALEX]
        assert (summary.open_actions, summary.overdue_actions(h.NOW.date())) == (1, 0)
    finally:
        again.close()


def test_search_sees_every_save_and_rebuilds_only_what_changed(records):
    index = refresh_index(records.records)
    assert set(index.supervisee_ids) == {h.ALEX, h.BEA}
    assert search_records(records, "weekend", supervisee_id=h.ALEX).hits
    session = records.records.session(h.ALEX, h.S4)
    session.notes += " Planned a phased return after leave."
    records.records.save_notes(session)
    hits = search_records(records, "phased return").hits
    assert [(x.kind, x.session_id) for x in hits] == [(HitKind.NOTES, h.S4)]
    bea_part = index._parts[h.BEA]  # noqa: SLF001 - checking the part was kept, not rebuilt
    search_records(records, "anything")
    assert index._parts[h.BEA] is bea_part  # noqa: SLF001


def test_search_records_applies_filters(records):
    hits = search_records(records, "", SearchFilters(flagged_only=True)).hits
    assert {x.supervisee_id for x in hits} == {h.ALEX, h.BEA}
    assert {x.kind for x in hits} == {HitKind.DECISION, HitKind.RATIONALE}


def test_fast_index_view_finds_what_the_full_decode_finds(records):
    from supervisor_tui.domain.search import SearchIndex

    full = SearchIndex()
    for sid in (h.ALEX, h.BEA):
        full.put(sid, records.records.sessions(sid), records.records.decisions(sid),
                 records.records.actions(sid))
    for query in ["the", "jb-1042", "strategy", "complaint", "rushing", ""]:
        for filters in [None, SearchFilters(flagged_only=True),
                        SearchFilters(case_ref="KM-7")]:
            expected = full.search(query, filters)
            assert search_records(records, query, filters) == expected, (query, filters)


def test_a_decision_copied_to_its_case_record_is_kept_once_and_shown(records, service,
                                                                     data_dir):
    from datetime import timedelta

    from supervisor_tui.reports.audit import build_audit
    from supervisor_tui.reports.practitioner import practitioner_markdown
    from supervisor_tui.services.history import copy_to_case_record
    from supervisor_tui.services.integrity import check_record
    from supervisor_tui.store.bundle import load_bundle

    decision = next(d for d in service.records.decisions(h.ALEX) if d.case_ref)
    found = copy_to_case_record(records, h.ALEX, decision.id)
    assert not found.before and found.copied.at == h.NOW
    assert f"Case: {decision.case_ref}" in found.text
    assert f"Decision: {decision.text}" in found.text
    assert f"Rationale: {decision.rationale}" in found.text
    assert "supervisee: Alex Rivera" in found.text
    later = at_time(service, h.NOW + timedelta(days=1))
    again = copy_to_case_record(later, h.ALEX, decision.id)
    assert again.before and again.copied.at == h.NOW  # the first copy is what is kept
    service.close()
    fresh = reopen(data_dir)
    try:
        assert [c.id for c in fresh.records.case_copies(h.ALEX)] == [decision.id]
        bundle = load_bundle(fresh.records, h.ALEX)
        assert check_record(fresh.workspace).ok
    finally:
        fresh.close()
    markdown = practitioner_markdown(bundle, h.NOW, h.NOW.date())
    assert "Copied to the case record 20" in markdown
    with_case = sum(1 for d in bundle.decisions if d.case_ref)
    row = build_audit([bundle], date(2026, 1, 1), h.NOW.date(), h.NOW.date()).rows[0]
    assert row.decisions_not_copied == with_case - 1


def test_the_supervisee_comments_on_a_finalised_record_in_their_own_words(records, service):
    from supervisor_tui.reports.record import session_markdown

    comment = RecordEntry("I see the risk as lower than written: the school reports no "
                          "concerns since October.", "", "Alex Rivera",
                          kind=EntryKind.SUPERVISEE_COMMENT, at=h.NOW)
    add_record_entry(records, h.ALEX, h.S1, comment)
    session = service.records.session(h.ALEX, h.S1)
    assert session.entries[-1].kind is EntryKind.SUPERVISEE_COMMENT
    text = session_markdown(session, {h.ALEX: "Alex Rivera"}, [], [])
    assert "## The supervisee's comment, " in text and "by Alex Rivera" in text
    assert "the school reports no concerns" in text


def test_a_decision_about_no_case_is_not_copied_to_a_case_record(records, service):
    from supervisor_tui.domain.decisions import Decision
    from supervisor_tui.services.history import copy_to_case_record

    decision = service.records.add_decision(Decision(h.ALEX, h.S1, "Take leave owed",
                                                     "Workload", decided_at=h.NOW))
    with pytest.raises(ValidationError, match="names no case"):
        copy_to_case_record(records, h.ALEX, decision.id)
    assert service.records.case_copies(h.ALEX) == []
