"""Text a user or a file supplies, checked where it comes in and made safe where it goes out.

In: a one-line field (a name, a case reference, a decision) refuses control characters with a
message that says which; longer text (notes, a rationale) keeps its line breaks and tabs and
loses every other control character. Out: each target gets its own escaping — a terminal
(control characters shown as visible symbols, so a pasted escape sequence cannot retitle the
window, clear the screen or write the clipboard), a CSV cell (a leading = + - @ is neutralised,
as spreadsheet-safe CSV writers do), Markdown (raw HTML is shown, not run) and an .ics text
value (no control characters; the calendar library escapes the rest).
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Direction marks and overrides: they can make a line read differently from what it holds."""
CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
"""Any control character, line breaks and tabs included."""
_CONTROL_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_NAMES = {0x00: "Null", 0x07: "Bell", 0x08: "Backspace", 0x1B: "Escape", 0x7F: "Delete"}


def _named(char: str) -> str:
    name = _NAMES.get(ord(char)) or unicodedata.name(char, "").title()
    return f"{name}, U+{ord(char):04X}" if name else f"U+{ord(char):04X}"


def control_problem(text: str, what: str) -> str | None:
    """Why `text` may not be the one-line `what` (a message for the user), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    if char in "\n\r":
        return f"{what} is one line: remove the line break."
    shown = "a tab" if char == "\t" else f"an invisible control character ({_named(char)})"
    return f"{what} may not hold {shown}; type it again without it."


def clean_lines(text: str) -> str:
    """Multi-line text with every control character removed but line breaks and tabs; a
    Windows line end becomes a plain one."""
    return _CONTROL_BUT_LINES.sub("", text.replace("\r\n", "\n"))


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # one character for one, so highlighted spans still line up


def for_terminal(text: str, keep_lines: bool = True) -> str:
    """Text that is safe to write to a terminal: every control character (but line breaks and
    tabs when `keep_lines`) shown as a visible symbol instead of acted on, one for one."""
    pattern = _CONTROL_BUT_LINES if keep_lines else CONTROL
    return pattern.sub(lambda m: _visible(m.group()), text)


def for_json(encoded: str) -> str:
    """JSON text as an encoder wrote it, with the control characters it leaves raw in strings
    (C1 controls, direction overrides) written as `\\u` escapes: the same data, and nothing a
    terminal acts on."""
    return _CONTROL_BUT_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def for_csv(value: object) -> object:
    """A cell a spreadsheet shows as text: text starting like a formula gets a leading quote
    mark; control characters but line breaks are removed (the CSV quoting keeps lines)."""
    if not isinstance(value, str):
        return value
    cleaned = clean_lines(value)
    if cleaned.startswith(_FORMULA_START):
        return "'" + cleaned
    return cleaned


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def for_markdown(text: str) -> str:
    """Text for a Markdown file: HTML in it is shown as written, never run by a viewer; line
    breaks kept, other control characters removed."""
    return clean_lines(text).translate(_HTML)


def for_ics(text: str) -> str:
    """A calendar text value without control characters (line breaks become spaces)."""
    return CONTROL.sub(" ", text).strip()
