"""The CLI on encrypted folders: init, passphrase, restore-backup, one-line errors, reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from supervisor_tui import cli
from supervisor_tui.commands import common
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store import crypto
from supervisor_tui.store.crypto import TEST_KDF
from tests.support import STAMP, open_service

PASS = "tidal basin 42"


@pytest.fixture(autouse=True)
def quiet_env(monkeypatch, tmp_path):
    for var in (common.PASSPHRASE_ENV, common.NEW_PASSPHRASE_ENV, "SUPERVISOR_TUI_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUPERVISOR_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("SUPERVISOR_TUI_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(crypto, "DEFAULT_KDF", TEST_KDF)  # keep the tests quick
    monkeypatch.setattr(common, "passphrase_file", None)


def _run(*argv: str) -> int:
    return cli.main(list(argv))


def _encrypted(folder: Path, passphrase: str = PASS) -> str:
    svc = open_service(folder, passphrase=passphrase, encrypt=TEST_KDF)
    person = svc.records.save_supervisee(Supervisee("Noor Haddad", created_at=STAMP))
    svc.close()
    return person.id


def test_init_encrypt_reads_the_env_and_refuses_a_second_time(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    assert _run("--data-dir", str(folder), "init", "--encrypt") == 0
    assert "encrypted" in capsys.readouterr().out
    assert crypto.is_encrypted(folder)
    open_service(folder, passphrase=PASS).close()
    assert _run("--data-dir", str(folder), "init") == 2
    assert "already holds a data folder" in capsys.readouterr().err


def test_init_encrypt_without_a_passphrase_says_how_to_give_one(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert _run("--data-dir", str(tmp_path / "d"), "init", "--encrypt") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SUPERVISOR_TUI_PASSPHRASE" in err


def test_init_asks_twice_on_a_terminal(tmp_path, monkeypatch, capsys):
    answers = iter(["one", "two"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert _run("--data-dir", str(tmp_path / "d"), "init", "--encrypt") == 2
    assert "differ" in capsys.readouterr().err
    assert not (tmp_path / "d" / "keycheck.bin").exists()
    answers = iter(["same", "same"])
    assert _run("--data-dir", str(tmp_path / "d"), "init", "--encrypt") == 0
    open_service(tmp_path / "d", passphrase="same").close()


def test_passphrase_file_is_taken_after_the_command_too(tmp_path, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    old = tmp_path / "old.txt"
    old.write_text(PASS + "\n")
    new = tmp_path / "new.txt"
    new.write_text("a different one\n")
    assert _run("--data-dir", str(folder), "passphrase", "--passphrase-file", str(old),
                "--new-passphrase-file", str(new)) == 0
    assert "new passphrase" in capsys.readouterr().out
    with pytest.raises(crypto.WrongPassphraseError):
        open_service(folder, passphrase=PASS)
    svc = open_service(folder, passphrase="a different one")
    assert [p.name for p in svc.records.supervisees()] == ["Noor Haddad"]
    svc.close()


def test_wrong_passphrase_and_damaged_file_read_differently(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    monkeypatch.setenv(common.PASSPHRASE_ENV, "nope")
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "x")
    assert _run("--data-dir", str(folder), "passphrase") == 2
    wrong = capsys.readouterr().err
    assert "passphrase does not open" in wrong
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    roster = folder / "roster.json"
    roster.write_bytes(roster.read_bytes()[:-1])
    assert _run("--data-dir", str(folder), "passphrase") == 2
    damaged = capsys.readouterr().err
    assert "roster.json is damaged" in damaged and "passphrase" not in damaged.split("(")[1]


def test_encrypt_a_plain_folder_then_remove(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    svc = open_service(folder)
    svc.records.save_supervisee(Supervisee("Noor Haddad", created_at=STAMP))
    svc.close()
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "fresh")
    assert _run("--data-dir", str(folder), "passphrase") == 0
    assert b"Noor" not in (folder / "roster.json").read_bytes()
    monkeypatch.setenv(common.PASSPHRASE_ENV, "fresh")
    assert _run("--data-dir", str(folder), "passphrase", "--remove") == 0
    assert b"Noor" in (folder / "roster.json").read_bytes()
    assert not crypto.is_encrypted(folder)


def test_restore_backup_after_the_error_points_to_it(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    svc = open_service(folder, passphrase=PASS)
    svc.records.save_supervisee(Supervisee("Second Run", created_at=STAMP))
    svc.close()
    roster = folder / "roster.json"
    roster.write_bytes(b"junk")
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "x")
    assert _run("--data-dir", str(folder), "passphrase") == 2
    err = capsys.readouterr().err
    assert f"supervisor-tui restore-backup {roster}" in err and err.count("\n") == 1
    assert _run("--data-dir", str(folder), "restore-backup", str(roster)) == 0
    out = capsys.readouterr().out
    assert "roster.json.bak1" in out and ".damaged-" in out
    svc = open_service(folder, passphrase=PASS)
    assert [p.name for p in svc.records.supervisees()] == ["Noor Haddad"]
    svc.close()
    # Now healthy: its backup would roll it back, so only on purpose (and a relative name).
    before = roster.read_bytes()
    assert _run("--data-dir", str(folder), "restore-backup", "roster.json") == 2
    assert "reads cleanly" in capsys.readouterr().err and roster.read_bytes() == before
    assert _run("--data-dir", str(folder), "restore-backup", "roster.json", "--force") == 0


def test_unexpected_error_prints_one_line_and_a_redacted_report(tmp_path, monkeypatch, capsys):
    secret = "the Okafor family disclosed"

    def explode(args):
        note_text = secret  # a local that Rich would print  # noqa: F841
        raise ValueError(f"bad value {secret}")

    monkeypatch.setattr(cli, "launch", explode)
    monkeypatch.setattr(sys, "argv", ["supervisor-tui"])
    parser = cli.build_parser()
    parser.set_defaults(handler=explode)
    monkeypatch.setattr(cli, "build_parser", lambda commands=True: parser)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ValueError" in err and secret not in err
    reports = list((tmp_path / "logs").glob("error-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text()
    assert "ValueError" in text and "in explode" in text and "cli.py" in text
    assert secret not in text and "Okafor" not in text
    assert oct(reports[0].stat().st_mode & 0o777) == "0o600"


def test_demo_encrypt_no_launch_writes_nothing_readable(tmp_path, monkeypatch, capsys):
    from supervisor_tui.cli import COMMANDS

    folder = tmp_path / "demo"
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    assert _run("demo", "--encrypt", "--no-launch", "--data-dir", str(folder)) == 0
    assert capsys.readouterr().out.strip() == str(folder)
    svc = open_service(folder, passphrase=PASS)
    people = svc.records.supervisees(include_archived=True)
    notes = [s.notes for p in people for s in svc.records.sessions(p.id) if s.notes]
    svc.close()
    assert people and notes
    needles = [p.name.encode() for p in people]
    needles += [n.strip().splitlines()[0][:24].encode() for n in notes[:5]]
    for path in folder.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert not [n for n in needles if n in blob], path.name
    # the other commands open it through open_records, so they take the passphrase too
    assert "demo" in COMMANDS
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "changed")
    assert _run("--data-dir", str(folder), "passphrase") == 0
    monkeypatch.delenv(common.PASSPHRASE_ENV)
    assert _run("--data-dir", str(folder), "passphrase") == 2
    assert "passphrase is needed" in capsys.readouterr().err


def test_a_damaged_key_check_is_restored_from_its_spare(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    check = folder / crypto.KEY_CHECK
    check.write_bytes(check.read_bytes()[:-4])
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "x")
    assert _run("--data-dir", str(folder), "passphrase") == 2
    err = capsys.readouterr().err
    assert "key-check file is damaged" in err and "restore-backup" in err
    monkeypatch.delenv(common.PASSPHRASE_ENV)  # the key check needs no passphrase to restore
    assert _run("--data-dir", str(folder), "restore-backup", "keycheck.bin") == 0
    svc = open_service(folder, passphrase=PASS)
    assert [p.name for p in svc.records.supervisees()] == ["Noor Haddad"]
    svc.close()


def test_every_reading_command_works_on_an_encrypted_folder(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "demo"
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    assert _run("demo", "--encrypt", "--no-launch", "--data-dir", str(folder)) == 0
    svc = open_service(folder, passphrase=PASS)
    person = svc.records.supervisees()[0]
    svc.close()
    capsys.readouterr()
    base = ["--data-dir", str(folder)]
    for argv in (["list", "supervisees"], ["list", "sessions", person.id],
                 ["export", "supervisee", person.id], ["verify"],
                 ["audit", "--from", "2000-01-01", "--to", "2100-01-01"],
                 ["backup", str(tmp_path / "whole.bak")]):
        assert _run(*base, *argv) == 0, (argv, capsys.readouterr().err)
        out = capsys.readouterr().out
        if argv[:2] == ["list", "sessions"]:
            assert "finalised" in out
        elif argv[0] in ("list", "export"):
            assert person.name in out, argv
    assert b"Brackenbury" not in (tmp_path / "whole.bak").read_bytes()  # sealed with the key
    monkeypatch.delenv(common.PASSPHRASE_ENV)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert _run(*base, "list", "supervisees") == 2
    assert "passphrase is needed" in capsys.readouterr().err


def _records(folder: Path, passphrase: str) -> str:
    """Every record of the folder, as the practitioner JSON exports give them."""
    from supervisor_tui.services.exports import practitioner_file

    svc = open_service(folder, passphrase=passphrase)
    try:
        return "\n".join(practitioner_file(svc.workspace, p.id, "json")
                         for p in svc.records.supervisees(include_archived=True))
    finally:
        svc.close()


def test_an_encrypted_backup_restores_on_a_new_machine_after_a_passphrase_change(
        tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    before = _records(folder, PASS)
    backup = tmp_path / "elsewhere" / "old.stb"
    backup.parent.mkdir()
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    assert _run("--data-dir", str(folder), "backup", str(backup)) == 0
    assert "opens with this folder's passphrase as it is today" in capsys.readouterr().err
    monkeypatch.setenv(common.NEW_PASSPHRASE_ENV, "a later one")
    assert _run("--data-dir", str(folder), "passphrase") == 0
    assert b"Noor" not in backup.read_bytes()

    # The laptop is lost: a brand-new folder, only the backup and the old passphrase.
    monkeypatch.delenv(common.NEW_PASSPHRASE_ENV)
    fresh = tmp_path / "new-laptop" / "data"
    assert _run("--data-dir", str(fresh), "restore", str(backup)) == 0
    assert "encrypted under the backup's passphrase" in capsys.readouterr().err
    assert crypto.is_encrypted(fresh)
    assert b"Noor" not in (fresh / "roster.json").read_bytes()
    assert _records(fresh, PASS) == before

    # Into the same folder, now under the later passphrase: the backup's own is asked for.
    monkeypatch.setenv(common.PASSPHRASE_ENV, "a later one")
    monkeypatch.setenv("SUPERVISOR_TUI_BACKUP_PASSPHRASE", PASS)
    assert _run("--data-dir", str(folder), "restore", str(backup), "--force") == 0
    assert _records(folder, "a later one") == before


def test_a_wrong_passphrase_for_a_backup_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    _encrypted(folder)
    backup = tmp_path / "old.stb"
    monkeypatch.setenv(common.PASSPHRASE_ENV, PASS)
    assert _run("--data-dir", str(folder), "backup", str(backup)) == 0
    monkeypatch.setenv(common.PASSPHRASE_ENV, "not it")
    fresh = tmp_path / "new" / "data"
    assert _run("--data-dir", str(fresh), "restore", str(backup)) == 2
    err = capsys.readouterr().err
    assert "does not open" in err and "Traceback" not in err
    assert not fresh.exists()
