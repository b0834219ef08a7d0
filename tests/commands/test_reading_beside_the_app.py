"""Commands that only read work while the app holds the folder; commands that write are refused.

The holder here is a service opened as the app opens it (its lock is a real OS lock), and each
command runs in a process of its own, as it would from another terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.store.crypto import TEST_KDF
from tests.commands.test_cli import assert_one_line_error, run_cli
from tests.reports.fixture import ALEX, write_fixture
from tests.support import open_service

PASS = "correct horse battery staple"


@pytest.fixture(params=["plain", "encrypted"])
def held(request, tmp_path, monkeypatch):
    """A folder with records, held open as the running app holds it."""
    data = tmp_path / "data"
    if request.param == "plain":
        holder = open_service(data)
    else:
        monkeypatch.setenv("SUPERVISOR_TUI_PASSPHRASE", PASS)
        holder = open_service(data, passphrase=PASS, encrypt=TEST_KDF)
    write_fixture(holder.records)
    yield data
    holder.close()


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv", [
    ("list", "supervisees"),
    ("list", "sessions", ALEX),
    ("export", "session", "x-000004"),
    ("export", "supervisee", ALEX),
    ("verify",),
    ("audit", "--from", "2026-01-01", "--to", "2026-03-20"),
])
def test_a_reading_command_works_while_the_app_is_open(held, tmp_path, argv):
    before = files(held)
    result = run_cli(*argv, "--data-dir", str(held), env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert files(held) == before  # nothing in the folder was written, moved or tidied


def test_backup_and_calendar_export_work_while_the_app_is_open(held, tmp_path):
    backup = tmp_path / "out" / "copy.stb"
    backup.parent.mkdir()
    result = run_cli("backup", str(backup), "--data-dir", str(held), env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert backup.stat().st_size > 0
    ics = tmp_path / "out" / "diary.ics"
    result = run_cli("schedule", "export", "--ics", str(ics), "--data-dir", str(held),
                     env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ics.read_text().startswith("BEGIN:VCALENDAR")


def test_a_writing_command_is_still_refused_while_the_app_is_open(held, tmp_path):
    backup = tmp_path / "copy.stb"
    assert run_cli("backup", str(backup), "--data-dir", str(held),
                   env_dir=tmp_path).returncode == 0
    before = files(held)
    result = run_cli("restore", str(backup), "--force", "--data-dir", str(held),
                     env_dir=tmp_path)
    assert_one_line_error(result, "already using", str(held))
    assert files(held) == before
