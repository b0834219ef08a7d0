"""Where a line of text wraps: the same lines as Textual's own wrapping of a Static, for any
text (names from a restored file included) and any width."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from supervisor_tui.ui.wrapping import NARROW, line_breaks


def wrapped(text: str, width: int) -> list[str]:
    """The lines `line_breaks` gives, cut as the today panel cuts them."""
    cuts = [0, *line_breaks(text, width), len(text)]
    content = Content(text)
    lines = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        line = content[start:end]
        if end < len(text):
            line = line.rstrip()
        lines.append(line.truncate(width).rstrip_end(width).plain)
    return lines


def textual(text: str, width: int) -> list[str]:
    return [line.plain for line in Content(text).wrap(width)]


WORDY = st.text(alphabet=st.sampled_from(list("abcdefgh  ,;()-’éß")), max_size=400)
ANY_LINE = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                   max_size=300)


@given(WORDY, st.integers(1, 120))
def test_plain_words_wrap_as_textual_wraps_them(text: str, width: int) -> None:
    assert wrapped(text, width) == textual(text, width)


@given(ANY_LINE, st.integers(1, 120))
def test_any_characters_wrap_as_textual_wraps_them(text: str, width: int) -> None:
    """Wide, combining and unusual spaces take the measured path, with the same result."""
    assert wrapped(text, width) == textual(text, width)


def test_a_word_longer_than_the_line_is_folded() -> None:
    assert wrapped("see C-0000000001234 now", 8) == ["see", "C-000000", "0001234", "now"]
    assert textual("see C-0000000001234 now", 8) == ["see", "C-000000", "0001234", "now"]


def test_every_character_taken_as_one_cell_is_one_cell_and_no_other_space() -> None:
    """What lets a word be measured by its length: checked against Rich for every character
    `NARROW` lets through."""
    for code in range(0x20, 0x3000):
        char = chr(code)
        if NARROW.search(char) is None:
            assert cell_len(char) == 1, hex(code)
            assert char == " " or not re.match(r"\s", char), hex(code)


def test_no_width_gives_no_breaks() -> None:
    assert line_breaks("anything at all", 0) == []


@pytest.mark.parametrize("text", ["Ann \u200d\u200d\u738b", "\u738b\u738b", "a \u200d\U0001f600 b"])
def test_a_word_of_which_not_one_character_fits_wraps_as_textual_wraps_it(text: str) -> None:
    """At width 1 a wide character fits no line: nothing is cut there (this raised before)."""
    assert wrapped(text, 1) == textual(text, 1)
