"""A backup file edited by hand or by an adversary, restored with the command line: it is either
refused in one line, leaving nothing behind, or restored into a folder that opens, lists, shows
home and verifies without an unexpected error, and never echoes a control sequence."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_tui.cli import main
from supervisor_tui.services.home import home_rows, today_picture
from supervisor_tui.store.backup import create_backup
from supervisor_tui.store.bundle import load_bundles
from tests.reports.fixture import write_fixture
from tests.strategies import SPECIAL_STRINGS, short_text
from tests.support import STAMP, open_service

ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_VALUES = st.one_of(
    st.sampled_from([*SPECIAL_STRINGS, "\x1b]52;c;c2VjcmV0\x07", "=HYPERLINK(\"x\")",
                     "x" * 100_000, "s-a1a1a1", "../../escape", "2026-02-30T25:00:00"]),
    short_text, st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("hostile-backups")
    svc = open_service(folder / "data")
    write_fixture(svc.records)
    create_backup(svc.records, folder / "good.backup", STAMP)
    svc.close()
    doc: dict[str, Any] = orjson.loads((folder / "good.backup").read_bytes())
    return doc


def _rows(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(name, table, key) for name, content in sorted(doc["files"].items())
            for table, rows in sorted(content.items()) for key in sorted(rows)]


@st.composite
def mutations(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """One change an adversary could make to a good backup."""
    doc = copy.deepcopy(doc)
    files = doc["files"]
    kind = draw(st.sampled_from(["field", "field", "field", "new field", "duplicate person",
                                 "stray file", "drop file", "rename file", "top"]))
    if kind in ("field", "new field"):
        name, table, key = draw(st.sampled_from(_rows(doc)))
        row = files[name][table][key]
        field = draw(st.sampled_from(sorted(row))) if kind == "field" and row else "extra"
        row[field] = draw(HOSTILE_VALUES)
    elif kind == "duplicate person":
        people = files["roster.json"]["supervisees"]
        first = people[sorted(people)[0]]
        people["999"] = {**first, "name": draw(short_text)}
    elif kind == "stray file":
        files[f"supervisees/{draw(short_text)}.json"] = {"sessions": {}}
    elif kind == "drop file":
        files.pop(draw(st.sampled_from(sorted(n for n in files if n != "roster.json"))))
    elif kind == "rename file":
        old = draw(st.sampled_from(sorted(n for n in files if n != "roster.json")))
        files[f"supervisees/{draw(short_text)}.json"] = files.pop(old)
    else:
        doc[draw(st.sampled_from(["schema_version", "backup_version", "format", "files"]))] = \
            draw(HOSTILE_VALUES)
    return doc


def run(tmp: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(tmp / "none.toml"), "--data-dir", str(tmp / "restored"), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert not ACTED_ON.search(out + err), (out + err)[:400]
    return code, out, err


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_a_hostile_backup_is_refused_cleanly_or_restores_a_working_folder(
        good_backup, tmp_path, capsys, monkeypatch, data):
    monkeypatch.setenv("SUPERVISOR_TUI_LOG_DIR", str(tmp_path / "logs"))
    work = tmp_path / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    doc = data.draw(mutations(good_backup))
    backup = work / "edited.backup"
    backup.write_text(json.dumps(doc))  # big integers and NaN too, as a hand edit may
    code, _, err = run(work, capsys, "restore", str(backup))
    if code != 0:
        assert code == 2 and err.startswith("supervisor-tui: ")
        assert not (work / "restored").exists(), "a refused restore leaves nothing behind"
        return
    for argv in (["list", "supervisees", "--all"], ["verify"],
                 ["audit", "--from", "2026-01-01", "--to", "2026-03-20"]):
        code, _, _ = run(work, capsys, *argv)
        assert code in (0, 1)  # verify says 1 when a decision's text no longer matches its hash
    svc = open_service(work / "restored")
    try:  # what the app reads when it opens: home, today, every history
        today_picture(home_rows(svc.workspace), STAMP)
        load_bundles(svc.records)
    finally:
        svc.close()
