"""The private support note leaves the folder only when an export asks for it."""

from __future__ import annotations

import json
from pathlib import Path

from supervisor_tui.cli import main
from supervisor_tui.services.people import save_support_note
from tests.reports.fixture import ALEX, write_fixture
from tests.support import open_service

HELPS, WATCH = "Talking it through the same day", "Court weeks"


def folder_with_note(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    svc = open_service(path)
    try:
        write_fixture(svc.records)
        save_support_note(svc.workspace, ALEX, HELPS, WATCH)
    finally:
        svc.close()
    return path


def export(capsys, folder: Path, *extra: str) -> str:
    code = main(["--config", str(folder.parent / "none.toml"), "--data-dir", str(folder),
                 "export", "supervisee", ALEX, *extra])
    out, _ = capsys.readouterr()
    assert code == 0
    return out


def test_left_out_unless_asked_then_included_in_markdown_and_json(capsys, tmp_path):
    folder = folder_with_note(tmp_path)
    for form in ("md", "json"):
        plain = export(capsys, folder, "--format", form)
        assert HELPS not in plain and WATCH not in plain
    asked = export(capsys, folder, "--with-support-note")
    assert asked.endswith(f"### What helps\n\n{HELPS}\n\n### What to watch for (stress "
                          f"triggers)\n\n{WATCH}\n")
    doc = json.loads(export(capsys, folder, "--format", "json", "--with-support-note"))
    assert (doc["support_note"]["helps"], doc["support_note"]["watch"]) == (HELPS, WATCH)
