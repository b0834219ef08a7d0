"""The compact part of the search index and the form it is kept in on disk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.enums import DecisionFlag
from supervisor_tui.domain.search import PartError, SearchFilters, SearchIndex
from supervisor_tui.domain.search_part import CHUNK, OpenChunks, Part
from supervisor_tui.domain.session import Session
from tests import history_data as h

QUERIES = ["the", "jb-1042", "strategy", "complaint", "rushing", "weekend", "", '"legal plan"']
FILTERS = [None, SearchFilters(flagged_only=True), SearchFilters(case_ref="KM-7"),
           SearchFilters(date_from=h.at(9, 1).date())]


def fixture_index() -> SearchIndex:
    """The fixed history, and Alex's decisions made over several chunks' worth of texts."""
    idx = SearchIndex()
    for sid in (h.ALEX, h.BEA):
        mine = [s for s in h.sessions() if sid in s.supervisee_ids]
        decisions = [d for d in h.decisions() if d.supervisee_id == sid]
        if sid == h.ALEX:
            decisions += [Decision(sid, h.S2, f"Strategy point {n}", f"Raised in week {n}",
                                   "KM-7", decided_at=h.at(9, 1) + timedelta(hours=n),
                                   id=f"d-{n:012x}") for n in range(1, 2 * CHUNK)]
        idx.put(sid, mine, decisions, [a for a in h.actions() if a.supervisee_id == sid])
    return idx


def test_a_part_read_back_from_its_stored_form_finds_exactly_what_it_found():
    built = fixture_index()
    loaded = SearchIndex()
    for sid in built.supervisee_ids:
        loaded.set_part(sid, Part.from_bytes(built.part(sid).to_bytes()))
    assert loaded.text_count == built.text_count > 3 * CHUNK  # several chunks
    for query in QUERIES:
        for filters in FILTERS:
            assert loaded.search(query, filters) == built.search(query, filters), query
    assert built.search("complaint").hits  # the comparison compared something
    assert len(built.search("strategy point").hits) == 2 * CHUNK - 1


def test_times_keep_their_offset_and_a_text_without_one_sorts_last():
    plus_two = timezone(timedelta(hours=2))
    s = Session(["s"], notes="morning visit", id="x-1", created_at=datetime(2026, 5, 1, tzinfo=UTC),
                planned_start=datetime(2026, 5, 4, 9, 30, 15, 123456, tzinfo=plus_two))
    d = Decision("s", "x-gone", "visit weekly", "why", None, [DecisionFlag.SAFEGUARDING],
                 decided_at=datetime(2026, 5, 5, tzinfo=UTC), id="d-1")
    idx = SearchIndex()
    idx.put("s", [s], [d], [])
    again = SearchIndex()
    again.set_part("s", Part.from_bytes(idx.part("s").to_bytes()))
    hits = again.search("visit").hits
    assert [x.ref_id for x in hits] == ["d-1", "x-1"]
    assert hits[1].when == s.when and hits[1].when.utcoffset() == timedelta(hours=2)
    assert again.search("", SearchFilters(flagged_only=True)).hits[0].ref_id == "d-1"


def test_an_empty_part_is_kept_and_read_back():
    idx = SearchIndex()
    idx.put("s", [], [], [])
    again = SearchIndex()
    again.set_part("s", Part.from_bytes(idx.part("s").to_bytes()))
    assert again.text_count == 0 and again.search("anything").hits == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_refused_with_part_error_or_read(blob):
    try:
        part = Part.from_bytes(blob)
    except PartError:
        return
    assert len(part) >= 0


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_damaged_stored_part_is_refused_or_fails_only_with_part_error(data):
    stored = bytearray(fixture_index().part(h.ALEX).to_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(stored) - 1))
        stored[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(stored)))
    idx = SearchIndex()
    try:
        idx.set_part(h.ALEX, Part.from_bytes(
            bytes(stored[:cut] if data.draw(st.booleans()) else stored)))
    except PartError:
        return
    for query in ("the", "visits", ""):
        try:
            idx.search(query, SearchFilters(flagged_only=not query))
        except PartError as exc:
            assert exc.args == (h.ALEX,)  # names whose part to make again, and drops it
            assert h.ALEX not in idx
            return


def test_a_damaged_chunk_is_found_when_a_hit_opens_it():
    idx = fixture_index()
    part = Part.from_bytes(idx.part(h.ALEX).to_bytes())
    part.chunks[0] = b"not zstandard"
    idx._parts[h.ALEX] = part  # noqa: SLF001 - planting the damage a disk could hold
    with pytest.raises(PartError) as raised:
        idx.search("the")
    assert raised.value.args == (h.ALEX,) and h.ALEX not in idx


@pytest.mark.parametrize("stamp", [float("nan"), float("inf"), 1e300, -1e300])
def test_a_stored_time_no_datetime_can_hold_is_refused(stamp):
    part = Part.from_bytes(fixture_index().part(h.BEA).to_bytes())
    part.times[0] = stamp
    with pytest.raises(PartError):
        Part.from_bytes(part.to_bytes())


@pytest.mark.parametrize("query", ['"point 1"', "point-1", "1,"])
def test_a_damaged_chunk_is_found_when_a_phrase_is_checked_in_it(query):
    idx = fixture_index()
    part = Part.from_bytes(idx.part(h.ALEX).to_bytes())
    part.chunks = [chunk[:-4] for chunk in part.chunks]  # each cut short
    idx._parts[h.ALEX] = part  # noqa: SLF001 - planting the damage a disk could hold
    with pytest.raises(PartError) as raised:
        idx.search(query, limit=10_000)
    assert raised.value.args == (h.ALEX,) and h.ALEX not in idx


def test_the_parts_of_an_index_hold_a_bounded_number_of_opened_chunks_between_them():
    idx = fixture_index()
    opened = OpenChunks(room=2)
    for sid in (h.ALEX, h.BEA):
        idx.part(sid).opened = opened
    assert len(idx.search("", SearchFilters(case_ref="KM-7"), limit=10_000).hits) > 2 * CHUNK
    assert len(opened._rows) == 2  # noqa: SLF001 - what is held, past three chunks shown
    assert idx.search("strategy point 1 ").hits  # and what is let go is opened again


def test_a_part_replaced_or_dropped_leaves_none_of_its_chunks_held():
    idx = fixture_index()
    assert idx.search("the").hits
    opened = idx.part(h.ALEX).opened
    old_alex, old_bea = idx.part(h.ALEX), idx.part(h.BEA)
    held = opened._rows  # noqa: SLF001 - what is held
    assert {k[0] for k in held} == {old_alex, old_bea}
    idx.set_part(h.ALEX, Part.from_bytes(old_alex.to_bytes()))
    idx.drop(h.BEA)
    assert not any(k[0] in (old_alex, old_bea) for k in held)
