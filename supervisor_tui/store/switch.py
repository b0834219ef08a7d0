"""Replacing several of a folder's files as one step (a passphrase change, a restore).

Each new file is first written beside its target as `<name>.rekey-new`; then a journal naming
every replacement and removal is written; then the new files replace the old. If the process
stops before the journal exists, nothing was changed and the staged files are removed at the
next open; once it exists, the next open finishes the switch. (The names date from the first
use, the passphrase change; they are kept so a switch an earlier version left is finished.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from supervisor_tui.store.atomic import FileFormat, PlainFormat, atomic_write, fsync_dir
from supervisor_tui.store.crypto import MAGIC
from supervisor_tui.store.errors import StoreError

NEW_SUFFIX = ".rekey-new"
JOURNAL = "rekey.journal"
PASSPHRASE_CHANGE = "passphrase change"
PASSPHRASE_REMOVAL = "passphrase removal"
"""Needs the old key to finish: its files are decrypted in place after the journal, so no
plain copy is ever written into a folder that stays encrypted."""
RESTORE = "restore"
_WHAT = "# "
_DELETE = "delete "
_REPLACE = "replace "
_DECRYPT = "decrypt "


def staged_path(target: Path) -> Path:
    return target.with_name(target.name + NEW_SUFFIX)


def stage(target: Path, blob: bytes) -> None:
    """Write the new content of `target` beside it (not in force until `commit`)."""
    atomic_write(staged_path(target), blob)


def commit(folder: Path, what: str, replace: Iterable[Path] = (), remove: Iterable[Path] = (),
           decrypt: Iterable[Path] = ()) -> None:
    """Write the journal: from here the switch is made, and `finish` (now or at the next open)
    puts every staged file in place, decrypts `decrypt` in place, then removes `remove`."""
    lines = [f"{_WHAT}{what}"]
    lines += [f"{_REPLACE}{p.relative_to(folder)}" for p in replace]
    lines += [f"{_DECRYPT}{p.relative_to(folder)}" for p in decrypt]
    lines += [f"{_DELETE}{p.relative_to(folder)}" for p in remove]
    atomic_write(folder / JOURNAL, ("\n".join(lines) + "\n").encode("utf-8"))


def discard_staged(folder: Path) -> None:
    """Remove staged files of a switch that never got its journal, and the temp files a killed
    staging left (they may hold plain text in a folder that stays encrypted). One walk of the
    folder: it runs at every open, and backups grow with the years."""
    for where, _dirs, names in os.walk(folder):
        for name in names:
            if name.endswith(NEW_SUFFIX) or _staging_temp(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(where, name))


def _staging_temp(name: str) -> bool:
    """A temp file of `atomic_write` staging a file (`.<name>.rekey-new.XXXX.tmp`)."""
    return name.startswith(".") and name.endswith(".tmp") and f"{NEW_SUFFIX}." in name


def under_way(folder: Path) -> str | None:
    """What switch a journal in `folder` is for (a passphrase change or a restore), if any."""
    journal = folder / JOURNAL
    if not journal.exists():
        return None
    lines = _read(journal)
    first = lines[0] if lines else ""
    return first[len(_WHAT):] if first.startswith(_WHAT) else PASSPHRASE_CHANGE


def finish(folder: Path, key: FileFormat | None = None) -> str | None:
    """Complete a switch whose journal is on disk (returns what it was), or drop a staging that
    never got one (returns None). A passphrase removal needs the old `key` while any file is
    still sealed."""
    folder = Path(folder)
    journal = folder / JOURNAL
    what = under_way(folder)
    if what is None:
        discard_staged(folder)
        return None
    for line in _read(journal):
        if line.startswith(_REPLACE):
            target = _within(folder, line[len(_REPLACE):])
            staged = staged_path(target)
            if staged.exists():
                if _newer(target, staged):  # saved again after the switch: keep that save
                    staged.unlink()
                else:
                    os.replace(staged, target)
        elif line.startswith(_DECRYPT):
            _decrypt(_within(folder, line[len(_DECRYPT):]), key)
        elif line.startswith(_DELETE):
            with contextlib.suppress(FileNotFoundError):
                _within(folder, line[len(_DELETE):]).unlink()
    for where in (folder, folder / "supervisees", folder / "supervisees" / "decisions",
                  folder / "drafts"):
        if where.is_dir():  # every folder a file was replaced or removed in
            fsync_dir(where)
    journal.unlink()
    fsync_dir(folder)
    return what


def _decrypt(target: Path, key: FileFormat | None) -> None:
    try:
        blob = target.read_bytes()
    except FileNotFoundError:
        return
    if not blob.startswith(MAGIC):
        return  # done before the process stopped
    if key is None or isinstance(key, PlainFormat):
        raise StoreError(f"{target} is still encrypted: open the folder with its passphrase "
                         "to finish removing it.")
    atomic_write(target, key.unseal(blob, target))


def _read(journal: Path) -> list[str]:
    try:
        return journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"Could not read {journal}: {exc}") from None


def _newer(target: Path, staged: Path) -> bool:
    """Whether `target` was written after its staged copy (a staged copy never goes over a
    newer file)."""
    try:
        return target.stat().st_mtime_ns > staged.stat().st_mtime_ns
    except FileNotFoundError:
        return False


def _within(folder: Path, rel: str) -> Path:
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise StoreError(f"{folder / JOURNAL} names a file outside the data folder.")
    return target
