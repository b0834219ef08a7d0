"""Every file is written through one path: a temp file nobody can guess, created anew (O_EXCL)
with mode 0600 beside the target, then renamed over it. A link or a world-writable file planted
where a temp file used to go is never written through and never lends the result its mode."""

from __future__ import annotations

import os
from pathlib import Path

from supervisor_tui.cli import main
from supervisor_tui.store.atomic import atomic_write
from tests.reports.fixture import write_fixture
from tests.support import open_service


def _plant(target: Path, victim: Path) -> list[Path]:
    """Links to `victim` and a 0666 file at every name a temp file of `target` once had."""
    planted = []
    for name in (f".{target.name}.tmp", f"{target.name}.tmp", f".{target.name}.{os.getpid()}.tmp"):
        link = target.with_name(name)
        link.symlink_to(victim)
        planted.append(link)
    loose = target.with_name(f".{target.name}.{os.getpid() + 1}.tmp")
    loose.write_text("left by someone")
    loose.chmod(0o666)
    return [*planted, loose]


def test_a_planted_link_is_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "out.ics"
    _plant(target, victim)
    atomic_write(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert victim.read_text() == "precious"
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not target.is_symlink() and target.stat().st_mode & 0o777 == 0o600


def test_schedule_export_writes_a_private_file_whatever_was_planted(tmp_path, capsys):
    folder = tmp_path / "data"
    svc = open_service(folder)
    write_fixture(svc.records)
    svc.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "diary.ics"
    planted = _plant(target, victim)
    code = main(["--config", str(tmp_path / "none.toml"), "--data-dir", str(folder),
                 "schedule", "export", "--ics", str(target)])
    capsys.readouterr()
    assert code == 0
    assert victim.read_text() == "precious"
    assert target.stat().st_mode & 0o777 == 0o600
    assert all(p.is_symlink() or p.exists() for p in planted)  # left alone, not used
