"""Text in and out: one-line fields refuse control characters; each target escapes its own."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.text_safety import (
    CONTROL,
    clean_lines,
    control_problem,
    for_csv,
    for_ics,
    for_markdown,
    for_terminal,
)

anything = st.text(alphabet=st.one_of(st.characters(exclude_categories=("Cs",)),
                                      st.sampled_from("\x1b\x07\x00\x9b\u202e\r\n\t=+-@<>&")))


@given(anything)
def test_nothing_a_terminal_acts_on_is_left(text):
    shown = for_terminal(text, keep_lines=False)
    assert CONTROL.search(shown) is None
    assert len(shown) == len(text)  # one for one: highlighted spans still line up
    kept = for_terminal(text)
    assert set(kept) & set("\x1b\x07\x00\x9b\u202e\r") == set()


@given(anything)
def test_a_one_line_field_takes_text_without_controls_only(text):
    assert (control_problem(text, "The name") is None) == (CONTROL.search(text) is None)


def test_the_message_names_the_character():
    assert "Escape" in (control_problem("a\x1b[2J", "The name") or "")
    assert "line break" in (control_problem("two\nlines", "The title") or "")


@given(anything)
def test_a_csv_cell_never_starts_a_formula(text):
    cell = for_csv(text)
    assert isinstance(cell, str)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    buf = io.StringIO()
    csv.writer(buf).writerow([cell])
    assert next(csv.reader(io.StringIO(buf.getvalue()))) == [cell]
    assert for_csv(-1.5) == -1.5  # numbers stay numbers


@given(anything)
def test_markdown_shows_html_as_written(text):
    out = for_markdown(text)
    assert "<" not in out and ">" not in out
    assert CONTROL.search(out.replace("\n", "").replace("\t", "")) is None
    shown = out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown == clean_lines(text), "the text as written, nothing else changed"


def test_multi_line_text_keeps_its_lines_and_loses_the_rest():
    assert clean_lines("one\r\ntwo\tthree\x1b[31m\x07") == "one\ntwo\tthree[31m"


@given(anything)
def test_a_calendar_value_has_no_control_characters(text):
    assert CONTROL.search(for_ics(text)) is None
