"""Tamper evidence over the whole record: each kind of change made outside the app is caught by
`verify` (exit 1, naming whose record and what changed) and by the check the app runs after
opening; an honest history of amendments, late entries and sign-offs never raises an alarm."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from supervisor_tui.cli import main
from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.enums import ActionStatus, EntryKind
from supervisor_tui.domain.people import Case, Supervisee
from supervisor_tui.domain.session import RecordEntry
from supervisor_tui.services.history import add_record_entry, close_action, sign_off_later
from supervisor_tui.services.integrity import check_record
from tests.store.tamper import PASS, TAMPERING, Doc, Folder, edit_notes, remove_person
from tests.support import NOW


@pytest.fixture(params=["plain", "encrypted"])
def folder(request, tmp_path, state_dir) -> Folder:
    return Folder(tmp_path / "data", request.param == "encrypted", state_dir)


@pytest.mark.parametrize("tamper", TAMPERING, ids=lambda t: t.__name__)
def test_verify_names_whose_record_and_what_changed(tamper, folder, capsys, monkeypatch):
    expected = tamper(folder)
    monkeypatch.setenv("SUPERVISOR_TUI_PASSPHRASE", PASS)
    code = main(["--config", str(folder.path.parent / "none.toml"),
                 "--data-dir", str(folder.path), "verify"])
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith("PROBLEM")]
    assert code == 1, out
    assert any(folder.name in line and expected in line for line in problems), out
    if tamper is not remove_person:  # everyone else's record is as it was
        assert all(folder.name in line for line in problems), out


def test_an_honest_history_never_raises_an_alarm(folder):
    """Amendments, late entries, late sign-off, closed actions, cases, new people, a backup
    restored: every one through the app, each checked (and remembered) in turn."""
    svc = folder.open()
    try:
        ws = svc.workspace
        records = svc.records
        unsigned = [s for s in records.sessions(folder.sid)
                    if s.status.value == "finalised" and not s.signoffs]
        held = [s for s in records.sessions(folder.sid) if s.status.value == "finalised"]
        steps: list[Callable[[], object]] = [
            lambda: add_record_entry(ws, folder.sid, held[0].id, RecordEntry(
                "Corrected the case reference.", "Typed wrongly", "Sam",
                kind=EntryKind.AMENDMENT, at=NOW)),
            lambda: add_record_entry(ws, folder.sid, held[-1].id, RecordEntry(
                "The GP rang back.", "Heard after the session", "Sam",
                kind=EntryKind.LATE_ENTRY, at=NOW + timedelta(hours=1))),
            lambda: records.add_decision(Decision(folder.sid, held[-1].id, "Step down",
                                                  "Risk fell", decided_at=NOW)),
            lambda: close_action(ws, folder.sid, records.actions(folder.sid)[0].id,
                                 ActionStatus.DONE),
            lambda: records.save_case(folder.sid, Case("C-7000", opened_at=NOW)),
            lambda: records.save_supervisee(Supervisee("New Starter", created_at=NOW)),
        ]
        if unsigned:
            steps.append(lambda: sign_off_later(ws, folder.sid, unsigned[0].id, "AB"))
        for step in steps:
            step()
            found = check_record(ws, folder.state)
            assert found.ok, found.problems
    finally:
        svc.close()
    assert folder.check().ok


def test_a_folder_written_before_seals_is_sealed_as_found(tmp_path, state_dir):
    """No alarm for a folder from an earlier version; from then on a change shows."""
    folder = Folder(tmp_path / "data", False, state_dir)

    def unseal(data: Doc) -> None:
        for table in ("sessions", "actions", "cases"):
            for row in data.get(table, {}).values():
                row.pop("seal", None)
    for path in (folder.path / "supervisees").glob("*.json"):
        folder.edit(path.stem, unseal)
    folder.edit("roster", lambda data: data["settings"].clear())
    assert folder.check().ok
    edit_notes(folder)
    assert "notes changed" in " ".join(folder.check().problems)


def test_earlier_copies_put_back_on_purpose_raise_no_alarm(folder, tmp_path):
    """A damaged file repaired from its backup, and the whole folder restored from a backup
    made before later work: both put older copies back, openly, and neither is an alarm."""
    from supervisor_tui.services.safekeeping import back_up, read_backup_file, restore_from
    from supervisor_tui.services.security import restore_damaged
    from tests.store.tamper import later_work

    svc = folder.open()
    try:
        back_up(svc.workspace, tmp_path / "before.backup")
    finally:
        svc.close()
    later_work(folder)
    svc = folder.open()
    try:
        svc.records.add_decision(Decision(folder.sid, svc.records.sessions(folder.sid)[-1].id,
                                          "One more", "Because", decided_at=NOW))
        assert check_record(svc.workspace, folder.state).ok
        damaged = folder.file()
        svc.records.folder.drop_handles()
        damaged.write_bytes(b"{")
        restore_damaged(svc.workspace, damaged)
        found = check_record(svc.workspace, folder.state)
        assert found.ok, found.problems
        doc, _ = read_backup_file(tmp_path / "before.backup", svc.workspace, lambda: PASS)
        restore_from(svc.workspace, doc, force=True)
        found = check_record(svc.workspace, folder.state)
        assert found.ok, found.problems
    finally:
        svc.close()
    assert folder.check().ok


def _seal_key(folder: Folder) -> str:
    svc = folder.open()
    try:
        return svc.records.seals.setting()["key"]
    finally:
        svc.close()


@pytest.mark.parametrize("cut_off", [False, True])
def test_a_folder_encrypted_later_gets_a_seal_key_never_kept_in_plain_text(
        tmp_path, state_dir, monkeypatch, cut_off):
    """The key a plain folder kept beside its records is replaced once the folder is
    encrypted, without an alarm (a change cut off part way is finished at the next check),
    and the new key still catches a change."""
    from supervisor_tui.services.safekeeping import set_passphrase
    from supervisor_tui.store.sealing import Sealer

    folder = Folder(tmp_path / "data", False, state_dir)
    plain_key = _seal_key(folder)
    svc = folder.open()
    try:
        set_passphrase(svc.workspace, PASS)
    finally:
        svc.close()
    folder.encrypted = True
    if cut_off:
        reseal = Sealer._reseal_file
        done: list[str] = []

        def one_then_fail(self, *args):  # type: ignore[no-untyped-def]
            if done:
                raise OSError("killed")
            done.append(args[0])
            reseal(self, *args)
        monkeypatch.setattr(Sealer, "_reseal_file", one_then_fail)
        with pytest.raises(OSError):
            folder.check()
        monkeypatch.undo()
    found = folder.check()
    assert found.ok, found.problems
    assert _seal_key(folder) != plain_key
    svc = folder.open()
    try:
        assert not svc.records.seals.exposed()
    finally:
        svc.close()
    edit_notes(folder)
    assert "notes changed" in " ".join(folder.check().problems)


def test_an_escalation_closed_or_deleted_outside_the_app_is_caught(folder):
    """Goals and escalations are sealed like the rest: an escalation marked resolved in the
    file, or removed from it, is named with its owner."""
    from tests.store.tamper import put_rows, rows

    svc = folder.open()
    try:
        owner = next(p for p in svc.records.supervisees()
                     if any(f.kind.value == "escalation" for f in svc.records.follow_ups(p.id)))
    finally:
        svc.close()

    def resolve(data):  # type: ignore[no-untyped-def]
        row = next(r for r in rows(data, "follow_ups") if r["kind"] == "escalation")
        row["status"], row["outcome"] = "resolved", "Sorted out"

    folder.edit(owner.id, resolve)
    found = folder.check().problems
    assert any(owner.name in p and "changed after it was recorded" in p for p in found), found

    folder.edit(owner.id, lambda data: put_rows(data, "follow_ups", []))
    found = folder.check().problems
    assert any(owner.name in p and "deleted" in p for p in found), found
