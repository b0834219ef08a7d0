"""Repairs through the application layer: a restored file's summary is the restored file's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.services.home import home_rows
from supervisor_tui.services.security import restore_damaged
from tests.support import STAMP, open_service, reopen


def two_runs(folder: Path) -> str:
    """A first run records a planned session; a second holds and finalises it (so the file
    kept from the first run, its backup, has nothing held)."""
    svc = open_service(folder)
    person = svc.records.save_supervisee(Supervisee("Jo Park", created_at=STAMP))
    session = Session([person.id], planned_start=STAMP, created_at=STAMP, id="x-000001")
    svc.records.save_session(session)
    svc.close()
    svc = open_service(folder)
    session.start(STAMP)
    session.notes = "held"
    session.finalise(STAMP + timedelta(hours=1))
    svc.records.save_session(session)
    assert svc.records.summaries()[person.id].sessions_held == 1
    svc.close()
    return person.id


def test_restoring_a_damaged_file_gives_home_the_restored_files_figures(tmp_path):
    folder = tmp_path / "data"
    sid = two_runs(folder)
    svc = open_service(folder)
    path = svc.workspace.folder.supervisee_path(sid)
    path.write_bytes(b"not a record")
    try:
        svc.submit(restore_damaged, path).result()
    finally:
        svc.close()
    again = reopen(folder)
    try:
        stored = again.records.summaries()[sid]
        assert (stored.sessions_held, stored.last_held) == (0, None)
        (row,) = home_rows(again.workspace)
        assert row.summary.sessions_held == 0
    finally:
        again.close()
