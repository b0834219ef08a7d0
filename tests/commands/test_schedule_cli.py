"""`supervisor-tui schedule export`: writes a calendar; errors are one line with exit code 2."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from supervisor_tui.cli import main
from supervisor_tui.domain.people import Agreement, Supervisee
from tests.support import STAMP, open_service


@pytest.fixture
def folder(data_dir: Path) -> Path:
    svc = open_service(data_dir)
    try:
        for sid, name in (("s-a", "Ana Reyes"), ("s-b", "Ben Cole")):
            svc.records.save_supervisee(Supervisee(name, id=sid, created_at=STAMP))
            svc.records.save_agreement(Agreement(
                supervisee_id=sid, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
                dtstart=datetime.now(UTC) - timedelta(days=30), timezone="Europe/London",
                created_at=STAMP))
    finally:
        svc.close()
    return data_dir


def test_export_all_and_one(folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "diary.ics"
    assert main(["--data-dir", str(folder), "schedule", "export", "--ics", str(out),
                 "--months", "2"]) == 0
    summaries = sorted({str(e["summary"])
                        for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")})
    assert summaries == ["Supervision: Ana Reyes", "Supervision: Ben Cole"]
    assert "for 2 supervisees" in capsys.readouterr().out
    assert main(["--data-dir", str(folder), "schedule", "export", "--ics", str(out),
                 "--supervisee", "s-b"]) == 0
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) >= 12
    assert {str(e["summary"]) for e in events} == {"Supervision: Ben Cole"}


@pytest.mark.parametrize("extra, message", [
    (["--supervisee", "s-nobody"], "No supervisee with id s-nobody"),
    (["--months", "0"], "--months is between 1 and 36"),
])
def test_export_errors_are_one_line(folder: Path, tmp_path: Path, capsys, extra, message) -> None:
    code = main(["--data-dir", str(folder), "schedule", "export", "--ics",
                 str(tmp_path / "x.ics"), *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "x.ics").exists()


def test_export_into_a_missing_folder(folder: Path, tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(folder), "schedule", "export", "--ics",
                 str(tmp_path / "nope" / "x.ics")])
    assert code == 2
    assert "Could not write" in capsys.readouterr().err
