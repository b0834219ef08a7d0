from datetime import date

import pytest

from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.search import HitKind, SearchFilters, SearchIndex, parse_query
from supervisor_tui.domain.session import AgendaItem, Session
from tests import history_data as h
from tests.support import STAMP


@pytest.fixture
def index() -> SearchIndex:
    idx = SearchIndex()
    for sid in (h.ALEX, h.BEA):
        idx.put(sid, [s for s in h.sessions() if sid in s.supervisee_ids],
                [d for d in h.decisions() if d.supervisee_id == sid],
                [a for a in h.actions() if a.supervisee_id == sid])
    return idx


def kinds(result):
    return [(hit.kind, hit.session_id) for hit in result.hits]


def test_parse_query_folds_case_and_keeps_phrases():
    assert parse_query('Duty  "Home Visit" duty') == ["duty", "home visit"]
    assert parse_query("   ") == []


@pytest.mark.parametrize("query, kind, session", [
    ("weekend duty", HitKind.NOTES, h.S1),
    ("court report deadline", HitKind.AGENDA, h.S2),
    ("legal planning", HitKind.DECISION, h.S2),
    ("threshold for proceedings", HitKind.RATIONALE, h.S2),
    ("safeguarding refresher", HitKind.ACTION, h.S1),
    ("strategy meeting is on", HitKind.ENTRY, h.S4),
    ("rushing assessments", HitKind.SECTION, h.S2),
])
def test_each_kind_of_text_is_found(index, query, kind, session):
    result = index.search(query, supervisee_id=h.ALEX)
    assert kinds(result) == [(kind, session)]


def test_search_is_case_insensitive_and_newest_first(index):
    result = index.search("JB-1042", supervisee_id=h.ALEX)
    assert kinds(result) == [(HitKind.DECISION, h.S4), (HitKind.NOTES, h.S1),
                             (HitKind.DECISION, h.S1)]
    hit = result.hits[1]
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["JB-1042"]


def test_every_term_must_be_in_the_same_text(index):
    assert kinds(index.search("weekend court", supervisee_id=h.ALEX)) == []
    assert kinds(index.search('"duty rota" weekend')) == [(HitKind.NOTES, h.S1)]


def test_one_supervisee_or_everyone(index):
    assert kinds(index.search("complaint", supervisee_id=h.ALEX)) == []
    everyone = index.search("complaint")
    assert {hit.supervisee_id for hit in everyone.hits} == {h.BEA}
    assert len(everyone.hits) == 3  # agenda, notes, decision


def test_group_session_text_is_shown_once(index):
    result = index.search("ecomap")
    assert kinds(result) == [(HitKind.NOTES, h.S5)]


def test_date_range_filter(index):
    f = SearchFilters(date_from=date(2026, 8, 15), date_to=date(2026, 10, 31))
    result = index.search("the", f, supervisee_id=h.ALEX)
    assert result.hits
    assert {hit.session_id for hit in result.hits} <= {h.S2, h.S4}
    with pytest.raises(ValidationError):
        index.search("x", SearchFilters(date_from=date(2026, 9, 1), date_to=date(2026, 8, 1)))


def test_function_filter(index):
    f = SearchFilters(function=Function.RESTORATIVE)
    result = index.search("the", f, supervisee_id=h.ALEX)
    # Sessions with restorative time are S1 and S4; agenda hits must be restorative items.
    assert {hit.session_id for hit in result.hits} <= {h.S1, h.S4}
    assert all(hit.kind is not HitKind.AGENDA or hit.ref_id in ("i-000000000003",
                                                                "i-000000000007")
               for hit in result.hits)
    assert (HitKind.NOTES, h.S1) in kinds(result)


def test_case_filter(index):
    result = index.search("visits", SearchFilters(case_ref="km-7"), supervisee_id=h.ALEX)
    assert kinds(result) == []
    result = index.search("", SearchFilters(case_ref="km-7"), supervisee_id=h.ALEX)
    assert (HitKind.DECISION, h.S2) in kinds(result)
    assert (HitKind.ACTION, h.S2) in kinds(result)
    assert all(hit.session_id in (h.S2, h.S4) for hit in result.hits)


def test_flagged_decisions_only(index):
    result = index.search("", SearchFilters(flagged_only=True))
    assert sorted(kinds(result)) == sorted([
        (HitKind.DECISION, h.S2), (HitKind.RATIONALE, h.S2),
        (HitKind.DECISION, h.S6), (HitKind.RATIONALE, h.S6)])
    assert kinds(index.search("visits", SearchFilters(flagged_only=True))) == []


def test_empty_query_without_filters_finds_nothing(index):
    assert index.search("  ").hits == []


def test_limit_keeps_the_newest(index):
    result = index.search("the", limit=2)
    assert result.truncated
    assert len(result.hits) == 2
    whens = [hit.when for hit in result.hits]
    assert whens == sorted(whens, reverse=True)
    assert whens[0] == h.at(11, 20)


def test_put_replaces_a_supervisee_part(index):
    index.put(h.ALEX, [], [], [])
    assert index.search("weekend").hits == []
    assert index.search("complaint").hits


def test_folding_that_changes_length_still_highlights_the_right_text():
    s = Session(["s"], notes="Die Straße nach Hause, then STRASSE again.", id="x-1",
                created_at=STAMP)
    idx = SearchIndex()
    idx.put("s", [s], [], [])
    hit = idx.search("strasse").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["Straße", "STRASSE"]


def test_snippet_is_a_window_around_the_first_match():
    s = Session(["s"], notes="x" * 200 + " needle " + "y" * 200, id="x-1",
                agenda=[AgendaItem("Needle work", Function.FORMATIVE)], created_at=STAMP)
    idx = SearchIndex()
    idx.put("s", [s], [], [])
    notes = [hit for hit in idx.search("needle").hits if hit.kind is HitKind.NOTES][0]
    assert notes.snippet.startswith("…") and notes.snippet.endswith("…")
    assert [notes.snippet[a:b] for a, b in notes.spans] == ["needle"]
    assert len(notes.snippet) <= 92
