"""Is the record as the app wrote it? One check for `verify` and for the app after opening:
decision chains, seals of sessions, actions and cases, the roster's people, and whether an
earlier copy of a file or of the whole folder was put back since this machine last checked."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store import seen
from supervisor_tui.store.bundle import Progress
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.folder import valid_supervisee_id
from supervisor_tui.store.verify import ChainReport, folder_problems, verify_all

__all__ = ["Integrity", "check_record", "everyone", "forget_what_was_seen", "put_back_on_purpose",
           "seal_if_never_sealed"]


READS_BESIDE_THE_APP = 3


@dataclass
class Integrity:
    people: list[ChainReport] = field(default_factory=list)
    folder: list[str] = field(default_factory=list)
    """Problems of the folder as a whole (people removed, a file of nobody, a rollback)."""
    sealed: bool = True
    """False for a folder written before seals existed and opened for reading only: only its
    decision chains could be checked."""

    @property
    def problems(self) -> list[str]:
        """Every problem, each naming whose record and what changed."""
        return [*self.folder, *(f"{r.name} ({r.supervisee_id}): {p}"
                                for r in self.people for p in r.problems)]

    @property
    def ok(self) -> bool:
        return not self.problems


def seal_if_never_sealed(ws: Workspace) -> None:
    """A folder last written by a version without seals is sealed as it stands (from now on
    a change is noticed; what happened before cannot be vouched for). An encrypted folder
    whose seal key was once kept in plain text (it was encrypted later) gets a new key."""
    if ws.read_only:
        return
    seals = ws.records.seals
    with contextlib.suppress(StoreError):
        if seals.key() is None:
            seals.key_for_write()
        elif ws.encrypted and seals.exposed():
            seals.change_key()


def check_record(ws: Workspace, state_dir: Path | None = None,
                 progress: Progress | None = None) -> Integrity:
    """Check the whole record. With `state_dir` (where this machine keeps what it saw of each
    folder): an earlier copy put back since the last check is found too, and when nothing is
    wrong, how far each file has got now is remembered there."""
    seal_if_never_sealed(ws)
    records = ws.records
    result = Integrity(people=verify_all(records, progress), folder=folder_problems(records))
    for _ in range(READS_BESIDE_THE_APP):
        if result.ok or not ws.read_only:
            break
        # Beside a running app the roster was read before the files, so a save made since
        # can look like a head behind its file: read everything again before saying so.
        ws.folder.drop_handles()
        result = Integrity(people=verify_all(records), folder=folder_problems(records))
    folder_id = records.seals.folder_id()
    result.sealed = folder_id is not None
    if folder_id is not None and state_dir is not None:
        now = seen.Seen(records.seals.epoch(),
                        {r.supervisee_id: r.marks for r in result.people})
        listed = records.seals.setting()
        names = {**(listed["people"] if listed is not None else {}),
                 **{r.supervisee_id: r.name for r in result.people}}
        result.folder += seen.rolled_back(seen.load(state_dir, folder_id, ws.path), now, names)
        if result.ok:
            seen.record(state_dir, folder_id, ws.path, now)
    ws.changed_outside = result.problems
    return result


def forget_what_was_seen(ws: Workspace, state_dir: Path) -> None:
    """A new folder made where another was: what this machine saw of the old one goes."""
    folder_id = ws.records.seals.folder_id()
    if folder_id is not None:
        seen.forget(state_dir, folder_id, ws.path)


def put_back_on_purpose(ws: Workspace, adopt: list[str], epoch_was: int = 0) -> None:
    """A restore or repair put earlier copies back (the folder had been put back `epoch_was`
    times before): see `Sealer.put_back_on_purpose`."""
    with contextlib.suppress(StoreError):
        ws.records.seals.put_back_on_purpose(adopt, epoch_was)


def everyone(ws: Workspace) -> list[str]:
    """Every supervisee with a file (after the roster itself was put back)."""
    return [p.stem for p in ws.folder.data_files()[1:] if valid_supervisee_id(p.stem)]
