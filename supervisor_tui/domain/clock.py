"""The clock type and identifiers shared by the domain.

The domain never reads the wall clock: every timestamp is given to it. The entry points (the
command line, the benchmarks) make the one clock and pass it down.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
"""Returns the current time, aware."""


def new_id(prefix: str = "") -> str:
    """An opaque identifier; never derived from a person's name."""
    return f"{prefix}{secrets.token_hex(6)}"
