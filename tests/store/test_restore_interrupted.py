"""A restore replaces the folder's files as one step: one that fails while its files are being
staged changes nothing and leaves nothing behind; one cut off after is finished at the next open
(and says so), never left a mix of the old folder and the backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store import switch
from supervisor_tui.store.atomic import PlainFormat, read_file
from supervisor_tui.store.backup import create_backup, read_backup, restore_backup
from supervisor_tui.store.errors import StoreError, StoreRekeyingError
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.lock import FolderLock
from supervisor_tui.store.verify import verify_all
from tests.reports.fixture import write_fixture
from tests.support import STAMP, fixed_clock, open_service, reopen

FILES_IN_BACKUP = 3  # the roster and two supervisee files (tests.reports.fixture)


def data_files(folder: Path) -> dict[str, object]:
    files = [folder / "roster.json", *sorted((folder / "supervisees").glob("*.json"))]
    return {str(p.relative_to(folder)): read_file(p, PlainFormat()) for p in files}


def backup_of_fixture(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A backup of the report fixture's folder, and that folder's files."""
    source = tmp_path / "source"
    svc = open_service(source)
    write_fixture(svc.records)
    create_backup(svc.records, tmp_path / "fixture.backup", STAMP)
    svc.close()
    return tmp_path / "fixture.backup", data_files(source)


def other_folder(path: Path) -> dict[str, object]:
    """A folder with other people in it (so a restore over it must also remove a file)."""
    svc = open_service(path)
    svc.records.save_supervisee(Supervisee("Kept Aside", id="s-0c0c0c", created_at=STAMP))
    svc.records.save_session(Session(["s-0c0c0c"], notes="before the restore", created_at=STAMP))
    svc.records.refresh_summary("s-0c0c0c")
    svc.close()
    return data_files(path)


def restore(target: Path, backup: Path) -> None:
    svc = reopen(target)
    try:
        restore_backup(svc.workspace.folder, read_backup(backup), force=True)
    finally:
        svc.close()


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if switch.NEW_SUFFIX in p.name or p.name.endswith(".tmp")
            or p.name == switch.JOURNAL]


@pytest.mark.parametrize("fail_at", range(FILES_IN_BACKUP + 1))
def test_a_restore_that_fails_while_staging_changes_nothing(tmp_path, monkeypatch, fail_at):
    """A full disk at each file staged, and at the journal: the folder is as it was."""
    backup, _ = backup_of_fixture(tmp_path)
    target = tmp_path / "target"
    before = other_folder(target)
    writes: list[Path] = []
    real_write = switch.atomic_write

    def full_disk(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == fail_at + 1:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(switch, "atomic_write", full_disk)
    with pytest.raises(StoreError, match="restore failed .*nothing in .* was changed"):
        restore(target, backup)
    monkeypatch.setattr(switch, "atomic_write", real_write)
    assert data_files(target) == before
    assert leftovers(target) == []
    assert not (target / "backups").exists() or not list((target / "backups").iterdir())
    with DataFolder.open(target, fixed_clock) as folder:
        assert folder.finished is None


@pytest.mark.parametrize("renames_done", range(FILES_IN_BACKUP))
def test_a_restore_cut_off_after_its_journal_is_finished_at_the_next_open(
        tmp_path, monkeypatch, renames_done):
    backup, restored = backup_of_fixture(tmp_path)
    target = tmp_path / "target"
    other_folder(target)
    renames: list[str] = []
    real_replace = switch.os.replace

    def cut_off(src: str | Path, dst: str | Path) -> None:
        if str(src).endswith(switch.NEW_SUFFIX):
            renames.append(str(dst))
            if len(renames) > renames_done:
                raise KeyboardInterrupt  # the process stops part way through
        real_replace(src, dst)

    monkeypatch.setattr(switch.os, "replace", cut_off)
    with pytest.raises(KeyboardInterrupt):
        restore(target, backup)
    monkeypatch.setattr(switch.os, "replace", real_replace)
    # while another process holds the folder, a command that only reads says what is under
    # way instead of reading a mixed folder
    holder = FolderLock(target)
    holder.acquire()
    try:
        with pytest.raises(StoreRekeyingError, match="restore"):
            DataFolder.open_to_read(target, fixed_clock)
    finally:
        holder.release()
    svc = reopen(target)
    try:
        assert svc.finished_notice() is not None
        assert "restore" in str(svc.finished_notice())
        assert [r.problems for r in verify_all(svc.records)] == [[], []]
    finally:
        svc.close()
    assert data_files(target) == restored
    assert leftovers(target) == []


def test_a_restore_that_went_through_says_nothing_at_the_next_open(tmp_path):
    backup, restored = backup_of_fixture(tmp_path)
    target = tmp_path / "target"
    other_folder(target)
    restore(target, backup)
    assert data_files(target) == restored
    svc = reopen(target)
    try:
        assert svc.finished_notice() is None
    finally:
        svc.close()


def test_two_restores_in_the_same_instant_keep_two_copies_of_what_they_replaced(tmp_path):
    """The clock stands still (a fixed test clock, or a coarse one): each copy stays whole."""
    backup, _ = backup_of_fixture(tmp_path)
    target = tmp_path / "target"
    other_folder(target)
    restore(target, backup)
    restore(target, backup)
    copies = sorted((target / "backups").iterdir())
    assert len(copies) == 2
    assert (copies[0] / "supervisees" / "s-0c0c0c.json").exists()
    assert not (copies[1] / "supervisees" / "s-0c0c0c.json").exists()


def cut_off_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """A folder whose restore stopped after its first file was put in place; the backup's
    files."""
    backup, restored = backup_of_fixture(tmp_path)
    target = tmp_path / "target"
    other_folder(target)
    real_replace = switch.os.replace
    renames: list[str] = []

    def cut_off(src: str | Path, dst: str | Path) -> None:
        if str(src).endswith(switch.NEW_SUFFIX):
            renames.append(str(dst))
            if len(renames) > 1:
                raise KeyboardInterrupt
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(switch.os, "replace", cut_off)
        with pytest.raises(KeyboardInterrupt):
            restore(target, backup)
    return target, restored


def test_the_command_line_says_a_cut_off_restore_was_finished(tmp_path, monkeypatch, capsys):
    from supervisor_tui.cli import main

    target, restored = cut_off_restore(tmp_path, monkeypatch)
    base = ["--config", str(tmp_path / "none.toml"), "--data-dir", str(target)]
    assert main([*base, "list", "supervisees"]) == 0
    out, err = capsys.readouterr()
    assert "A restore that was cut off before it ended has been finished now" in err
    assert out.splitlines()[0].endswith("Alex Rivera\tSocial worker")  # the backup's people
    assert data_files(target) == restored
    assert main([*base, "list", "supervisees"]) == 0
    assert capsys.readouterr().err == ""  # said once
