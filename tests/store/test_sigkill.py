"""Kill a writing process with SIGKILL at random moments; every file must stay readable and
every save it acknowledged must be on disk.

The file format is a parameter: an encrypted format registers its factory in `FORMATS` (a
`module:callable` returning the FileFormat, importable by the child) and runs the same test.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supervisor_tui.domain.hashchain import verify_chain
from supervisor_tui.store.atomic import read_file
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records
from tests.store.sigkill_child import ENTRY, SID, load_format
from tests.support import fixed_clock

FORMATS = {
    "plain": "supervisor_tui.store.atomic:PlainFormat",
    "encrypted": "tests.store.fixed_key:fixed_format",
}
KILLS = 200
CHILD = Path(__file__).with_name("sigkill_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


class Server:
    """The forking writer process and its output."""

    def __init__(self, folder: Path, fmt_spec: str, mode: str = "single") -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}  # `tests.` factories
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), fmt_spec, mode], cwd=ROOT, text=True, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=1)

    def line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"writer process ended: {self.proc.stderr.read()}")  # type: ignore[union-attr]
        return line.strip()

    def start(self) -> tuple[int, list[str]]:
        """Fork a writer; its pid, and any lines it printed before the pid arrived."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        early = []
        while not (line := self.line()).startswith("pid "):
            early.append(line)
        return int(line.split()[1]), early

    def errors(self) -> str:
        """What the writers printed on stderr (read only once the server has stopped)."""
        self.close()
        return self.proc.stderr.read() if self.proc.stderr else ""  # type: ignore[union-attr]

    def wait_dead(self) -> tuple[int, list[str]]:
        lines = []
        while not (line := self.line()).startswith("dead "):
            lines.append(line)
        return int(line.split()[2]), lines

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def kill_once(server: Server, rng: random.Random, longest: float,
              at_start_up: bool = False, saves: int = 0) -> list[str]:
    """Fork a writer, SIGKILL it up to `longest` seconds after it is ready and has
    acknowledged `saves` steps (or, `at_start_up`, while it opens the folder); what it
    printed. Waiting for acknowledged steps keeps a campaign moving on a loaded machine,
    where a step can take longer than `longest`."""
    pid, lines = server.start()
    if at_start_up:  # during start-up: lock, clean-up, first read
        time.sleep(rng.uniform(0, 0.004))
    else:
        def done() -> int:
            return sum(line.startswith("saved ") for line in lines)

        while not lines or not lines[-1].startswith("dead ") and (
                not any(line.startswith("ready") for line in lines) or done() < saves):
            lines.append(server.line())
        if lines[-1].startswith("dead "):
            raise AssertionError(f"the writer failed on its own: {server.errors()}")
        time.sleep(rng.uniform(0, longest))
    os.kill(pid, signal.SIGKILL)
    status, rest = server.wait_dead()
    lines += rest
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"the writer failed on its own: {lines}")
    return lines


def acknowledged_in(lines: list[str], before: int) -> int:
    return max([before, *(int(line.split()[1]) for line in lines if line.startswith("saved "))])


def check_folder(folder: Path, fmt_spec: str, acknowledged: int) -> int:
    """Every data file and backup parses; what was acknowledged is there; the record verifies
    (a save cut off between a person's file and the roster is one ahead of its head, which
    verify takes for what it is). Returns the last step."""
    from supervisor_tui.store.verify import verify_all

    fmt = load_format(fmt_spec)
    files = [p for p in folder.rglob("*") if p.is_file() and ".json" in p.name
             and not p.name.endswith(".tmp")]
    for path in files:
        read_file(path, fmt)  # raises StoreCorruptError if any file or backup is damaged
    with DataFolder.open(folder, fixed_clock, fmt) as data:
        assert not [p for p in folder.rglob("*.tmp")], "stale temp files removed at open"
        records = Records(data)
        records.check_roster()
        records.check_history(SID)
        entries = sorted(int(m) for s in records.sessions(SID) for m in ENTRY.findall(s.notes))
        last = entries[-1] if entries else -1
        assert entries == list(range(last + 1)), "every step exactly once, no gaps"
        assert acknowledged <= last <= acknowledged + 1
        assert verify_chain(records.decisions(SID)) == []
        problems = [p for r in verify_all(records) for p in r.problems]
        assert problems == [], "seals and chains check after every kill"
    return last


def assert_no_plaintext(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert b"entry " not in blob and b"Kill Test" not in blob, path.name


@pytest.mark.parametrize("fmt_name", sorted(FORMATS))
def test_sigkill_at_random_moments_keeps_files_readable_and_saves_acknowledged(
        tmp_path, fmt_name):
    fmt_spec = FORMATS[fmt_name]
    folder = tmp_path / "data"
    rng = random.Random(0x5EED)
    server = Server(folder, fmt_spec)
    acknowledged = -1
    mid_write = waited_for = 0
    started = time.monotonic()
    try:
        for _ in range(KILLS):
            # Some kills first wait for a save or two, so the campaign keeps writing on a
            # machine slow enough that a step takes longer than the random delay.
            at_start_up, saves = rng.random() < 0.2, rng.randint(0, 2)
            lines = kill_once(server, rng, 0.04, at_start_up=at_start_up,
                              saves=0 if at_start_up else saves)
            waited_for += 0 if at_start_up else saves
            acknowledged = acknowledged_in(lines, acknowledged)
            if fmt_name == "encrypted":
                assert_no_plaintext(folder)  # temp files the kill left behind included
            last = check_folder(folder, fmt_spec, acknowledged)
            mid_write += last == acknowledged + 1  # killed after a save, before its ack
            acknowledged = last
    finally:
        server.close()
    elapsed = time.monotonic() - started
    print(f"{KILLS} kills in {elapsed:.1f} s; {acknowledged + 1} steps saved; "
          f"{mid_write} kills between a durable save and its acknowledgement")
    assert acknowledged + 1 >= waited_for > KILLS // 2
    assert mid_write > 0, "some kills landed while a save was being written"


PARTS_KILLS = 60


def test_sigkill_while_a_history_moves_into_parts_loses_nothing(tmp_path):
    """Kills land between writing a part and the person's file, and in either, while
    decisions and sessions move into parts and an old session's part is written again."""
    fmt_spec = FORMATS["plain"]
    folder = tmp_path / "data"
    rng = random.Random(0xC0FFEE)
    server = Server(folder, fmt_spec, "parts")
    acknowledged = -1
    try:
        for _ in range(PARTS_KILLS):
            lines = kill_once(server, rng, 0.04, saves=rng.randint(1, 3))
            acknowledged = check_folder(folder, fmt_spec, acknowledged_in(lines, acknowledged))
    finally:
        server.close()
    parts = sorted((folder / "supervisees" / "decisions").glob(f"{SID}.*.json"))
    assert len(parts) >= 5, "the campaign wrote parts"
    assert any(".sessions." in p.name for p in parts), "sessions moved into parts"
    with DataFolder.open(folder, fixed_clock, load_format(fmt_spec)) as data:
        decisions = Records(data).decisions(SID)
    steps = [int(d.text.removeprefix("Decision at ")) for d in decisions]
    assert steps == sorted(set(steps)), "each decision once, in the order it was made"
    assert len(steps) >= acknowledged // 2 + 1 - PARTS_KILLS  # a kill can cut off one


GROUP_KILLS = 50


def test_sigkill_between_a_group_sessions_files_is_finished_at_the_next_open(tmp_path):
    """Each save of a three-person group session writes three files; killed at random
    moments, the next open leaves every attendee the same, whole record: the acknowledged
    steps, at most one more, each once."""
    from tests.store.sigkill_child import GROUP

    fmt_spec = FORMATS["plain"]
    folder = tmp_path / "data"
    rng = random.Random(0x6A0)
    server = Server(folder, fmt_spec, "group")
    acknowledged, out_of_step = -1, 0
    try:
        for _ in range(GROUP_KILLS):
            acknowledged = acknowledged_in(
                kill_once(server, rng, 0.03, saves=rng.randint(0, 3)), acknowledged)
            with DataFolder.open(folder, fixed_clock, load_format(fmt_spec)) as data:
                records = Records(data)
                before = [records.sessions(sid) for sid in GROUP]
                out_of_step += before[0] != before[1] or before[0] != before[2]
                records.complete_group_copies(GROUP[0])
                copies = [records.sessions(sid) for sid in GROUP]
                assert copies[0] == copies[1] == copies[2], "every attendee the same record"
            acknowledged = check_folder(folder, fmt_spec, acknowledged)
    finally:
        server.close()
    print(f"{GROUP_KILLS} kills; {out_of_step} left the attendees' files out of step "
          "(finished at the next open)")
    assert acknowledged > GROUP_KILLS


RESTORE_KILLS = 50


def test_sigkill_during_restores_leaves_one_whole_folder_never_a_mix(tmp_path):
    """Restores of two different backups in turn, killed at random moments: after the next
    open the folder is exactly one of the two backups, or the empty folder it began as (a
    restore cut off after its journal is finished there, one cut off before it leaves what was
    there), and it verifies."""
    from supervisor_tui.domain.people import Supervisee
    from supervisor_tui.domain.session import Session
    from supervisor_tui.store.backup import create_backup
    from supervisor_tui.store.verify import verify_all
    from tests.reports.fixture import write_fixture
    from tests.store.test_restore_interrupted import data_files
    from tests.support import STAMP, open_service

    wanted = []
    for name in "ab":
        source = tmp_path / f"source-{name}"
        svc = open_service(source)
        if name == "a":
            write_fixture(svc.records)
        else:
            svc.records.save_supervisee(Supervisee("Other One", id="s-0c0c0c", created_at=STAMP))
            svc.records.save_session(Session(["s-0c0c0c"], notes="b", created_at=STAMP))
            svc.records.refresh_summary("s-0c0c0c")
        create_backup(svc.records, tmp_path / f"{name}.backup", STAMP)
        svc.close()
        wanted.append(data_files(source))
    folder = tmp_path / "data"
    open_service(folder).close()
    wanted.append(data_files(folder))  # killed before the first restore was made
    rng = random.Random(0x2E5)
    server = Server(folder, FORMATS["plain"], "restore")
    acknowledged, finished = -1, 0
    try:
        for _ in range(RESTORE_KILLS):
            acknowledged = acknowledged_in(kill_once(server, rng, 0.05), acknowledged)
            with DataFolder.open(folder, fixed_clock) as data:
                finished += data.finished == "restore"
                records = Records(data)
                assert all(not r.problems for r in verify_all(records))
            now = data_files(folder)
            assert now in wanted, "the folder is one whole backup, never a mix"
            assert not [p for p in folder.rglob("*") if ".rekey-new" in p.name
                        or p.name.endswith(".tmp") or p.name == "rekey.journal"]
    finally:
        server.close()
    print(f"{RESTORE_KILLS} kills; {finished} cut a restore off after its journal "
          f"(finished at the next open); {acknowledged + 1} restores acknowledged")
    assert acknowledged > 0 and finished > 0


PASSPHRASE_KILLS = 60
MARKERS = (b"Marker Person", b"PLAINTEXT-MARKER")


def test_sigkill_during_passphrase_changes_removals_and_backups_leaks_nothing(tmp_path):
    """Passphrase changes, backups and removals of the passphrase in turn, killed at random
    moments: while the folder is encrypted no byte of a record is in plain text anywhere in
    it (temp files included); after the next open no temp file is left and every record is
    there under exactly one passphrase, or none."""
    from supervisor_tui.domain.people import Supervisee
    from supervisor_tui.domain.session import Session
    from supervisor_tui.store import crypto, switch
    from supervisor_tui.store.crypto import TEST_KDF
    from tests.store.sigkill_child import PASSPHRASES, open_with_any_passphrase
    from tests.support import STAMP, open_service

    folder = tmp_path / "data"
    svc = open_service(folder, passphrase=PASSPHRASES[0], encrypt=TEST_KDF)
    svc.records.save_supervisee(Supervisee("Marker Person", id="s-0c0c0c", created_at=STAMP))
    svc.records.save_session(Session(["s-0c0c0c"], notes="PLAINTEXT-MARKER", created_at=STAMP))
    svc.close()

    def leaked() -> list[str]:
        return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                and any(m in p.read_bytes() for m in MARKERS)]

    rng = random.Random(0x9A55)
    server = Server(folder, FORMATS["plain"], "passphrase")
    acknowledged, removals_cut = -1, 0
    try:
        for _ in range(PASSPHRASE_KILLS):
            acknowledged = acknowledged_in(
                kill_once(server, rng, 0.08, saves=rng.randint(0, 1)), acknowledged)
            under_way = switch.under_way(folder)
            removals_cut += under_way == switch.PASSPHRASE_REMOVAL
            # (a switch under way is finished at the next open: an encryption's originals
            # are still being replaced, a removal's files being decrypted)
            if crypto.is_encrypted(folder) and under_way is None:
                assert leaked() == [], "plain text in an encrypted folder"
            with open_with_any_passphrase(folder) as data:
                records = Records(data)
                assert [p.name for p in records.supervisees()] == ["Marker Person"]
                assert records.sessions("s-0c0c0c")[0].notes == "PLAINTEXT-MARKER"
                left = [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")
                        or switch.NEW_SUFFIX in p.name or p.name == switch.JOURNAL]
                assert left == [], "nothing left over after the open"
                if data.encrypted:
                    assert leaked() == [], "plain text in an encrypted folder"
    finally:
        server.close()
    print(f"{PASSPHRASE_KILLS} kills; {acknowledged + 1} steps acknowledged; {removals_cut} "
          "cut a removal off after its journal (finished at the next open)")
    assert acknowledged > len(PASSPHRASES)
