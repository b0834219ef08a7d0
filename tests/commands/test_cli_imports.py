"""Building the command line loads only the commands' options, not what each command runs.

Plain `supervisor-tui` builds the whole parser before it launches the app, so anything a
command module imports at its top is paid for before the first frame.
"""

from __future__ import annotations

import json
import subprocess
import sys

from supervisor_tui.cli import COMMANDS

PROBE = """
import json, sys
import supervisor_tui.cli as cli
cli.build_parser()
print(json.dumps(sorted(sys.modules)))
"""

#: Packages (and everything under them) that only a command's handler, or the app, needs.
HEAVY = [
    "supervisor_tui.app",
    "supervisor_tui.config",
    "supervisor_tui.domain",
    "supervisor_tui.paths",
    "supervisor_tui.reports",
    "supervisor_tui.store",
    "supervisor_tui.ui",
    "asyncio",
    "cryptography",
    "dateutil",
    "icalendar",
    "orjson",
    "platformdirs",
    "textual",
    "tinydb",
]


def test_building_the_parser_loads_no_command_dependencies() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=60, check=True)
    modules = json.loads(result.stdout)
    # Every command module was imported and registered; none brought its dependencies.
    assert {f"supervisor_tui.commands.{name}" for name in COMMANDS} <= set(modules)
    loaded = [m for m in modules
              if any(m == heavy or m.startswith(heavy + ".") for heavy in HEAVY)]
    assert loaded == []


LAUNCH_PROBE = """
import json, sys
import supervisor_tui.cli as cli
args = cli.parse_args(["--data-dir", "somewhere", "--config", "c.toml"])
print(json.dumps([sorted(sys.modules), str(args.data_dir), args.handler.__name__]))
"""


def test_launching_parses_without_any_command_module() -> None:
    result = subprocess.run([sys.executable, "-c", LAUNCH_PROBE], capture_output=True,
                            text=True, timeout=60, check=True)
    modules, data_dir, handler = json.loads(result.stdout)
    assert (data_dir, handler) == ("somewhere", "launch")
    assert not {f"supervisor_tui.commands.{name}" for name in COMMANDS} & set(modules)
