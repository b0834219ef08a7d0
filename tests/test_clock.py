"""One clock: nothing below the command line's entry point reads the wall clock."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import supervisor_tui
from supervisor_tui import cli

PACKAGE = Path(supervisor_tui.__file__).parent
ENTRY_POINT = PACKAGE / "cli.py"
#: Calls that read the wall clock, by the name they are called through.
WALL_CLOCK = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
              ("date", "today"), ("time", "time"), ("time", "time_ns"), ("time", "localtime"),
              ("time", "gmtime"), ("time", "ctime")}


def wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if (name, node.func.attr) in WALL_CLOCK:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}.{node.func.attr}")
        if isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            for alias in node.names:
                if (node.module, alias.name) in {("time", "time"), ("time", "time_ns")}:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} from time import")
    return found


def test_only_the_entry_point_reads_the_wall_clock() -> None:
    leaks = [hit for path in sorted(PACKAGE.rglob("*.py")) if path != ENTRY_POINT
             for hit in wall_clock_reads(path)]
    assert leaks == []
    assert wall_clock_reads(ENTRY_POINT)  # the one place: the check itself can see it


def test_the_entry_points_clock_is_the_moved_wall_clock(wall_clock: datetime | None) -> None:
    """The suite runs with the wall clock moved, so a leak would show a date far from the
    tests' fixed ones; the command line's clock follows it (aware, whole seconds)."""
    now = cli.system_clock()
    assert now.tzinfo is not None and now.microsecond == 0
    expected = wall_clock if wall_clock is not None else datetime.now(UTC)
    assert abs(now - expected).total_seconds() < 600
