"""Small display helpers shared by screens."""

from __future__ import annotations

import functools
from datetime import date, datetime

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int], low: int = 1, high: int = 5) -> str:
    return "".join(_bar(v, low, high) for v in values)


@functools.lru_cache(maxsize=64)
def _bar(value: int, low: int, high: int) -> str:
    """One value's bar (cached: every roster row draws a dozen, from a handful of values)."""
    span = max(high - low, 1)
    return SPARK[round((min(max(value, low), high) - low) / span * (len(SPARK) - 1))]


# Every time is shown as it was recorded, in the zone it carries: a planned slot in its
# agreement's zone, a start or a save in the zone of the clock that stamped it. Never converted
# to the machine's zone, so a session reads the same on every screen and in every export,
# whichever machine shows it.


def fmt_date(value: date | datetime | None, empty: str = "—") -> str:
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = value.date()
    return value.strftime("%d %b %Y")


def fmt_datetime(value: datetime | None, empty: str = "—") -> str:
    if value is None:
        return empty
    return value.strftime("%d %b %Y %H:%M")


def fmt_minutes(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:d}:{seconds % 60:02d}"


def fmt_balance(shares: dict[str, float]) -> str:
    """Compact function balance for a table cell: 'N40 F35 R25' (mediation only when used)."""
    if not shares:
        return "—"
    parts = []
    for key, value in shares.items():
        if key == "mediation" and not value:
            continue
        parts.append(f"{key[0].upper()}{round(value * 100)}")
    return " ".join(parts)
