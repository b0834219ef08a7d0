"""A date and time typed in free text, read back under the field as it will be saved (or the
field's hint, or "not a date yet"), so a misread date is seen before it is kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.widgets import Static

from supervisor_tui.domain.dates import describe_day, describe_moment, parse_moment
from supervisor_tui.domain.people import ValidationError


def echo_moment(shown: Static, text: str, now: datetime, hint: str) -> None:
    if not text.strip():
        shown.set_classes("hint")
        shown.update(hint)
        return
    try:
        moment = parse_moment(text, now)
    except ValidationError:
        shown.set_classes("hint")
        shown.update("not a date yet")
        return
    shown.set_classes("shown-back")
    shown.update(describe_moment(moment, now))


def echo_day(shown: Static, text: str, today: date,
             read: Callable[[str], date | None]) -> None:
    """A day typed in free text read back as it will be kept (`read` gives it, None for an
    empty field, or says why not)."""
    try:
        day = read(text)
    except ValidationError as exc:
        shown.set_classes("hint")
        shown.update(str(exc) if text.strip() else "")
        return
    shown.set_classes("shown-back" if day else "hint")
    shown.update(describe_day(day, today) if day else "")
