"""Changing a folder's passphrase (or encrypting a plain folder) without risking a record.

Every file, backups included, is read with the old format and written beside itself as
`<name>.rekey-new` with the new one; the old files stay in place until all new ones are on disk.
Then a journal listing the switch is written, and the new files replace the old. If the process
stops before the journal exists, the old files are untouched and the `.rekey-new` files are
removed at the next open; once the journal exists, the next open finishes the switch.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from supervisor_tui.store import crypto
from supervisor_tui.store.atomic import (
    FileFormat,
    PlainFormat,
    atomic_write,
    decode_json,
    fsync_dir,
)
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.opened import OpenFolder

NEW_SUFFIX = ".rekey-new"
JOURNAL = "rekey.journal"
_DELETE = "delete "
_REPLACE = "replace "


def _sealed_files(folder: Path) -> list[Path]:
    """Every file whose bytes depend on the key: data files, their backups, migration copies."""
    found: list[Path] = []
    for where in (folder, folder / "supervisees"):
        found += sorted(p for p in where.glob("*.json*") if p.is_file()
                        and not p.name.startswith(".") and not p.name.endswith(NEW_SUFFIX))
    backups = folder / "backups"
    if backups.is_dir():
        found += sorted(p for p in backups.rglob("*.json") if p.is_file())
    return found


def change_format(folder: OpenFolder, new: FileFormat) -> list[Path]:
    """Re-seal every file of an open folder with `new`; returns unreadable spares left as they were.

    Backups and kept-aside damaged copies that cannot be unsealed are left alone (they were
    already unusable). Raises StoreCorruptError, changing nothing, if a data file is damaged.
    """
    old = folder.fmt
    path = folder.path
    folder.drop_handles()
    staged: list[Path] = []
    skipped: list[Path] = []
    try:
        for src in _sealed_files(path):
            spare = ".bak" in src.name or ".damaged-" in src.name or "backups" in src.parts
            try:
                plain = old.unseal(src.read_bytes(), src)
                if not spare:
                    decode_json(plain, src)
            except StoreCorruptError:
                if spare:
                    skipped.append(src)
                    continue
                raise
            target = src.with_name(src.name + NEW_SUFFIX)
            atomic_write(target, new.seal(plain))
            staged.append(src)
        check = crypto.key_check_path(path)
        lines = [f"{_REPLACE}{p.relative_to(path)}" for p in staged]
        if isinstance(new, crypto.EncryptedFormat):
            check_spare = check.with_name(check.name + ".bak1")
            blob = new.key_check_bytes()
            for target in (check, check_spare):
                atomic_write(target.with_name(target.name + NEW_SUFFIX), blob)
                lines.append(f"{_REPLACE}{target.relative_to(path)}")
        else:
            lines += [f"{_DELETE}{check.name}", f"{_DELETE}{check.name}.bak1"]
        atomic_write(path / JOURNAL, ("\n".join(lines) + "\n").encode("utf-8"))
    except BaseException as exc:
        _discard_staged(path)
        if isinstance(exc, OSError):
            raise StoreError(f"The change failed ({exc.strerror or exc}); every file is "
                             "still under the old passphrase.") from exc
        raise
    # The journal is on disk: the change is made. From here every save is under the new key,
    # whatever happens to the renames below (the next open finishes them).
    folder.fmt = new
    try:
        finish_interrupted_rekey(path)
    except (OSError, StoreError) as exc:
        raise RekeyUnfinishedError(getattr(exc, "strerror", None) or str(exc)) from exc
    return skipped


class RekeyUnfinishedError(StoreError):
    """The change is made (its journal is on disk) but some files are not switched yet."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"The new passphrase is in force, but some files could not be switched yet "
            f"({reason}). Quit and open the folder again (with the new passphrase) to finish; "
            "until then saving may fail.")


def _discard_staged(folder: Path) -> None:
    for where in (folder, folder / "supervisees", folder / "backups"):
        if where.is_dir():
            for p in where.rglob(f"*{NEW_SUFFIX}"):
                with contextlib.suppress(OSError):
                    p.unlink()


def finish_interrupted_rekey(folder: Path) -> None:
    """Complete a switch whose journal is on disk, or drop a staging that never got one."""
    folder = Path(folder)
    journal = folder / JOURNAL
    if not journal.exists():
        _discard_staged(folder)
        return
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"Could not read {journal}: {exc}") from None
    for line in lines:
        if line.startswith(_REPLACE):
            target = _within(folder, line[len(_REPLACE):])
            staged = target.with_name(target.name + NEW_SUFFIX)
            if staged.exists():
                if _newer(target, staged):  # saved again after the switch: keep that save
                    staged.unlink()
                else:
                    os.replace(staged, target)
        elif line.startswith(_DELETE):
            with contextlib.suppress(FileNotFoundError):
                _within(folder, line[len(_DELETE):]).unlink()
    for where in {folder, folder / "supervisees"}:
        if where.is_dir():
            fsync_dir(where)
    journal.unlink()
    fsync_dir(folder)


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


def change_passphrase(folder: OpenFolder, passphrase: str | None,
                      params: crypto.KdfParams | None = None) -> list[Path]:
    """New passphrase (a fresh salt and key) for an open folder; None removes encryption."""
    new: FileFormat = PlainFormat() if passphrase is None else crypto.new_format(passphrase, params)
    return change_format(folder, new)
