"""Shared fixtures: a temporary data folder, an open service, the app built on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supervisor_tui.services.service import Service
from tests.support import open_service, reopen

__all__ = ["reopen"]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir: Path) -> Iterator[Service]:
    svc = open_service(data_dir)
    yield svc
    svc.close()
