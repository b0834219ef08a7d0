"""The record commands through `main([...])`: output, files written, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from supervisor_tui.cli import main
from tests.reports.fixture import ALEX, write_fixture
from tests.store.tamper import tamper_decisions
from tests.support import open_service


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    svc = open_service(path)
    try:
        write_fixture(svc.records)
    finally:
        svc.close()
    return path


def run(capsys, folder: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(folder.parent / "none.toml"), "--data-dir", str(folder), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_supervisees_and_sessions(capsys, folder):
    code, out, _ = run(capsys, folder, "list", "supervisees")
    assert code == 0
    assert out.splitlines() == [f"{ALEX}\tAlex Rivera\tSocial worker",
                                "s-b2b2b2\tSam Okafor\tSenior practitioner"]
    code, out, _ = run(capsys, folder, "list", "sessions", ALEX, "--json")
    assert code == 0
    found = orjson.loads(out)
    assert [s["id"] for s in found] == ["x-000001", "x-000002", "x-000003", "x-000004"]
    assert found[2]["status"] == "cancelled" and found[3]["supervisee_ids"] == [ALEX, "s-b2b2b2"]


def test_data_dir_may_follow_the_command(capsys, folder):
    code = main(["--config", str(folder.parent / "none.toml"), "list", "supervisees", "--json",
                 "--data-dir", str(folder)])
    out, _ = capsys.readouterr()
    assert code == 0 and len(orjson.loads(out)) == 2


def test_export_session_to_a_private_file(capsys, folder, tmp_path):
    target = tmp_path / "record.md"
    code, out, err = run(capsys, folder, "export", "session", "x-000004", "-o", str(target))
    assert code == 0 and out == ""
    text = target.read_text()
    assert text.startswith("# Supervision record: Alex Rivera, Sam Okafor, 09 Mar 2026")
    assert "Sam shares the contact notes with Alex weekly." in text  # from Sam's file
    assert target.stat().st_mode & 0o777 == 0o600


def test_export_supervisee_json_and_case(capsys, folder):
    code, out, _ = run(capsys, folder, "export", "supervisee", ALEX, "--format", "json")
    assert code == 0
    doc = orjson.loads(out)
    assert doc["supervisee"]["name"] == "Alex Rivera" and len(doc["decisions"]) == 4
    code, out, _ = run(capsys, folder, "export", "case", "ab-12")
    assert code == 0
    assert out.startswith("# Case AB-12: decisions and actions from supervision")
    assert out.count(": decision\n") == 5


def test_audit_formats(capsys, folder):
    code, out, _ = run(capsys, folder, "audit", "--from", "2026-01-01", "--to", "31 mar 2026",
                       "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("supervisee_id,name,expected,held")
    assert lines[0].startswith("supervisee_id,name,expected,held,held_share,group_held,")
    assert lines[1].startswith(f"{ALEX},Alex Rivera,4,2,0.5,1,")
    assert lines[-1].startswith(",Overall,7,3,0.429,2,")
    code, out, _ = run(capsys, folder, "audit", "--from", "2026-01-01", "--to", "2026-03-31",
                       "--format", "json")
    overall = orjson.loads(out)["overall"]
    assert (overall["held"], overall["group_held"]) == (3, 2)
    code, out, _ = run(capsys, folder, "audit", "--from", "2026-01-01", "--to", "2026-03-31")
    assert "Alex Rivera  2/4            1      1" in out


def test_backup_restore_and_verify(capsys, folder, tmp_path):
    file, fresh = tmp_path / "all.json", tmp_path / "fresh"
    assert run(capsys, folder, "backup", str(file))[0] == 0
    code, _, err = run(capsys, fresh, "restore", str(file))
    assert code == 0 and "Restored 3 data file(s)" in err
    code, out, _ = run(capsys, fresh, "verify")
    assert code == 0 and "All 2 supervisee record(s) verified (6 decisions)." in out
    code, _, err = run(capsys, fresh, "restore", str(file))
    assert code == 2 and "--force" in err


def test_verify_exits_non_zero_on_tampering(capsys, folder):
    tamper_decisions(folder, ALEX, lambda rows: rows[:-1])
    code, out, _ = run(capsys, folder, "verify")
    assert code == 1
    assert f"PROBLEM  Alex Rivera ({ALEX}): 1 decision(s) missing" in out
    assert "ok       Sam Okafor" in out


def test_progress_only_when_asked_or_on_a_terminal(capsys, folder):
    _, _, err = run(capsys, folder, "verify")
    assert "Verifying" not in err
    _, _, err = run(capsys, folder, "verify", "--progress")
    assert "Verifying 2/2" in err


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "session", "x-nope"], "No session with id x-nope."),
    (["export", "supervisee", "s-nope"], "No supervisee with id s-nope."),
    (["list", "sessions", "s-nope"], "No supervisee with id s-nope."),
    (["export", "case", "zz-9"], "No case zz-9"),
    (["audit", "--from", "the other day", "--to", "today"], '"the other day" is not a date'),
    (["audit", "--from", "2026-03-01", "--to", "2026-02-01"], "is before its start"),
    (["export", "supervisee", ALEX, "-o", "/nonexistent/dir/x.md"], "Cannot write"),
    (["restore", "/nonexistent/backup.json", "--force"], "Cannot read"),
])
def test_errors_are_one_line_with_exit_code_2(capsys, folder, argv, message):
    code, out, err = run(capsys, folder, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_missing_folder_and_damaged_file_are_one_line_errors(capsys, folder, tmp_path):
    code, _, err = run(capsys, tmp_path / "nowhere", "list", "supervisees")
    assert code == 2 and err == f"supervisor-tui: No data folder at {tmp_path / 'nowhere'}.\n"
    assert not (tmp_path / "nowhere").exists()
    (tmp_path / "documents").mkdir()
    code, _, err = run(capsys, tmp_path / "documents", "verify")
    assert code == 2 and "holds no supervisor-tui data" in err
    assert list((tmp_path / "documents").iterdir()) == []
    (folder / "supervisees" / f"{ALEX}.json").write_bytes(b'{"sessions": {"1": {')
    code, _, err = run(capsys, folder, "export", "supervisee", ALEX)
    assert code == 2 and err.count("\n") == 1 and "damaged" in err


def test_subprocess_error_has_no_traceback(folder):
    result = subprocess.run(
        [sys.executable, "-m", "supervisor_tui", "--data-dir", str(folder), "export", "session",
         "x-nope"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "supervisor-tui: No session with id x-nope.\n"


def test_damaged_backup_and_unwritable_backup_path_are_one_line_errors(capsys, folder, tmp_path):
    file = tmp_path / "all.json"
    assert run(capsys, folder, "backup", str(file))[0] == 0
    file.write_bytes(file.read_bytes()[:300])
    code, out, err = run(capsys, tmp_path / "fresh", "restore", str(file))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "not a supervisor-tui backup" in err and "truncated" in err
    assert not list((tmp_path / "fresh" / "supervisees").glob("*.json"))
    code, _, err = run(capsys, folder, "backup", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 2 and err.count("\n") == 1 and "Cannot write" in err
    code, _, err = run(capsys, folder, "backup", str(file))
    assert code == 2 and "already exists; use --force" in err


@pytest.mark.parametrize("inside", ["roster.json", "supervisees/s-a1a1a1.json", "copy.stb",
                                    "backups/new.stb"])
def test_backup_into_the_data_folder_is_refused(capsys, folder, inside):
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    code, _, err = run(capsys, folder, "backup", str(folder / inside), "--force")
    assert code == 2 and "inside the data folder" in err
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_damaged_file_stops_a_backup_unless_asked_to_skip_it(capsys, folder, tmp_path):
    damaged = folder / "supervisees" / "s-b2b2b2.json"
    damaged.write_bytes(b"{")
    target = tmp_path / "copy.stb"
    code, _, err = run(capsys, folder, "backup", str(target))
    assert code == 2 and "s-b2b2b2.json" in err and "--skip-damaged" in err
    assert not target.exists()
    code, _, err = run(capsys, folder, "backup", str(target), "--skip-damaged")
    assert code == 0 and f"Left out, damaged: {damaged}" in err
    fresh = tmp_path / "fresh"
    code = main(["--config", str(tmp_path / "none.toml"), "--data-dir", str(fresh), "restore",
                 str(target)])
    assert code == 0
    again = open_service(fresh)
    try:
        assert [s.id for s in again.records.sessions(ALEX)]  # the rest came through
    finally:
        again.close()
