"""The data folder: one instance at a time, private modes, rotated backups, stale temp files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store.errors import StoreLockedError
from tests.conftest import reopen
from tests.support import STAMP, open_service

SID = "s-0000000000aa"
ROOT = Path(__file__).resolve().parents[2]


def _save(data_dir: Path, notes: str) -> None:
    """One run of the app: open, save a session with these notes, close."""
    svc = reopen(data_dir)
    try:
        svc.records.save_supervisee(Supervisee("Ada", "Nurse", id=SID, created_at=STAMP))
        svc.records.save_session(Session([SID], id="x-1", notes=notes, created_at=STAMP))
    finally:
        svc.close()


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- one instance per folder ---------------------------------------------------------------------
def test_second_instance_in_the_same_process_is_refused(service, data_dir):
    with pytest.raises(StoreLockedError) as caught:
        open_service(data_dir)
    assert "already using" in str(caught.value) and str(data_dir) in str(caught.value)
    service.close()
    open_service(data_dir).close()  # free again once the first has closed


@pytest.fixture
def holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that has the folder open until its stdin closes."""
    script = textwrap.dedent(f"""
        import sys
        from tests.support import open_service
        svc = open_service({str(data_dir)!r})
        print("ready", flush=True)
        sys.stdin.read()
        svc.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_second_instance_in_another_process_is_refused_and_writes_nothing(data_dir, holder):
    before = _snapshot(data_dir)
    with pytest.raises(StoreLockedError, match="Close it first"):
        open_service(data_dir)
    assert _snapshot(data_dir) == before
    holder.kill()  # the OS releases the lock of a process that dies
    holder.wait()
    open_service(data_dir).close()


# -- modes -----------------------------------------------------------------------------------------
@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


def test_files_are_0600_and_folders_0700_whatever_the_umask(tmp_path, open_umask):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    for n in range(3):
        _save(data_dir, f"version {n}")
    from supervisor_tui.store.schema import backup_folder

    backup_folder(data_dir, "manual", STAMP)
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    folders = [data_dir, *(p for p in data_dir.rglob("*") if p.is_dir())]
    names = {p.name for p in files}
    assert {"roster.json", f"{SID}.json", f"{SID}.json.bak1", "roster.json.bak1"} <= names
    assert {p.name for p in folders} >= {"data", "supervisees", "backups"}
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    for p in folders:
        assert stat.S_IMODE(p.stat().st_mode) == 0o700, p


def test_backups_fall_back_to_private_copies_without_hard_links(data_dir, monkeypatch):
    _save(data_dir, "one")

    def no_links(*_args: object) -> None:
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    _save(data_dir, "two")
    backup = data_dir / "supervisees" / f"{SID}.json.bak1"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert b'"notes":"one"' in backup.read_bytes()


# -- backups ---------------------------------------------------------------------------------------
def test_backups_rotate_and_keep_three(data_dir):
    for n in range(1, 6):
        _save(data_dir, f"version {n}")
    history = data_dir / "supervisees" / f"{SID}.json"
    assert b'"version 5"' in history.read_bytes()
    for k, version in ((1, 4), (2, 3), (3, 2)):
        assert f'"version {version}"'.encode() in Path(f"{history}.bak{k}").read_bytes()
    assert not Path(f"{history}.bak4").exists()
    assert sorted(p.name for p in history.parent.iterdir()) == [
        f"{SID}.json", f"{SID}.json.bak1", f"{SID}.json.bak2", f"{SID}.json.bak3"]
    assert not Path(f"{data_dir / 'roster.json'}.bak4").exists()


# -- stale temp files ------------------------------------------------------------------------------
def test_stale_temp_files_are_removed_at_open_and_nothing_else(data_dir):
    _save(data_dir, "kept")
    stale = [data_dir / ".roster.json.4242.tmp", data_dir / ".roster.json.bak.tmp",
             data_dir / "supervisees" / f".{SID}.json.77.tmp"]
    for p in stale:
        p.write_bytes(b'{"half": ')
    unrelated = data_dir / "notes-for-me.txt"
    unrelated.write_text("mine")
    before = _snapshot(data_dir)

    svc = reopen(data_dir)
    try:
        assert not any(p.exists() for p in stale)
        assert unrelated.read_text() == "mine"
        assert svc.records.session(SID, "x-1").notes == "kept"
    finally:
        svc.close()
    after = _snapshot(data_dir)
    for name, value in before.items():
        if not name.endswith(".tmp"):
            assert after[name] == value, name


def test_a_refused_second_instance_leaves_the_running_ones_temp_files(data_dir, service):
    busy = data_dir / ".roster.json.1.tmp"
    busy.write_bytes(b"being written")
    with pytest.raises(StoreLockedError):
        open_service(data_dir)
    assert busy.exists()


def test_an_existing_folder_keeps_the_mode_its_owner_gave_it(tmp_path):
    from supervisor_tui.store.folder import DataFolder
    from tests.support import fixed_clock

    data = tmp_path / "data"
    DataFolder.open(data, fixed_clock).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700  # made private when created
    os.chmod(data, 0o750)  # the owner shares it with a group on purpose
    DataFolder.open(data, fixed_clock).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o750
