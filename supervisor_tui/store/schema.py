"""Schema version of a data folder and the migrations between versions.

A migration is `fn(folder) -> None` registered under the version it upgrades *from*. Before the
first migration runs, every data file is copied into `backups/pre-migration-v<N>-<stamp>/`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from supervisor_tui.store.atomic import DIR_MODE
from supervisor_tui.store.errors import SchemaError
from supervisor_tui.store.history_file import all_part_paths
from supervisor_tui.store.opened import OpenFolder

SCHEMA_VERSION = 3
"""2: a long decisions log may keep its older decisions in parts (see `history_file`).
3: so may a long history its older sessions and actions."""

Migration = Callable[["OpenFolder"], None]


def _parts_may_follow(folder: OpenFolder) -> None:
    """1 -> 2: files of version 1 are read as they are (a log is split at its next save).
    The new number keeps an earlier supervisor-tui from opening a folder whose parts it would
    not read: it would show, back up and verify a log without its older decisions."""


def _session_parts_may_follow(folder: OpenFolder) -> None:
    """2 -> 3: as 1 -> 2, for the older sessions and actions of a long history: an earlier
    supervisor-tui would show, back up and verify a history without them."""


MIGRATIONS: dict[int, Migration] = {1: _parts_may_follow, 2: _session_parts_may_follow}


def backup_folder(folder: Path, label: str, at: datetime) -> Path:
    """Copy every data file (not backups, not the lock) into a fresh folder under backups/."""
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / "backups" / f"{label}-{stamp}"
    (folder / "backups").mkdir(exist_ok=True, mode=DIR_MODE)
    n = 1
    while True:  # two copies in the same microsecond (a clock that stands still) stay apart
        try:
            target.mkdir(mode=DIR_MODE)
            break
        except FileExistsError:
            n += 1
            target = folder / "backups" / f"{label}-{stamp}-{n}"
    (folder / "backups").chmod(DIR_MODE)
    for src in [folder / "roster.json", *sorted((folder / "supervisees").glob("*.json")),
                *all_part_paths(folder / "supervisees")]:
        if src.exists():
            dest = target / src.relative_to(folder)
            dest.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            shutil.copy2(src, dest)
    return target


def migrate(folder: OpenFolder, migrations: dict[int, Migration] | None = None,
            target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the folder to `target`; returns the versions migrated from (empty if none)."""
    migrations = MIGRATIONS if migrations is None else migrations
    version = folder.schema_version()
    if version > target:
        raise SchemaError(
            f"The data in {folder.path} was written by a newer supervisor-tui "
            f"(schema {version}; this version reads up to {target}). Upgrade to open it."
        )
    done: list[int] = []
    if version == target:
        return done
    backup_folder(folder.path, f"pre-migration-v{version}", folder.clock())
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise SchemaError(f"No migration from schema version {version}.")
        step(folder)
        done.append(version)
        version += 1
        folder.set_schema_version(version)
    return done
