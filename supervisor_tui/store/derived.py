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
import os
import shutil
from pathlib import Path

from supervisor_tui.store.atomic import atomic_write, describe, make_private_dir
from supervisor_tui.store.errors import StoreError, StoreWriteError
from supervisor_tui.store.folder import INDEX, DataFolder

SEARCH = "part"
AUDIT = "audit"
_SEP = b"\n"


def _path(folder: DataFolder, supervisee_id: str, kind: str) -> Path:
    return folder.path / INDEX / f"{folder.supervisee_path(supervisee_id).stem}.{kind}"


def file_mark(folder: DataFolder, supervisee_id: str) -> str | None:
    """Which copy of the supervisee's file is on disk now (None: there is none)."""
    try:
        st = os.stat(folder.supervisee_path(supervisee_id))
    except OSError:
        return None
    return f"{supervisee_id} {st.st_size} {st.st_mtime_ns} {st.st_ino} {st.st_ctime_ns}"


def read_part(folder: DataFolder, supervisee_id: str, mark: str, kind: str = SEARCH
              ) -> bytes | None:
    """What was kept of this kind from the file copy `mark`, or None (missing, stale,
    damaged)."""
    path = _path(folder, supervisee_id, kind)
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
    if folder.read_only:
        return
    path = _path(folder, supervisee_id, kind)
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
