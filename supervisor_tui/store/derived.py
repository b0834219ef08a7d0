"""What is worked out from each supervisee's history and kept between runs (the search index's
part, the audit's facts): one sealed file per supervisee and kind in the folder's `index/`.

Each is a cache: it names the exact copy of the supervisee's file it was made from (size,
modification time and inode, which a save's rename always changes), and one that does not match,
cannot be unsealed or is damaged is simply made again. It is sealed like every other file, so
in an encrypted folder it is encrypted; a passphrase change, the encryption of a plain folder
and a restore remove the whole index first (`remove_index`), so none outlives the key or the
records it was made from.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from supervisor_tui.store.atomic import atomic_write, copy_mark, describe, make_private_dir
from supervisor_tui.store.errors import StoreError, StoreWriteError
from supervisor_tui.store.folder import INDEX, DataFolder

SEARCH = "part"
AUDIT = "audit"
ROSTER_KEPT = "roster"
"""The stem of what is kept from the roster (a supervisee's stem is their id)."""
_SEP = b"\n"


def _path(folder: DataFolder, supervisee_id: str, kind: str) -> Path:
    return _kept_path(folder, folder.supervisee_path(supervisee_id).stem, kind)


def _kept_path(folder: DataFolder, stem: str, kind: str) -> Path:
    return folder.path / INDEX / f"{stem}.{kind}"


def file_mark(folder: DataFolder, supervisee_id: str) -> str | None:
    """Which copy of the supervisee's file is on disk now (None: there is none)."""
    mark = copy_mark(folder.supervisee_path(supervisee_id))
    return None if mark is None else f"{supervisee_id} {mark}"


def read_part(folder: DataFolder, supervisee_id: str, mark: str, kind: str = SEARCH
              ) -> bytes | None:
    """What was kept of this kind from the file copy `mark`, or None (missing, stale,
    damaged)."""
    return _read(folder, _path(folder, supervisee_id, kind), mark)


def read_roster_part(folder: DataFolder, mark: str, kind: str) -> bytes | None:
    """`read_part` of what was kept from the roster copy `mark` (see `AtomicStorage.mark`)."""
    return _read(folder, _kept_path(folder, ROSTER_KEPT, kind), mark)


def write_roster_part(folder: DataFolder, mark: str, part: bytes, kind: str) -> None:
    _write(folder, _kept_path(folder, ROSTER_KEPT, kind), mark, part)


def _read(folder: DataFolder, path: Path, mark: str) -> bytes | None:
    try:
        blob = folder.fmt.unseal(path.read_bytes(), path)
    except (OSError, StoreError, ValueError):
        return None
    head, sep, part = blob.partition(_SEP)
    return part if sep and head == mark.encode() else None


def write_part(folder: DataFolder, supervisee_id: str, mark: str, part: bytes,
               kind: str = SEARCH) -> None:
    """Keep what was worked out for the next start (not in a folder opened for reading; a
    failure to write only means it is made again then)."""
    _write(folder, _path(folder, supervisee_id, kind), mark, part)


def _write(folder: DataFolder, path: Path, mark: str, part: bytes) -> None:
    if folder.read_only:
        return
    with contextlib.suppress(OSError, StoreError):
        make_private_dir(path.parent)
        atomic_write(path, folder.fmt.seal(mark.encode() + _SEP + part), durable=False)


def drop_part(folder: DataFolder, supervisee_id: str, kind: str = SEARCH) -> None:
    if not folder.read_only:
        with contextlib.suppress(OSError, ValueError):  # ValueError: not a supervisee id
            _path(folder, supervisee_id, kind).unlink()


def remove_index(folder_path: Path) -> None:
    """Remove everything kept (before the folder's key or records are replaced); raises
    StoreWriteError, so the caller stops, if one cannot be removed."""
    where = Path(folder_path) / INDEX
    try:
        shutil.rmtree(where)
    except FileNotFoundError:
        return  # nothing kept yet
    except OSError as exc:
        raise StoreWriteError(where, describe(exc)) from exc
