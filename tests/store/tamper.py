"""Editing a closed data folder's files behind the app's back, as tampering would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import orjson

from supervisor_tui.demo import write_demo
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.hashchain import decision_hash
from supervisor_tui.services.integrity import check_record
from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import FileFormat, PlainFormat, atomic_write, read_file
from supervisor_tui.store.crypto import TEST_KDF
from tests.support import NOW, open_service

Rows = list[dict[str, Any]]


def tamper_decisions(folder: Path, supervisee_id: str, change: Callable[[Rows], Rows]) -> None:
    """Rewrite the decisions table of one supervisee's file through `change(rows)`."""
    path = folder / "supervisees" / f"{supervisee_id}.json"
    data = orjson.loads(path.read_bytes())
    rows = [data["decisions"][k] for k in sorted(data["decisions"], key=int)]
    data["decisions"] = {str(n): row for n, row in enumerate(change(rows), start=1)}
    path.write_bytes(orjson.dumps(data))


PASS = "correct horse"
Doc = dict[str, Any]


class Folder:
    """A demo folder checked once (so this machine remembers it), edited behind the app."""

    def __init__(self, path: Path, encrypted: bool, state: Path) -> None:
        self.path, self.encrypted, self.state = path, encrypted, state
        with mock.patch("os.fsync"):
            svc = self.open()
            try:
                write_demo(svc.records, NOW.date())
                assert check_record(svc.workspace, state).ok
                person = max(svc.records.supervisees(),
                             key=lambda p: len(svc.records.decisions(p.id)))
                self.sid, self.name = person.id, person.name
            finally:
                svc.close()

    def open(self):  # type: ignore[no-untyped-def]
        if self.encrypted:
            return open_service(self.path, passphrase=PASS, encrypt=TEST_KDF)
        return open_service(self.path)

    @property
    def fmt(self) -> FileFormat:
        return crypto.unlock(self.path, PASS) if self.encrypted else PlainFormat()

    def file(self, sid: str | None = None) -> Path:
        return self.path / "supervisees" / f"{sid or self.sid}.json" if sid != "roster" \
            else self.path / "roster.json"

    def edit(self, which: str | None, change: Callable[[Doc], None]) -> None:
        """Decrypt a file, change it, write it back sealed as before (as a tool would)."""
        path = self.file(which)
        fmt = self.fmt
        data = read_file(path, fmt)
        change(data)
        atomic_write(path, fmt.seal(orjson.dumps(data)))

    def check(self):  # type: ignore[no-untyped-def]
        svc = self.open()
        try:
            return check_record(svc.workspace, self.state)
        finally:
            svc.close()


def rows(data: Doc, table: str) -> list[Doc]:
    return [data[table][k] for k in sorted(data[table], key=int)]


def put_rows(data: Doc, table: str, found: list[Doc]) -> None:
    data[table] = {str(n): row for n, row in enumerate(found, start=1)}


def finalised(data: Doc) -> list[Doc]:
    return [r for r in rows(data, "sessions") if r["status"] == "finalised" and r["signoffs"]
            and len(r["supervisee_ids"]) == 1]


def edit_notes(f: Folder) -> str:
    def change(data: Doc) -> None:
        finalised(data)[0]["notes"] += " And something nobody said."
    f.edit(None, change)
    return "notes changed after it was recorded"


def remove_sign_off(f: Folder) -> str:
    def change(data: Doc) -> None:
        finalised(data)[-1]["signoffs"] = []
    f.edit(None, change)
    return "sign-off changed after it was recorded"


def delete_session(f: Folder) -> str:
    def change(data: Doc) -> None:
        gone = finalised(data)[1]["id"]
        put_rows(data, "sessions", [r for r in rows(data, "sessions") if r["id"] != gone])
    f.edit(None, change)
    return "sealed record(s) deleted"


def delete_action(f: Folder) -> str:
    def change(data: Doc) -> None:
        put_rows(data, "actions", rows(data, "actions")[1:])
    f.edit(None, change)
    return "sealed record(s) deleted"


def change_a_case_risk(f: Folder) -> str:
    def change(data: Doc) -> None:
        case = rows(data, "cases")[0]
        case["risk"] = "low" if case["risk"] != "low" else "high"
    f.edit(None, change)
    return "details changed after it was recorded"


def _rechain(data: Doc, found: list[Doc]) -> str:
    prev = ""
    for row in found:
        decision = Decision(**{k: v for k, v in row.items() if k in Decision.__dataclass_fields__})
        row["prev_hash"] = prev
        row["hash"] = prev = decision_hash(decision, prev)
    put_rows(data, "decisions", found)
    return prev


def _adjust_head(f: Folder, count: int, last: str) -> None:
    def change(data: Doc) -> None:
        for head in data["chain_heads"].values():
            if head["supervisee_id"] == f.sid:
                head["count"], head["last_hash"] = count, last
    f.edit("roster", change)


def rewrite_chain(f: Folder) -> str:
    """Every decision rehashed after one is edited, the head moved to match: only a key that
    is not in the file shows it."""
    found: list[Doc] = []

    def change(data: Doc) -> None:
        found[:] = rows(data, "decisions")
        found[0]["rationale"] = "A different reason, written later."
        found.append({"last": _rechain(data, found[:])})
    f.edit(None, change)
    _adjust_head(f, len(found) - 1, found[-1]["last"])
    return "chain head) was altered outside the app"


def drop_newest_decision(f: Folder) -> str:
    kept: list[Doc] = []

    def change(data: Doc) -> None:
        kept[:] = rows(data, "decisions")[:-1]
        put_rows(data, "decisions", kept)
    f.edit(None, change)
    _adjust_head(f, len(kept), kept[-1]["hash"])
    return "chain head) was altered outside the app"


def remove_person(f: Folder) -> str:
    def change(data: Doc) -> None:
        put_rows(data, "supervisees", [r for r in rows(data, "supervisees")
                                       if r["id"] != f.sid])
        put_rows(data, "chain_heads", [r for r in rows(data, "chain_heads")
                                       if r["supervisee_id"] != f.sid])
    f.edit("roster", change)
    f.file().unlink()
    return "was removed from the roster"


def later_work(f: Folder) -> None:
    """Honest work after the first check, itself checked (so this machine remembers it)."""
    svc = f.open()
    try:
        session = next(s for s in reversed(svc.records.sessions(f.sid)) if s.signoffs)
        svc.records.add_decision(Decision(f.sid, session.id, "Refer on", "Risk rose",
                                          decided_at=NOW))
        svc.records.save_action(Action(f.sid, session.id, "Ring the GP", "supervisee",
                                       created_at=NOW))
        assert check_record(svc.workspace, f.state).ok
    finally:
        svc.close()


def roll_back_one_file(f: Folder) -> str:
    """An older copy of one supervisee's file put back: the roster's head is ahead of it."""
    old = f.path.parent / "old-file.json"
    shutil.copy2(f.file(), old)
    later_work(f)
    shutil.copy2(old, f.file())
    return "an earlier copy of the file put back"


def roll_back_roster_and_file(f: Folder) -> str:
    """An older roster and supervisee file put back together: consistent with each other,
    only what this machine saw last shows it."""
    old = f.path.parent / "old"
    old.mkdir()
    shutil.copy2(f.file("roster"), old / "roster.json")
    shutil.copy2(f.file(), old / "person.json")
    later_work(f)
    shutil.copy2(old / "roster.json", f.file("roster"))
    shutil.copy2(old / "person.json", f.file())
    return "older than when this machine last checked it"


def roll_back_whole_folder(f: Folder) -> str:
    old = f.path.parent / "old-folder"
    shutil.copytree(f.path, old, ignore=shutil.ignore_patterns("*.lock", ".lock*"))
    later_work(f)
    for path in old.rglob("*.json"):
        shutil.copy2(path, f.path / path.relative_to(old))
    return "older than when this machine last checked it"


TAMPERING = [edit_notes, remove_sign_off, delete_session, delete_action, change_a_case_risk,
             rewrite_chain,
             drop_newest_decision, remove_person, roll_back_one_file, roll_back_roster_and_file,
             roll_back_whole_folder]
