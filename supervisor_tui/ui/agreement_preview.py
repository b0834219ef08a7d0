"""What the agreement form shows back before a save: the rule in words, when it applies from,
the next sessions it plans, and the notes worth reading first (as Textual markup)."""

from __future__ import annotations

from datetime import datetime

from textual.markup import escape

from supervisor_tui.domain.dates import describe_day
from supervisor_tui.domain.people import GROUP_RHYTHMS, Agreement
from supervisor_tui.domain.recurrence import describe_rule, local_occurrences, zone_of
from supervisor_tui.domain.scheduling import agreement_start


def preview_lines(agreement: Agreement, warnings: list[str], now: datetime,
                  replans_the_past: bool) -> list[str]:
    start = agreement_start(agreement)
    today = now.date()
    first = max(now, start)
    upcoming = local_occurrences(agreement.rrule, start.replace(tzinfo=None),
                                 zone_of(agreement.timezone), first,
                                 first.replace(year=first.year + 2))[:3]
    lines = [
        f"[b]{describe_rule(agreement.rrule, start.replace(tzinfo=None))}[/b] at "
        f"{start.strftime('%H:%M')} ({escape(agreement.timezone)}), "
        f"{agreement.duration_minutes} minutes",
        f"Applies from: {describe_day(start.date(), today)}",
        "Sessions: " + (", ".join(d.strftime("%a %d %b %Y") for d in upcoming) or "none"),
    ]
    if agreement.group_rrule:
        lines.append(f"{GROUP_RHYTHMS[agreement.group_rrule]}, counted apart from the "
                     "one-to-ones")
    if agreement.review_date:
        lines.append(f"Review: {describe_day(agreement.review_date, today)}")
    lines.extend(f"[b]Note:[/b] {escape(w)}" for w in warnings)
    if replans_the_past:
        lines.append("[b]Note:[/b] the changed pattern also re-plans past dates from "
                     f"{start:%d %b %Y}. To keep past dates as they were, start it from "
                     "today or later.")
    return lines
