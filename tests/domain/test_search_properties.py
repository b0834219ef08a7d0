from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.search import HitKind, SearchIndex
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
