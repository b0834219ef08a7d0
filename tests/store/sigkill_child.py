"""A writer that saves as fast as it can until it is killed (driven by test_sigkill.py).

Usage: python sigkill_child.py FOLDER MODULE:FACTORY [group]

This process imports the store once and then serves: each `go` line on stdin forks a writer
(printing `pid N`), waits for it to die and prints `dead N STATUS`. Forking a warm process keeps
hundreds of kills quick even on a busy machine.

The writer opens FOLDER with the file format FACTORY() and loops: step n appends the line
`entry n` to a growing session's notes and saves it; every tenth step also appends a decision
and saves the whole session (which rewrites the roster summary). After a step's saves have
returned, so are durable, it prints `saved n`.

With `parts`, a decision is appended every other step, a new session begins every
PARTS_PER_SESSION steps, every seventh step also changes the oldest session (a line `touched n`),
and a history keeps its decisions in parts of three and its sessions in parts of two (see
`history_file`): kills land while parts are written and rewritten.

With `group`, the session is a group session of three attendees (GROUP), so each save writes
three files, the first attendee's first. With `restore`, the writer instead restores, with
force, the backups `a.backup` and `b.backup` beside FOLDER in turn, printing `saved n` after
each. With `passphrase`, the writer instead changes the folder's passphrase, backs it up and
removes its passphrase in turn (PASSPHRASE_STEPS), printing `saved n` after each.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import traceback
from pathlib import Path

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.session import Session
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records
from tests.support import STAMP, fixed_clock

SID = "s-00000000cafe"
GROUP = [SID, "s-00000000beef", "s-00000000f00d"]
PER_SESSION = 150
PARTS_PER_SESSION = 6
ENTRY = re.compile(r"^entry (\d+)$", re.MULTILINE)


def say(text: str) -> None:
    """One line in one write(2): a kill can never leave half a line for the next one to join
    (print() may write the text and the newline separately when output is unbuffered)."""
    os.write(1, f"{text}\n".encode())


def load_format(spec: str):
    module, _, factory = spec.partition(":")
    return getattr(importlib.import_module(module), factory)()


def last_entry(records: Records) -> int:
    """The highest step on disk (-1 before the first)."""
    found = [int(m) for s in records.sessions(SID) for m in ENTRY.findall(s.notes)]
    return max(found, default=-1)


def session_for(records: Records, n: int, attendees: list[str],
                per_session: int = PER_SESSION) -> Session:
    sid = f"x-{n // per_session:012x}"
    for s in records.sessions(SID):
        if s.id == sid:
            return s
    return Session(list(attendees), id=sid, notes="", created_at=STAMP)


def write_until_killed(folder_path: str, fmt_spec: str, mode: str = "single") -> None:
    every, per_session = 10, PER_SESSION
    if mode == "parts":  # a decision every other step, and the history in small parts
        from supervisor_tui.store import history_file

        history_file.CHUNK, history_file.KEEP, every = 3, 2, 2
        history_file.SESSION_CHUNK, history_file.SESSION_KEEP = 2, 1
        per_session = PARTS_PER_SESSION
    folder = DataFolder.open(Path(folder_path), fixed_clock, load_format(fmt_spec))
    records = Records(folder)
    attendees = GROUP if mode == "group" else [SID]
    known = {p.id for p in records.supervisees()}
    for n, sid in enumerate(attendees):
        if sid not in known:
            records.save_supervisee(Supervisee(f"Kill Test {n}", "Fictional", id=sid,
                                               created_at=STAMP))
    n = last_entry(records) + 1
    session = session_for(records, n, attendees, per_session)
    say(f"ready {n}")
    while True:
        if n % per_session == 0:
            session = Session(list(attendees), id=f"x-{n // per_session:012x}", notes="",
                              created_at=STAMP)
        session.notes += f"entry {n}\n"
        records.save_notes(session)
        if n % every == 0:
            records.add_decision(Decision(SID, session.id, f"Decision at {n}", "Because.",
                                          decided_at=STAMP))
            records.save_session(session)
        if mode == "parts" and n % 7 == 0:
            oldest = records.sessions(SID)[0]
            if oldest.id != session.id:
                oldest.notes += f"touched {n}\n"
                records.save_notes(oldest)
        say(f"saved {n}")
        n += 1


def restore_until_killed(folder_path: str, fmt_spec: str) -> None:
    from supervisor_tui.store.backup import read_backup, restore_backup

    folder = DataFolder.open(Path(folder_path), fixed_clock, load_format(fmt_spec))
    docs = [read_backup(Path(folder_path).parent / f"{name}.backup") for name in "ab"]
    say("ready 0")
    n = 0
    while True:
        restore_backup(folder, docs[n % 2], force=True)
        say(f"saved {n}")
        n += 1


PASSPHRASES = ["first passphrase", "second passphrase"]
#: A new passphrase, a backup, removal (None), the other passphrase, a backup, removal.
PASSPHRASE_STEPS = [PASSPHRASES[1], "backup", None, PASSPHRASES[0], "backup", None]


def open_with_any_passphrase(path: Path) -> DataFolder:
    """The folder under whichever passphrase it is in now (or plain); an interrupted change or
    removal is finished on the way."""
    from supervisor_tui.store.crypto import PassphraseRequiredError, WrongPassphraseError

    for passphrase in [None, *PASSPHRASES]:
        try:
            return DataFolder.open(path, fixed_clock, passphrase=passphrase)
        except (PassphraseRequiredError, WrongPassphraseError):
            continue
    raise AssertionError("no passphrase opens the folder")


def rekey_until_killed(folder_path: str) -> None:
    from supervisor_tui.store.backup import create_backup
    from supervisor_tui.store.crypto import TEST_KDF
    from supervisor_tui.store.rekey import change_passphrase

    folder = open_with_any_passphrase(Path(folder_path))
    records = Records(folder)
    say("ready 0")
    n = 0
    while True:
        step = PASSPHRASE_STEPS[n % len(PASSPHRASE_STEPS)]
        if step == "backup":
            create_backup(records, Path(folder_path).parent / "out.backup", STAMP, folder.fmt)
        else:
            change_passphrase(folder, step, TEST_KDF)
        say(f"saved {n}")
        n += 1


def serve(folder_path: str, fmt_spec: str, mode: str = "single") -> None:
    load_format(fmt_spec)  # import the format's module before forking, too
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                if mode == "restore":
                    restore_until_killed(folder_path, fmt_spec)
                elif mode == "passphrase":
                    rekey_until_killed(folder_path)
                else:
                    write_until_killed(folder_path, fmt_spec, mode)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            os._exit(3)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"dead {pid} {status}")


if __name__ == "__main__":
    serve(*sys.argv[1:4])
