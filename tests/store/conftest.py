"""Open a data folder plain or encrypted (light KDF cost, so the suite stays quick)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from supervisor_tui.services.service import Service
from supervisor_tui.store.crypto import TEST_KDF
from tests.support import open_service

PASSPHRASE = "correct horse battery staple"


def opener(kind: str) -> Callable[[Path], Service]:
    if kind == "plain":
        return open_service
    return lambda path: open_service(path, passphrase=PASSPHRASE, encrypt=TEST_KDF)


@pytest.fixture(params=["plain", "encrypted"])
def open_store(request) -> Callable[[Path], Service]:
    """Open (creating if new) a folder in the parametrised format; reopen with the same call."""
    return opener(request.param)
