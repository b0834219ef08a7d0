"""Planned dates from an agreement's recurrence rule (RFC 5545 RRULE, evaluated by dateutil)."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.rrule import rrulestr

from supervisor_tui.domain.people import Agreement, ValidationError


def parse_rule(agreement: Agreement, start: datetime):
    try:
        return rrulestr(agreement.rrule, dtstart=agreement.dtstart or start)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"The recurrence rule is not valid: {exc}") from None


def next_due(agreement: Agreement | None, last_held: datetime | None,
             now: datetime) -> datetime | None:
    """The first planned date after the last held session (or from now if none was held)."""
    if agreement is None:
        return None
    anchor = last_held or now
    rule = parse_rule(agreement, anchor)
    return rule.after(anchor + timedelta(seconds=1) if last_held else anchor, inc=True)
