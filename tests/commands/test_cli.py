"""The command line as a user meets it: run as a real process, one-line errors, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supervisor_tui import __version__
from supervisor_tui.domain.people import Supervisee
from tests.conftest import reopen
from tests.support import STAMP, open_service

EXE = shutil.which("supervisor-tui", path=str(Path(sys.executable).parent)) or ""


def run_cli(*args: str, env_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `supervisor-tui ARGS` with a private HOME, config and temp folder."""
    env = {**os.environ, "HOME": str(env_dir), "TMPDIR": str(env_dir / "tmp"),
           "SUPERVISOR_TUI_CONFIG": str(env_dir / "no-config.toml"),
           "SUPERVISOR_TUI_DATA_DIR": str(env_dir / "default-data")}
    (env_dir / "tmp").mkdir(exist_ok=True)
    cmd = [EXE] if EXE else [sys.executable, "-m", "supervisor_tui"]
    return subprocess.run([*cmd, *args], env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("supervisor-tui: ")
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in lines[0]


def test_version(tmp_path):
    result = run_cli("--version", env_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"supervisor-tui {__version__}"


def test_demo_no_launch_writes_a_readable_folder_and_prints_its_path(tmp_path):
    target = tmp_path / "demo"
    result = run_cli("demo", "--no-launch", "--data-dir", str(target), env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    svc = reopen(target)
    try:
        people = svc.records.supervisees()
        assert len(people) >= 4
        assert all(svc.records.sessions(p.id) for p in people)
    finally:
        svc.close()
    assert not (tmp_path / "default-data").exists()  # the real data folder is never touched


def test_demo_without_a_folder_uses_a_new_temporary_one(tmp_path):
    result = run_cli("demo", "--no-launch", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path / "tmp" and (written / "roster.json").is_file()


def test_demo_into_an_empty_existing_folder_is_allowed(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    result = run_cli("demo", "--no-launch", "--data-dir", str(target), env_dir=tmp_path)
    assert result.returncode == 0, result.stderr


def test_demo_refuses_a_non_empty_folder_and_leaves_it_alone(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "keep.txt").write_text("my things")
    result = run_cli("demo", "--no-launch", "--data-dir", str(target), env_dir=tmp_path)
    assert_one_line_error(result, str(target), "not empty")
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_launch_on_a_locked_folder_says_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    holder = open_service(data)
    try:
        result = run_cli("--data-dir", str(data), env_dir=tmp_path)
    finally:
        holder.close()
    assert_one_line_error(result, "already using", str(data))


@pytest.mark.parametrize("content", [b"", b"{\"supervisees\": {\"1\": {\"name\"", b"\x00garbage",
                                     b'{"supervisees": {"1": {"name": 5}}}'])
def test_launch_on_a_damaged_folder_says_so_in_one_line(tmp_path, content):
    data = tmp_path / "data"
    open_service(data).close()
    roster = data / "roster.json"
    roster.write_bytes(content)
    result = run_cli("--data-dir", str(data), env_dir=tmp_path)
    assert_one_line_error(result, str(roster), "damaged")
    assert roster.read_bytes() == content


def test_launch_on_a_newer_folder_says_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    svc = open_service(data)
    svc.workspace.folder.set_schema_version(42)
    svc.close()
    result = run_cli("--data-dir", str(data), env_dir=tmp_path)
    assert_one_line_error(result, "newer supervisor-tui", "Upgrade")


def test_unknown_option_exits_2_without_traceback(tmp_path):
    result = run_cli("--no-such-option", env_dir=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "usage:" in result.stderr


def test_help_lists_every_command(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "data"), "--help", env_dir=tmp_path)
    assert result.returncode == 0
    for command in ("list", "export", "backup", "restore", "verify", "audit", "init"):
        assert command in result.stdout


def test_a_command_after_the_launch_options_runs_the_command(tmp_path):
    data = tmp_path / "data"
    svc = open_service(data)
    svc.records.save_supervisee(Supervisee("Ana Reyes", created_at=STAMP))
    svc.close()
    result = run_cli("--data-dir", str(data), "list", "supervisees", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ana Reyes" in result.stdout
