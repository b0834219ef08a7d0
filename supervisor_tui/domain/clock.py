"""Time and identifier helpers shared by the domain."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime


def now() -> datetime:
    """The current time, aware, in the machine's local zone, to the second."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def new_id(prefix: str = "") -> str:
    """An opaque identifier; never derived from a person's name."""
    return f"{prefix}{secrets.token_hex(6)}"
