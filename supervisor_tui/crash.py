"""Redacted error reports: what failed and where, never a value.

A report holds the exception's type and, for each frame, the file, line and function name; no
message (it could quote record text) and no local variables. It goes to a private file in the
user's log folder, and the user is told only where it is.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from supervisor_tui import __version__
from supervisor_tui.paths import default_log_dir

SAFE_MESSAGE = "Something went wrong; nothing you typed was sent anywhere."


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    function: str


def _frames(tb: TracebackType | None) -> list[Frame]:
    return [Frame(_short(f.filename), f.lineno or 0, f.name) for f in traceback.extract_tb(tb)]


def _short(filename: str) -> str:
    """The path from the package (or library) folder on, so no home folder name is kept."""
    parts = Path(filename).parts
    for anchor in ("supervisor_tui", "site-packages", "lib"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) + (anchor != "supervisor_tui"):])
    return Path(filename).name


def _type_name(exc: BaseException) -> str:
    cls = type(exc)
    return cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def redact(exc: BaseException) -> str:
    """The report text for `exc` and the exceptions chained to it."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{_type_name(current)}")
        lines += [f"  {f.file}:{f.line} in {f.function}" for f in _frames(current.__traceback__)]
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by / while handling:")
    return "\n".join(lines)


# A frame heading inside a Rich traceback panel: "│ <file>:<line> in <function>   │".
_RICH_FRAME = re.compile(r"^│ (\S+\.py):(\d+) in ([A-Za-z_<][\w<>.]*) *│$")
_RICH_TYPE = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def redact_rendered(text: str) -> str:
    """Keep only frame headings and exception type names from a rendered Rich traceback.

    Used for errors Textual reports itself; every value (locals, messages, code) is dropped.
    A frame heading is a whole panel line; the type is the word before the colon on the first
    line after a traceback panel closes (the message after it is dropped).
    """
    kept: list[str] = []
    after_panel = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("╰"):
            after_panel = True
            continue
        if after_panel and line.strip():
            after_panel = False
            kind = _RICH_TYPE.match(line)
            if kind:
                kept.append(kind.group(1))
            continue
        head = _RICH_FRAME.match(line)
        if head:
            kept.append(f"  {_short(head.group(1))}:{head.group(2)} in {head.group(3)}")
    return "\n".join(kept) if kept else "(no traceback details)"


def write_report(body: str, at: datetime, folder: Path | None = None) -> Path | None:
    """Write a report file (mode 0600) stamped `at`; None if even that is impossible."""
    folder = folder or default_log_dir()
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"error-{stamp}.txt"
    header = (f"supervisor-tui {__version__} error report, {stamp} UTC\n"
              f"Python {platform.python_version()} on {platform.system()}\n"
              "Only exception types and file/line/function names; no values.\n\n")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(header + body + "\n")
    except OSError:
        return None
    return path


def report_exception(exc: BaseException, at: datetime,
                     folder: Path | None = None) -> Path | None:
    return write_report(redact(exc), at, folder)


def app_exit_code(return_code: int | None, crashed: str, at: datetime) -> int:
    """Turn how the app ended into one line on stderr and an exit code (never a traceback):
    `crashed` is what Textual rendered of an unexpected error, if anything."""
    if crashed:  # never a silent exit 0 after an error, whatever code the app ended with
        report = write_report(redact_rendered(crashed), at)
        where = f"; a report without any record text is in {report}" if report else ""
        print(f"supervisor-tui stopped after an unexpected error{where}. "
              "Everything saved before it is on disk.", file=sys.stderr)
        return return_code or 1
    return return_code or 0
