"""A fixed key for tests that start another process (the SIGKILL loop): both sides build the
same `EncryptedFormat` without a passphrase prompt. Never used outside tests."""

from __future__ import annotations

from supervisor_tui.store.crypto import TEST_KDF, EncryptedFormat, Header

_KEY = bytes(range(32))
_SALT = b"sigkill-loop-salt"[:16]


def fixed_format() -> EncryptedFormat:
    return EncryptedFormat(_KEY, Header(TEST_KDF, _SALT))
