"""What every subcommand shares: the data folder, opening the store, one-line errors."""

from __future__ import annotations

from pathlib import Path

from supervisor_tui.config import Config
from supervisor_tui.paths import default_data_dir
from supervisor_tui.store.service import RecordService, open_service

EXIT_USAGE = 2


class CliError(Exception):
    """A one-line message for the user; the command exits with code 2."""


def resolve_data_dir(explicit: Path | None, config: Config | None = None) -> Path:
    if explicit is not None:
        return explicit.expanduser()
    import os

    from supervisor_tui.paths import DATA_DIR_ENV

    if config is not None and config.data_dir is not None and not os.environ.get(DATA_DIR_ENV):
        return config.data_dir
    return default_data_dir()


def open_records(path: Path) -> RecordService:
    return open_service(path)
