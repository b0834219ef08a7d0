"""The deterministic fixture history, loaded once per test into a fresh folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.services.service import Service
from supervisor_tui.store.bundle import load_bundles
from tests.reports.fixture import write_fixture
from tests.support import open_service


@pytest.fixture
def history_dir(tmp_path: Path) -> Path:
    path = tmp_path / "history"
    svc = open_service(path)
    try:
        write_fixture(svc.records)
    finally:
        svc.close()
    return path


@pytest.fixture
def history(history_dir: Path) -> Iterator[Service]:
    svc = open_service(history_dir)
    yield svc
    svc.close()


@pytest.fixture
def bundles(history: Service) -> list[SuperviseeRecords]:
    return load_bundles(history.records)
