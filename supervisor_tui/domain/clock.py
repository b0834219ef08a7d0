"""The clock type and identifiers shared by the domain.

The domain never reads the wall clock: every timestamp is given to it. The entry points (the
command line, the benchmarks) make the one clock and pass it down.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
"""Returns the current time, aware."""


def new_id(prefix: str = "") -> str:
    """An opaque identifier; never derived from a person's name.

    `os.urandom` is what `secrets.token_hex` reads; importing `secrets` loads OpenSSL's hashes
    (about 3 ms), which the first frame does not otherwise need."""
    return f"{prefix}{os.urandom(6).hex()}"
