"""Where a line of text wraps, as Textual wraps the text of a Static (words kept whole,
a word longer than the line folded), worked out quickly for the common case.

Rich's word wrapper measures every word's cells in Python; for text whose characters are
each one cell wide, which is most of what home's today panel says, a word's width is its
length, and the same breaks come out at a fraction of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len, chop_cells

WORD = re.compile(r"\s*\S+\s*")
"""A word and the spaces around it, as Rich divides a line."""

NARROW = re.compile(r"[^\x20-\x7e\xa1-\u02ff\u2010-\u2027\u2030-\u205e]")
"""Any character outside the ranges whose characters are each one cell wide and not
spaces other than " " (checked against Rich in the tests): text without one measures by
its length."""


def line_breaks(text: str, width: int) -> list[int]:
    """The offsets at which `text` (one line, no newlines) is cut to fit `width` cells."""
    if width <= 0:
        return []
    if NARROW.search(text) is None:
        if len(text) <= width:
            return []
        return _breaks(text, width, len, lambda word: [
            word[at:at + width] for at in range(0, len(word), width)])
    return _breaks(text, width, cell_len, lambda word: chop_cells(word, width))


def _breaks(text: str, width: int, measure: Callable[[str], int],
            fold: Callable[[str], list[str]]) -> list[int]:
    breaks: list[int] = []
    offset = 0
    for match in WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:  # longer than a line: folded across lines
            pieces = fold(word)
            if not pieces:  # not one character fits (a wide one, at width 1): as Rich, no cut
                continue
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = measure(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = measure(word)
    return breaks
