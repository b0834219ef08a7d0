"""Keeping and checking the seals of every record (the rules are in domain/seal.py).

The folder's seal key, its id and the list of people it has held live in one roster setting.
The key is random, made once per folder; in an encrypted folder it is stored encrypted with
the roster, so seals cannot be rewritten without the passphrase. A folder written before seals
existed is sealed as found the first time it is opened for writing.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tinydb import Query
from tinydb.table import Table

from supervisor_tui.domain import seal
from supervisor_tui.domain.codec import DecodeError, from_dict, to_dict
from supervisor_tui.domain.hashchain import ChainHead
from supervisor_tui.store.folder import SUPERVISEES, DataFolder, valid_supervisee_id

Q = Query()
SETTING = "seal"
#: The tables holding sealed rows, and the kind each row is sealed as.
SEALED_TABLES = {"sessions": "session", "actions": "action", "cases": "case",
                 "case_copies": "copy", "follow_ups": "follow-up", "support": "support"}


@dataclass
class PersonMarks:
    """How far one supervisee's file has got: its newest seal and how many decisions."""

    seal_n: int = 0
    decisions: int = 0


@dataclass
class SealCheck:
    """What the seals of one supervisee's file say."""

    problems: list[str] = field(default_factory=list)
    marks: PersonMarks = field(default_factory=PersonMarks)


def _label(kind: str, row: dict[str, Any]) -> str:
    if kind == "session":
        when = row.get("started_at") or row.get("planned_start") or ""
        day = when[:10] if isinstance(when, str) else ""
        return f"session of {day or 'an unknown date'} ({row.get('id', '?')})"
    if kind == "action":
        text = str(row.get("text", ""))
        return f"action \"{text[:40]}{'…' if len(text) > 40 else ''}\" ({row.get('id', '?')})"
    if kind == "copy":
        return f"the note that decision {row.get('id', '?')} was copied to its case record"
    if kind == "support":
        return "the support note"
    if kind == "follow-up":
        return f"{row.get('kind', 'follow-up')} {row.get('id', '?')}"
    return f"case {row.get('ref', '?')}"


class Sealer:
    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self._settled: set[str] = set()
        """People whose head was brought level with their file in this run (a save cut off
        between the two is finished before the next one counts from the head)."""

    # -- the folder's seal setting -----------------------------------------------------------
    def _settings(self) -> Table:
        return self.folder.roster.table("settings")

    def setting(self) -> dict[str, Any] | None:
        row = self._settings().get(Q.key == SETTING)
        value = row.get("value") if row is not None else None
        if not (isinstance(value, dict) and isinstance(value.get("key"), str)
                and isinstance(value.get("folder_id"), str)
                and isinstance(value.get("people"), dict)):
            return None
        return value

    def keys(self) -> list[bytes]:
        """The seal key, and the one it is being changed to while that change runs."""
        found = self.setting()
        if found is None:
            return []
        keys = []
        for name in ("key", "next_key"):
            if found.get(name):
                with contextlib.suppress(ValueError, TypeError):
                    keys.append(bytes.fromhex(found[name]))
        return keys

    def key(self) -> bytes | None:
        keys = self.keys()
        return keys[0] if keys else None

    def folder_id(self) -> str | None:
        found = self.setting()
        return found["folder_id"] if found is not None else None

    def epoch(self) -> int:
        """How often an earlier copy was put back on purpose (a restore, a repair)."""
        found = self.setting()
        epoch = found.get("epoch", 0) if found is not None else 0
        return epoch if isinstance(epoch, int) and not isinstance(epoch, bool) else 0

    def key_for_write(self) -> bytes:
        """The seal key, sealing the folder as found first if it never was."""
        key = self.key()
        return key if key is not None else self.seal_as_found()

    def begin(self, key: bytes, folder_id: str) -> None:
        """Seal a new, empty folder under a given key (one made from a seed, so a generated
        folder is the same bytes each time)."""
        self._write_setting(key, {"folder_id": folder_id, "people": {}, "epoch": 0,
                                  "exposed": not self.folder.encrypted})

    def note_people(self, people: dict[str, str]) -> None:
        """Add people (id -> name) to the sealed list of everyone the roster has held."""
        key = self.key_for_write()
        found = self.setting()
        assert found is not None
        listed = dict(found["people"])
        if all(listed.get(sid) == name for sid, name in people.items()):
            return
        listed.update(people)
        self._write_setting(key, {**found, "people": listed})

    def put_back_on_purpose(self, adopt: list[str], epoch_was: int = 0) -> None:
        """After a restore or a repair: count it (so this machine's memory of how far each
        file had got is not taken for a rollback), and take the repaired files as they are."""
        key = self.key_for_write()
        for supervisee_id in adopt:
            self.adopt(supervisee_id, key)
        found = self.setting()
        assert found is not None
        self._write_setting(key, {**found, "epoch": max(self.epoch(), epoch_was) + 1})

    def adopt(self, supervisee_id: str, key: bytes) -> None:
        """Make a person's head describe their file as it is (an earlier copy, restored)."""
        head = self.head(supervisee_id)
        head.sealed, head.seal_n, head.seal_sum = self._tally(supervisee_id)
        decisions = self.folder.supervisee_db(supervisee_id).table("decisions").all()
        head.count = len(decisions)
        head.last_hash = decisions[-1].get("hash", "") if decisions else ""
        self.write_head(head, key)

    def _write_setting(self, key: bytes, value: dict[str, Any]) -> None:
        value = {k: v for k, v in value.items() if k not in ("key", "mac")}
        value = {**value, "key": key.hex(), "mac": seal.mac(key, seal.setting_value(value))}
        self._settings().upsert({"key": SETTING, "value": value}, Q.key == SETTING)

    # -- a key that was once on disk in plain text is replaced once the folder is encrypted --
    def exposed(self) -> bool:
        """Whether the seal key was kept in a plain folder (or is being changed)."""
        found = self.setting()
        return found is not None and (found.get("exposed") is not False
                                      or bool(found.get("next_key")))

    def change_key(self) -> None:
        """Reseal every row and head under a new key (same numbers and parts: sums and this
        machine's memory stay valid). The new key is written first, beside the old, and both
        are accepted until the last file is done; a cut-off change is done again."""
        found = self.setting()
        keys = self.keys()
        if found is None or not keys:
            return
        if found.get("next_key"):
            new = keys[-1]
        else:
            new = os.urandom(32)
            self._write_setting(keys[0], {**found, "next_key": new.hex()})
            keys = [keys[0], new]
        for path in sorted((self.folder.path / SUPERVISEES).glob("*.json")):
            if valid_supervisee_id(path.stem):
                self._reseal_file(path.stem, keys, new)
        found = self.setting()
        assert found is not None
        rest = {k: v for k, v in found.items() if k != "next_key"}
        self._write_setting(new, {**rest, "exposed": not self.folder.encrypted})

    def _reseal_file(self, supervisee_id: str, keys: list[bytes], new: bytes) -> None:
        """One write for the whole file; a seal or head that does not check under either key
        is left as it is (still reported)."""
        db = self.folder.supervisee_db(supervisee_id)
        data = copy.deepcopy(db.storage.read() or {})
        for table, kind in SEALED_TABLES.items():
            for row in (data.get(table) or {}).values():
                if isinstance(row, dict) and seal.seal_checks(keys, supervisee_id, kind, row):
                    old = row["seal"]
                    row["seal"] = seal.make_seal(new, supervisee_id, kind, old["n"], row,
                                                 old["parts"])
        for row in (data.get("decisions") or {}).values():
            if isinstance(row, dict) and not seal.check_decision_row(keys, supervisee_id, row):
                seal.seal_decision_row(new, supervisee_id, row)
        db.storage.write(data)
        self.folder.forget(supervisee_id)
        stored = self.folder.roster.table("chain_heads").get(Q.supervisee_id == supervisee_id)
        if stored is not None and seal.signed(keys, seal.head_value(dict(stored)),
                                              stored.get("mac")):
            self.write_head(self.head(supervisee_id), new)

    # -- heads -------------------------------------------------------------------------------
    def head(self, supervisee_id: str) -> ChainHead:
        row = self.folder.roster.table("chain_heads").get(Q.supervisee_id == supervisee_id)
        if row is None:
            return ChainHead(supervisee_id)
        try:
            return from_dict(ChainHead, dict(row))
        except DecodeError:
            return ChainHead(supervisee_id)

    def write_head(self, head: ChainHead, key: bytes | None = None) -> None:
        key = self.key_for_write() if key is None else key
        doc = to_dict(head)
        doc["mac"] = seal.mac(key, seal.head_value(doc))
        self.folder.roster.table("chain_heads").upsert(
            doc, Q.supervisee_id == head.supervisee_id)

    # -- sealing rows as they are written ----------------------------------------------------
    def seal_row(self, supervisee_id: str, table: str, doc: dict[str, Any],
                 before: dict[str, Any] | None) -> ChainHead | None:
        """Put the seal `doc` is to be written with into it; the head to write once the row
        is on disk, or None if the row's seal stays as it was."""
        kind = SEALED_TABLES[table]
        old = before.get("seal") if before is not None else None
        if not seal.needs_seal(kind, doc):
            if old is not None:
                doc["seal"] = old  # kept until the session is finalised and sealed anew
            return None
        key = self.key_for_write()
        if old is not None and not seal.check_row([key], supervisee_id, kind,
                                                  {**doc, "seal": old}):
            doc["seal"] = old
            return None
        if supervisee_id not in self._settled:
            self.complete_head(supervisee_id)
            self._settled.add(supervisee_id)
        head = self.head(supervisee_id)
        head.seal_n += 1
        was = seal.row_digest(supervisee_id, kind, before or {})
        doc["seal"] = seal.make_seal(key, supervisee_id, kind, head.seal_n, doc)
        if old is None:
            head.sealed += 1
        head.seal_sum = seal.xor_hex(seal.xor_hex(head.seal_sum, was),
                                     seal.row_digest(supervisee_id, kind, doc))
        return head

    def seal_decision(self, supervisee_id: str, doc: dict[str, Any]) -> None:
        """Seal a decision row (chained already) as it is appended."""
        seal.seal_decision_row(self.key_for_write(), supervisee_id, doc)

    # -- reading a file's seals --------------------------------------------------------------
    def _rows(self, supervisee_id: str) -> Iterable[tuple[str, dict[str, Any]]]:
        db = self.folder.supervisee_db(supervisee_id)
        for table, kind in SEALED_TABLES.items():
            for row in db.table(table).all():
                yield kind, dict(row)

    def _tally(self, supervisee_id: str) -> tuple[int, int, str]:
        count, newest, total = 0, 0, ""
        for kind, row in self._rows(supervisee_id):
            digest = seal.row_digest(supervisee_id, kind, row)
            if digest:
                count += 1
                newest = max(newest, row["seal"]["n"])
                total = seal.xor_hex(total, digest)
        return count, newest, total

    def complete_head(self, supervisee_id: str) -> bool:
        """Finish a save cut off between a person's file and the roster: when the file is
        exactly one sealed save ahead of its head, the head is moved on to it."""
        key = self.key()
        if key is None:
            return False
        head = self.head(supervisee_id)
        count, newest, total = self._tally(supervisee_id)
        if newest != head.seal_n + 1:
            return False
        head.sealed, head.seal_n, head.seal_sum = count, newest, total
        self.write_head(head, key)
        return True

    def check(self, supervisee_id: str, keys: list[bytes]) -> SealCheck:
        """Every row against its seal, the file against its head."""
        result = SealCheck()
        for kind, row in self._rows(supervisee_id):
            for problem in seal.check_row(keys, supervisee_id, kind, row):
                result.problems.append(f"{_label(kind, row)}: {problem}")
        rows = self.folder.supervisee_db(supervisee_id).table("decisions").all()
        for n, row in enumerate(rows, start=1):
            for problem in seal.check_decision_row(keys, supervisee_id, dict(row)):
                result.problems.append(f"decision {n} ({row.get('id', '?')}): {problem}")
        count, newest, total = self._tally(supervisee_id)
        decisions = len(rows)
        result.marks = PersonMarks(newest, decisions)
        stored = self.folder.roster.table("chain_heads").get(Q.supervisee_id == supervisee_id)
        head = self.head(supervisee_id)  # none yet: a first save may have been cut off
        if stored is not None and not seal.signed(keys, seal.head_value(dict(stored)),
                                                  stored.get("mac")):
            result.problems.append("the roster's record of this file (its chain head) was "
                                   "altered outside the app")
        if newest < head.seal_n:
            result.problems.append(
                f"sealed records are missing: the file stops at save {newest} of "
                f"{head.seal_n} (records deleted, or an earlier copy of the file put back)")
        elif newest > head.seal_n + 1:
            result.problems.append(
                f"the roster is older than this file (its record stops at save {head.seal_n} "
                f"of {newest}): an earlier copy of the roster was put back")
        elif newest == head.seal_n and (count, total) != (head.sealed, head.seal_sum):
            missing = head.sealed - count
            result.problems.append(
                f"{missing} sealed record(s) deleted (sessions, actions, cases, goals or "
                "escalations)"
                if missing > 0 else
                "sealed records were removed or replaced")
        return result

    def check_people(self, keys: list[bytes], on_roster: dict[str, str]) -> list[str]:
        """The roster's people against the sealed list of everyone it has held, and files
        that belong to nobody on it."""
        found = self.setting()
        assert found is not None
        problems = []
        if not seal.signed(keys, seal.setting_value(found), found.get("mac")):
            problems.append("the roster's sealed list of people was altered outside the app")
        for sid, name in sorted(found["people"].items(), key=lambda p: str(p[1])):
            if sid not in on_roster:
                problems.append(f"{name} ({sid}) was removed from the roster")
        for path in sorted((self.folder.path / SUPERVISEES).glob("*.json")):
            if valid_supervisee_id(path.stem) and path.stem not in on_roster \
                    and path.stem not in found["people"]:
                problems.append(f"{path.name} holds records of nobody on the roster")
        return problems

    # -- sealing a folder written before seals existed ---------------------------------------
    def seal_as_found(self) -> bytes:
        """Seal every row and head as it stands and make the key (the setting is written
        last, so a cut-off run is simply done again)."""
        key = os.urandom(32)  # as secrets.token_bytes, without loading hashlib at startup
        people: dict[str, str] = {}
        for row in self.folder.roster.table("supervisees").all():
            if isinstance(row.get("id"), str) and isinstance(row.get("name"), str):
                people[row["id"]] = row["name"]
        for path in sorted((self.folder.path / SUPERVISEES).glob("*.json")):
            if valid_supervisee_id(path.stem):
                self._seal_file_as_found(path.stem, key)
        self._write_setting(key, {"folder_id": os.urandom(16).hex(), "people": people,
                                  "epoch": 0, "exposed": not self.folder.encrypted})
        return key

    def _seal_file_as_found(self, supervisee_id: str, key: bytes) -> None:
        db = self.folder.supervisee_db(supervisee_id)
        head = self.head(supervisee_id)
        head.sealed, head.seal_n, head.seal_sum = 0, 0, ""
        for table, kind in SEALED_TABLES.items():
            def stamp(doc: Any, kind: str = kind) -> None:
                doc.pop("seal", None)
                if seal.needs_seal(kind, doc):
                    head.seal_n += 1
                    head.sealed += 1
                    doc["seal"] = seal.make_seal(key, supervisee_id, kind, head.seal_n, doc)
                    head.seal_sum = seal.xor_hex(head.seal_sum,
                                                 seal.row_digest(supervisee_id, kind, doc))
            if len(db.table(table)):
                db.table(table).update(stamp)
        stored = db.storage.read() or {}
        if stored.get("decisions"):
            # On copies: the older decisions are rewritten only where their rows are new
            # objects (see history_file).
            rows = {k: dict(v) for k, v in stored["decisions"].items()}
            for row in rows.values():
                seal.seal_decision_row(key, supervisee_id, row)
            db.storage.write({**stored, "decisions": rows})
            self.folder.forget(supervisee_id)
            db = self.folder.supervisee_db(supervisee_id)
        decisions = db.table("decisions").all()
        head.count = len(decisions)
        head.last_hash = decisions[-1].get("hash", "") if decisions else ""
        self.write_head(head, key)
