"""A decision and its chain head are two files: a save is whole or leaves no trace, and saving
the same decision again never logs it twice."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.people import FirstTryKept, Supervisee
from supervisor_tui.services.service import Service
from supervisor_tui.store import atomic
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.store.verify import verify_all
from tests.support import STAMP, open_service


def decision(sid: str) -> Decision:
    return Decision(sid, "x-1", "Refer to MASH", "Risk is rising", decided_at=STAMP)


def failing(monkeypatch, fail: set[tuple[str, int]]) -> list[Path]:
    """From now on, the n-th write (1, 2, …) of each (file name, n) in `fail` fails."""
    real = atomic.atomic_write
    failed: list[Path] = []
    seen: dict[str, int] = {}

    def write(path: Path, data: bytes) -> None:
        name = Path(path).name
        seen[name] = seen.get(name, 0) + 1
        if (name, seen[name]) in fail:
            failed.append(Path(path))
            raise StoreWriteError(path, "the disk is full")
        real(path, data)

    monkeypatch.setattr(atomic, "atomic_write", write)
    return failed


def first_try_logged_headless(data: Path, monkeypatch) -> tuple[Service, Decision]:
    """A decision whose first try reached the log while its head, and taking it out again,
    failed; writes work again afterwards."""
    svc = open_service(data)
    person = svc.records.save_supervisee(Supervisee("Sam Okafor", created_at=STAMP))
    first = decision(person.id)
    failing(monkeypatch, {("roster.json", 1), (f"{person.id}.json", 2)})
    with pytest.raises(StoreWriteError):
        svc.records.add_decision(first)
    monkeypatch.undo()
    return svc, first


def edited(first: Decision) -> Decision:
    """The same decision, its words edited before it was saved again."""
    return Decision(first.supervisee_id, first.session_id, "Refer to MASH today",
                    first.rationale, decided_at=STAMP, id=first.id)


@pytest.mark.parametrize("rollback_fails", [False, True])
def test_a_failed_chain_head_write_is_retried_without_a_duplicate(tmp_path, monkeypatch,
                                                                 rollback_fails):
    data = tmp_path / "data"
    svc = open_service(data)
    person = svc.records.save_supervisee(Supervisee("Sam Okafor", created_at=STAMP))
    first = decision(person.id)
    # The decision reaches the person's file, its chain head does not (and, the second time,
    # taking the decision out again fails too).
    fail = {("roster.json", 1)} | ({(f"{person.id}.json", 2)} if rollback_fails else set())
    failed = failing(monkeypatch, fail)
    with pytest.raises(StoreWriteError):
        svc.records.add_decision(first)
    assert len(failed) == len(fail)
    on_disk = svc.records.decisions(person.id)
    assert len(on_disk) == (1 if rollback_fails else 0)  # no trace, unless taking it out failed
    again = Decision(person.id, "x-1", first.text, first.rationale, decided_at=STAMP,
                     id=first.id)
    svc.records.add_decision(again)  # the retry: the same decision, the same id
    svc.close()
    reopened = open_service(data)
    try:
        assert [d.id for d in reopened.records.decisions(person.id)] == [first.id]
        assert all(report.ok for report in verify_all(reopened.records))
    finally:
        reopened.close()


def test_a_save_cut_off_between_the_two_files_is_finished_at_the_next_open(tmp_path,
                                                                          monkeypatch):
    from supervisor_tui.services.opening import check_every_file

    data = tmp_path / "data"
    svc = open_service(data)
    person = svc.records.save_supervisee(Supervisee("Sam Okafor", created_at=STAMP))
    svc.records.add_decision(decision(person.id))  # an earlier, whole save
    cut = decision(person.id)
    # As a kill between the two writes leaves it: the decision in the file, no new head.
    failing(monkeypatch, {("roster.json", 1), (f"{person.id}.json", 2)})
    with pytest.raises(StoreWriteError):
        svc.records.add_decision(cut)
    monkeypatch.undo()
    svc.close()
    reopened = open_service(data)
    try:
        # Read as what it is (one save ahead of its head), not as tampering...
        assert all(report.ok for report in verify_all(reopened.records))
        assert reopened.records.chain_head(person.id)[0] == 1
        assert check_every_file(reopened.workspace) is None  # what the app runs at open
        assert reopened.records.chain_head(person.id)[0] == 2  # ...and finished at open
        assert all(report.ok for report in verify_all(reopened.records))
        assert [d.id for d in reopened.records.decisions(person.id)][-1] == cut.id
        assert len(reopened.records.decisions(person.id)) == 2
    finally:
        reopened.close()


def test_a_retry_in_other_words_leaves_the_first_try_in_the_log_and_says_so(tmp_path,
                                                                           monkeypatch):
    """The first try reached the log (its head and its removal failed); the retry under the
    same id was edited meanwhile. The log keeps the words it holds, once, its head moved on;
    the retry is refused with the first try, so the form can add the new words anew."""
    data = tmp_path / "data"
    svc, first = first_try_logged_headless(data, monkeypatch)
    person_id = first.supervisee_id
    with pytest.raises(FirstTryKept) as refused:
        svc.records.add_decision(edited(first))
    assert isinstance(refused.value.kept, Decision) and refused.value.kept.text == first.text
    assert "reached the record after all" in str(refused.value)
    further = svc.records.add_decision(Decision(person_id, "x-1", edited(first).text,
                                                first.rationale, decided_at=STAMP))
    svc.close()
    reopened = open_service(data)
    try:
        assert [(d.id, d.text) for d in reopened.records.decisions(person_id)] == [
            (first.id, first.text), (further.id, further.text)]
        assert all(report.ok for report in verify_all(reopened.records))
    finally:
        reopened.close()


def test_a_retry_refused_as_first_try_kept_then_tried_again_under_that_id_is_not_logged_twice(
        tmp_path, monkeypatch):
    """A draft kept before the refusal holds the old id: a retry from it is refused again,
    never added as a second row with that id."""
    svc, first = first_try_logged_headless(tmp_path / "data", monkeypatch)
    with pytest.raises(FirstTryKept):
        svc.records.add_decision(edited(first))
    with pytest.raises(FirstTryKept):  # as an entry retried twice is refused twice
        svc.records.add_decision(edited(first))
    try:
        ids = [d.id for d in svc.records.decisions(first.supervisee_id)]
        assert ids == [first.id]
    finally:
        svc.close()


@pytest.mark.parametrize("words", ["same", "edited"])
def test_a_retry_from_a_restored_draft_after_the_next_open_is_not_logged_twice(
        tmp_path, monkeypatch, words):
    """The first try reached the log, its head did not; the app ends (the form's draft keeps
    the id, as test_form_landing checks); at the next open the head is finished
    (check_every_file). The draft's save then uses the same id."""
    from supervisor_tui.services.opening import check_every_file

    data = tmp_path / "data"
    svc, first = first_try_logged_headless(data, monkeypatch)
    svc.close()
    reopened = open_service(data)
    try:
        assert check_every_file(reopened.workspace) is None
        retry = edited(first) if words == "edited" else Decision(
            first.supervisee_id, "x-1", first.text, first.rationale, decided_at=STAMP,
            id=first.id)
        with pytest.raises(FirstTryKept) if words == "edited" else contextlib.nullcontext():
            reopened.records.add_decision(retry)
        ids = [d.id for d in reopened.records.decisions(first.supervisee_id)]
        assert ids == [first.id], "one decision id, logged once"
        assert all(report.ok for report in verify_all(reopened.records))
    finally:
        reopened.close()
