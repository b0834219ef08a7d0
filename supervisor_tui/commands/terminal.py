"""The commands' output streams: whatever a message or a record holds (a name restored from a
backup, an id or a path typed as an argument), its control characters are shown as visible
symbols and never acted on by the terminal: no retitled window, cleared screen, written
clipboard or reversed line."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO, cast

from supervisor_tui.domain.text_safety import for_terminal


class DefusedStream(io.TextIOBase):
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def write_control(self, text: str) -> None:
        """The commands' own control characters (a progress line's carriage return)."""
        self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding


@contextmanager
def defused_output() -> Iterator[None]:
    """Standard output and error defused for the duration."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, DefusedStream(out))
    sys.stderr = cast(TextIO, DefusedStream(err))
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err


def write_control(text: str) -> None:
    """Write the commands' own control characters to standard error as they are."""
    write = getattr(sys.stderr, "write_control", sys.stderr.write)
    write(text)
