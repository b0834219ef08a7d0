"""Text that came in from a file (a restored backup, a hand edit) leaves the CLI defused: no
control sequence reaches the terminal, no CSV cell starts a formula, no HTML in Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tinydb import Query

from supervisor_tui.cli import main
from tests.reports.fixture import ALEX, write_fixture
from tests.support import open_service

HOSTILE = "=HYPERLINK(\"http://x\")\x1b]52;c;c2VjcmV0\x07\x1b]0;owned\x07<script>x</script>"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    svc = open_service(path)
    try:
        write_fixture(svc.records)
        # As a restored or hand-edited file would hold it: past the form's checks.
        svc.records.folder.roster.table("supervisees").update({"name": HOSTILE},
                                                              Query().id == ALEX)
    finally:
        svc.close()
    return path


def run(capsys, folder: Path, *argv: str) -> tuple[int, str]:
    code = main(["--config", str(folder.parent / "none.toml"), "--data-dir", str(folder), *argv])
    out, _ = capsys.readouterr()
    return code, out


@pytest.mark.parametrize("argv", [
    ("list", "supervisees"),
    ("export", "session", "x-000004"),
    ("export", "supervisee", ALEX),
    ("audit", "--from", "2026-01-01", "--to", "2026-03-20"),
    ("audit", "--from", "2026-01-01", "--to", "2026-03-20", "--format", "csv"),
])
def test_no_control_sequence_reaches_the_terminal(capsys, folder, argv):
    code, out = run(capsys, folder, *argv)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "HYPERLINK" in out  # the name is shown, defused


def test_the_audit_csv_keeps_a_formula_as_text(capsys, folder):
    _, out = run(capsys, folder, "audit", "--from", "2026-01-01", "--to", "2026-03-20",
                 "--format", "csv")
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_markdown_exports_show_html_as_written(capsys, folder):
    _, out = run(capsys, folder, "export", "supervisee", ALEX, "--format", "md")
    assert "<script>" not in out and "&lt;script&gt;" in out
