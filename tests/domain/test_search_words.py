import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.search_words import MANY, Words, WordsError, ascending, words_of

TEXTS = ["safeguarding plan agreed", "the plan", "guard duty", "planning, again", "ok"]


def texts(bits: int | None) -> list[int]:
    assert bits is not None
    return list(ascending(bits))


def stored(words: Words) -> Words:
    blob = b"".join([*words.blobs(), words.postings])
    at = 0

    def take(length: int) -> bytes:
        nonlocal at
        at += length
        return blob[at - length:at]

    again = Words.read(words.count, words.header(), take)
    assert at == len(blob)
    return again


@pytest.mark.parametrize("keep", [lambda w: w, stored], ids=["built", "read back"])
def test_a_word_is_found_inside_words_at_their_ends_or_whole(keep):
    words = keep(Words.build(TEXTS))
    assert texts(words.texts_with("guard", True, True)) == [0, 2]      # anywhere
    assert texts(words.texts_with("guard", False, True)) == [2]        # beginning a word
    assert texts(words.texts_with("guarding", True, False)) == [0]     # ending a word
    assert texts(words.texts_with("plan", False, False)) == [0, 1]     # the word itself
    assert texts(words.texts_with("plan", False, True)) == [0, 1, 3]
    assert words.texts_with("nowhere", True, True) == 0


def test_a_word_found_in_too_many_words_does_not_narrow_the_search():
    words = Words.build([f"x{n}y" for n in range(MANY + 1)])
    assert words.texts_with("x", True, True) is None
    assert texts(words.texts_with("x1y", True, True)) == [1]


def test_common_words_are_kept_as_bitmaps_and_rare_ones_as_lists_and_both_read_back():
    many = ["common"] * 100
    many[7] += " rare"
    words = stored(Words.build(many))
    assert texts(words.texts_with("common", False, False)) == list(range(100))
    assert texts(words.texts_with("rare", False, False)) == [7]
    sizes = {words.word(i): words.at[i + 1] - words.at[i] for i in range(len(words))}
    assert sizes == {"common": 13, "rare": 2}   # 100 texts in 13 bytes; one number in 2


def test_words_are_split_as_the_expression_splits_them_in_ascii_and_beyond():
    assert words_of("o'brien's follow-up, 2026_03\x00x") == {
        b"o", b"brien", b"s", b"follow", b"up", b"2026_03", b"x"}
    assert words_of("straße ﬁ naïve") == {"straße".encode(), "ﬁ".encode(), "naïve".encode()}


@given(st.lists(st.text(max_size=30), max_size=40))
def test_every_word_of_every_text_finds_that_text(found):
    words = Words.build(found)
    for n, text in enumerate(found):
        for word in words_of(text.casefold()):
            assert n in texts(words.texts_with(word.decode(), False, False))


@given(st.binary(max_size=200), st.integers(min_value=0, max_value=300))
def test_damaged_stored_words_are_refused_or_fail_only_with_words_error(blob, count):
    at = 0

    def take(length: int) -> bytes:
        nonlocal at
        if length < 0 or at + length > len(blob):
            raise WordsError("cut short")
        at += length
        return blob[at - length:at]

    head = {"words": blob[0] % 5 if blob else 0, "width": 2, "vocab": blob[1] % 20 if blob[1:]
            else 1, "postings": blob[2] % 40 if blob[2:] else 0}
    try:
        words = Words.read(count, head, take)
        for word in ("a", "b", "\x00"):
            words.texts_with(word, True, True)
    except WordsError:
        pass


def test_ascending_gives_the_set_bits_in_order():
    assert list(ascending(0)) == []
    assert list(ascending((1 << 70) | (1 << 3) | 1)) == [0, 3, 70]
