"""Changing a folder's passphrase (or encrypting a plain folder) without risking a record.

Every file, backups included, is read with the old format and staged beside itself with the new
one (see `switch`): the old files stay in force until every new one is on disk and the journal
is written. A change cut off before that is dropped at the next open; one cut off after it is
finished there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from supervisor_tui.store import crypto, switch
from supervisor_tui.store.atomic import FileFormat, PlainFormat, decode_json
from supervisor_tui.store.derived import remove_index
from supervisor_tui.store.errors import StoreCorruptError, StoreError
from supervisor_tui.store.folder import DRAFTS, SUPERVISEES
from supervisor_tui.store.history_file import PARTS
from supervisor_tui.store.opened import OpenFolder
from supervisor_tui.store.switch import JOURNAL, NEW_SUFFIX

__all__ = ["JOURNAL", "RekeyUnfinishedError", "change_format", "change_passphrase"]


def _sealed_files(folder: Path) -> list[Path]:
    """Every file whose bytes depend on the key: data files, their backups, migration copies,
    drafts."""
    found: list[Path] = []
    for where in (folder, folder / SUPERVISEES, folder / SUPERVISEES / PARTS, folder / DRAFTS):
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
    remove_index(folder.path)  # no part outlives the key it was sealed with
    if isinstance(new, PlainFormat) and isinstance(old, crypto.EncryptedFormat):
        return _remove_encryption(folder, old)
    path = folder.path
    folder.drop_handles()
    staged: list[Path] = []
    skipped: list[Path] = []
    try:
        for src, plain in _readable(path, old, skipped):
            switch.stage(src, new.seal(plain))
            staged.append(src)
        check = crypto.key_check_path(path)
        removed: list[Path] = []
        if isinstance(new, crypto.EncryptedFormat):
            blob = new.key_check_bytes()
            for target in (check, check.with_name(check.name + ".bak1")):
                switch.stage(target, blob)
                staged.append(target)
        else:
            removed = [check, check.with_name(check.name + ".bak1")]
        switch.commit(path, switch.PASSPHRASE_CHANGE, staged, removed)
    except BaseException as exc:
        switch.discard_staged(path)
        if isinstance(exc, OSError):
            raise StoreError(f"The change failed ({exc.strerror or exc}); every file is "
                             "still under the old passphrase.") from exc
        raise
    # The journal is on disk: the change is made. From here every save is under the new key,
    # whatever happens to the renames below (the next open finishes them).
    folder.fmt = new
    try:
        switch.finish(path)
    except (OSError, StoreError) as exc:
        raise RekeyUnfinishedError(getattr(exc, "strerror", None) or str(exc)) from exc
    return skipped


def _readable(path: Path, old: FileFormat, skipped: list[Path]) -> Iterator[tuple[Path, bytes]]:
    """Each file sealed under `old`, unsealed (data files also parsed). Backups and kept-aside
    damaged copies that cannot be unsealed go into `skipped`; a damaged data file raises
    StoreCorruptError before anything is changed."""
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
        yield src, plain


def _remove_encryption(folder: OpenFolder, old: crypto.EncryptedFormat) -> list[Path]:
    """Every file is first checked to unseal; then the journal is written, and only then is
    each file decrypted in place (so no plain copy is ever written into a folder that stays
    encrypted, however the process ends), and the key check removed last."""
    path = folder.path
    folder.drop_handles()
    skipped: list[Path] = []
    sealed = [src for src, _ in _readable(path, old, skipped)]
    check = crypto.key_check_path(path)
    try:
        switch.commit(path, switch.PASSPHRASE_REMOVAL, decrypt=sealed,
                      remove=[check, check.with_name(check.name + ".bak1")])
    except OSError as exc:
        raise StoreError(f"The change failed ({exc.strerror or exc}); every file is "
                         "still under the old passphrase.") from exc
    folder.fmt = PlainFormat()
    try:
        switch.finish(path, old)
    except (OSError, StoreError) as exc:
        raise RekeyUnfinishedError(getattr(exc, "strerror", None) or str(exc),
                                   removal=True) from exc
    return skipped


class RekeyUnfinishedError(StoreError):
    """The change is made (its journal is on disk) but some files are not switched yet."""

    def __init__(self, reason: str, removal: bool = False) -> None:
        made = "Encryption is removed" if removal else "The new passphrase is in force"
        again = "the old passphrase" if removal else "the new passphrase"
        super().__init__(
            f"{made}, but some files could not be switched yet ({reason}). Quit and open the "
            f"folder again (with {again}) to finish; until then saving may fail.")


def change_passphrase(folder: OpenFolder, passphrase: str | None,
                      params: crypto.KdfParams | None = None) -> list[Path]:
    """New passphrase (a fresh salt and key) for an open folder; None removes encryption."""
    new: FileFormat = PlainFormat() if passphrase is None else crypto.new_format(passphrase, params)
    return change_format(folder, new)
