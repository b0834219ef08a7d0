"""What this machine last saw of a folder: how far each supervisee's file had got.

Kept outside the folder (in the user's state folder), so putting an earlier copy of the whole
folder back is noticed on this machine. Holds ids and counts only, never a name or a record.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from supervisor_tui.store.atomic import DIR_MODE, atomic_write
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.sealing import PersonMarks

Marks = dict[str, PersonMarks]


@dataclass
class Seen:
    epoch: int = 0
    """How often the folder had been put back on purpose (see `Sealer.put_back_on_purpose`)."""
    people: Marks = field(default_factory=dict)


def _file(state_dir: Path, folder_id: str, folder: Path) -> Path:
    where = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return state_dir / "seen" / f"{folder_id[:32]}-{where}.json"


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def load(state_dir: Path, folder_id: str, folder: Path) -> Seen | None:
    """What was last recorded for this folder (None if nothing, or nothing readable)."""
    try:
        raw = orjson.loads(_file(state_dir, folder_id, folder).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not (isinstance(raw, dict) and isinstance(raw.get("people"), dict)
            and _count(raw.get("epoch"))):
        return None
    found = Seen(raw["epoch"])
    for sid, pair in raw["people"].items():
        if isinstance(pair, list) and len(pair) == 2 and all(_count(v) for v in pair):
            found.people[str(sid)] = PersonMarks(pair[0], pair[1])
    return found


def record(state_dir: Path, folder_id: str, folder: Path, seen: Seen) -> None:
    """Remember how far each file has got (best effort: a machine that cannot keep it only
    loses the rollback check)."""
    path = _file(state_dir, folder_id, folder)
    doc = {"epoch": seen.epoch,
           "people": {sid: [m.seal_n, m.decisions] for sid, m in sorted(seen.people.items())}}
    with contextlib.suppress(OSError, StoreError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        atomic_write(path, orjson.dumps(doc))


def forget(state_dir: Path, folder_id: str, folder: Path) -> None:
    """Drop what was recorded (a new folder made where another was)."""
    with contextlib.suppress(OSError):
        _file(state_dir, folder_id, folder).unlink()


def rolled_back(before: Seen | None, now: Seen, names: dict[str, str]) -> list[str]:
    """What is older now than when this machine last checked the folder."""
    if before is None or now.epoch > before.epoch:
        return []  # never checked here, or put back on purpose since
    if now.epoch < before.epoch:
        return [f"the whole folder is older than when this machine last checked it (it "
                f"has been restored or repaired {before.epoch} time(s), this copy "
                f"{now.epoch}): an earlier copy of the folder was put back"]
    problems = []
    for sid, was in sorted(before.people.items()):
        name = names.get(sid, "a supervisee")
        found = now.people.get(sid)
        if found is None:
            problems.append(f"{name} ({sid}): their record has gone since this machine last "
                            "checked the folder")
        elif found.seal_n < was.seal_n or found.decisions < was.decisions:
            problems.append(
                f"{name} ({sid}): their record is older than when this machine last checked "
                f"it (save {found.seal_n} of {was.seal_n}, {found.decisions} of "
                f"{was.decisions} decisions): an earlier copy was put back")
    return problems
