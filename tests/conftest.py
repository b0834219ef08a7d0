"""Shared fixtures: a temporary data folder, an open record service, the app built on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supervisor_tui.store.service import RecordService, open_service


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir: Path) -> Iterator[RecordService]:
    svc = open_service(data_dir)
    yield svc
    svc.close()


def reopen(path: Path) -> RecordService:
    """Open the folder again, as a later run of the app would, to check what reached disk."""
    return open_service(path)
