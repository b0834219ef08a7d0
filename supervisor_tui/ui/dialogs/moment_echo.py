"""A date and time typed in free text, read back under the field as it will be saved (or the
field's hint, or "not a date yet"), so a misread date is seen before it is kept."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from supervisor_tui.domain.dates import describe_moment, parse_moment
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
