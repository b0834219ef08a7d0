"""Open a data folder plain or encrypted (light KDF cost, so the suite stays quick)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.store.service import RecordService, open_service

PASSPHRASE = "correct horse battery staple"


def opener(kind: str) -> Callable[[Path], RecordService]:
    if kind == "plain":
        return open_service
    return lambda path: open_service(path, passphrase=PASSPHRASE, encrypt=TEST_KDF)


@pytest.fixture(params=["plain", "encrypted"])
def open_store(request) -> Callable[[Path], RecordService]:
    """Open (creating if new) a folder in the parametrised format; reopen with the same call."""
    return opener(request.param)
