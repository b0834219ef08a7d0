"""The last history loaded is handed out again while its file is unchanged (names are read from
the roster each time); any save to the file, a failed one too, makes it be worked out again,
the same as from scratch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from supervisor_tui.domain.enums import ActionStatus, EntryKind
from supervisor_tui.domain.session import RecordEntry
from supervisor_tui.services.history import (
    History,
    add_record_entry,
    close_action,
    load_history,
    redate_action,
    warm_history,
)
from supervisor_tui.services.people import save_supervisee
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store import atomic
from supervisor_tui.store.errors import StoreError, StoreWriteError
from tests import history_data as h
from tests.support import at_time


@pytest.fixture
def ws(service) -> Workspace:
    h.write_history(service.records)
    return at_time(service, h.NOW)


def fresh(ws: Workspace, supervisee_id: str) -> History:
    """Worked out from scratch: nothing kept, every file read again."""
    ws.kept.clear()
    ws.folder.forget(supervisee_id)
    ws.folder.forget_roster()
    return load_history(ws, supervisee_id)


def entry(n: int) -> RecordEntry:
    return RecordEntry(f"Late entry {n}.", "", "Jo", EntryKind.LATE_ENTRY, at=h.NOW,
                       id=f"e-{n:012d}")


def test_a_history_is_kept_until_its_file_or_the_roster_is_written(ws):
    warm_history(ws, h.ALEX)
    kept = load_history(ws, h.ALEX)
    assert load_history(ws, h.ALEX) is kept
    changes = [
        lambda: add_record_entry(ws, h.ALEX, h.S2, entry(1)),
        lambda: close_action(ws, h.ALEX, "t-000000000001", ActionStatus.DONE),
        lambda: redate_action(ws, h.ALEX, "t-000000000002", date(2027, 1, 8)),
        lambda: save_supervisee(ws, replace(ws.records.supervisee(h.BEA), name="Bea Chen-Li")),
        lambda: add_record_entry(ws, h.BEA, h.S5, entry(2)),  # a group session: both files
    ]
    for change in changes:
        before = load_history(ws, h.ALEX)
        change()
        after = load_history(ws, h.ALEX)
        assert after is not before
        assert after == fresh(ws, h.ALEX)
    assert load_history(ws, h.ALEX).names[h.BEA] == "Bea Chen-Li"
    assert any(e.id == "e-000000000002" for s in load_history(ws, h.ALEX).sessions
               for e in s.entries)


def test_another_person_or_a_failed_save_is_never_answered_from_what_was_kept(ws, monkeypatch):
    alex = load_history(ws, h.ALEX)
    bea = load_history(ws, h.BEA)
    assert bea.supervisee.id == h.BEA and load_history(ws, h.ALEX) is not alex

    kept = load_history(ws, h.ALEX)

    def full(path: object, *args: object, **kwargs: object) -> None:
        raise StoreWriteError(path, "the disk is full")

    monkeypatch.setattr(atomic, "atomic_write_parts", full)
    with pytest.raises(StoreError):
        add_record_entry(ws, h.ALEX, h.S2, entry(3))
    monkeypatch.undo()
    after = load_history(ws, h.ALEX)
    assert after is not kept
    assert after == fresh(ws, h.ALEX)
    assert not any(e.id == "e-000000000003" for s in after.sessions for e in s.entries)
