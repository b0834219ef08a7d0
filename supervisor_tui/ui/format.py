"""Small display helpers shared by screens."""

from __future__ import annotations

from datetime import date, datetime

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int], low: int = 1, high: int = 5) -> str:
    if not values:
        return ""
    span = max(high - low, 1)
    return "".join(
        SPARK[round((min(max(v, low), high) - low) / span * (len(SPARK) - 1))] for v in values
    )


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
