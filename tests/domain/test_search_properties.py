from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.search import HitKind, SearchIndex, parse_query
from supervisor_tui.domain.session import Session
from tests.support import STAMP

WORD = st.text(alphabet=st.sampled_from("abcXYZßİéΣσς1-'"), min_size=1, max_size=8)


@given(words=st.lists(WORD, min_size=1, max_size=40), pick=st.integers(min_value=0))
def test_any_word_of_a_note_finds_it_and_is_highlighted(words, pick):
    notes = " ".join(words)
    word = words[pick % len(words)]
    idx = SearchIndex()
    idx.put("s", [Session(["s"], notes=notes, id="x-1", created_at=STAMP)], [], [])
    hits = idx.search(word).hits
    assert [(h.kind, h.session_id) for h in hits] == [(HitKind.NOTES, "x-1")]
    hit = hits[0]
    assert hit.spans
    for start, end in hit.spans:
        assert 0 <= start < end <= len(hit.snippet)
    start, end = hit.spans[0]  # the first match is always whole in the window
    assert word.casefold() in hit.snippet[start:end].casefold()


@given(words=st.lists(WORD, min_size=1, max_size=20), other=WORD)
def test_a_word_not_in_the_text_finds_nothing(words, other):
    notes = " ".join(words)
    idx = SearchIndex()
    idx.put("s", [Session(["s"], notes=notes, id="x-1", created_at=STAMP)], [], [])
    found = idx.search(f'"{other}"').hits
    assert bool(found) == (other.casefold() in notes.casefold())


TEXT = st.text(alphabet=st.sampled_from("abcXYZßİéΣσς1-' ,.\"\n"), max_size=30)


@given(notes=st.lists(TEXT, min_size=1, max_size=80), data=st.data())
def test_a_query_finds_exactly_the_texts_holding_every_term(notes, data):
    """Whatever the words index narrows to, what is found is what a plain substring search of
    every case-folded text finds: words inside words, phrases, punctuation, across chunks."""
    sessions = [Session(["s"], notes=text, id=f"x-{n}", created_at=STAMP)
                for n, text in enumerate(notes)]
    source = data.draw(st.sampled_from(notes))
    start = data.draw(st.integers(min_value=0, max_value=len(source)))
    piece = source[start:start + data.draw(st.integers(min_value=1, max_value=12))]
    query = data.draw(st.sampled_from([piece, f'"{piece}"', f"{piece} a", f'"{piece}" b']))
    idx = SearchIndex()
    idx.put("s", sessions, [], [])
    terms = parse_query(query)
    expected = {s.id for s in sessions if s.notes.strip() and terms
                and all(t in s.notes.casefold() for t in terms)}
    assert {h.session_id for h in idx.search(query, limit=1000).hits} == expected
