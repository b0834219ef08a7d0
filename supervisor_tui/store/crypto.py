"""Encryption at rest: AES-256-GCM per file, key from a passphrase with Argon2id.

Every encrypted file is `header | nonce (12 bytes) | ciphertext+tag`. The header holds a magic,
the format version, the KDF name and parameters and the folder's salt; it is bound to the
ciphertext as associated data, so changing any of it fails the integrity check. A fresh random
nonce is used for every write. Sealing happens in memory before `atomic_write`, so no plaintext
ever reaches the disk, temp files included.

The folder's salt and KDF parameters live in `keycheck.bin`: the header, an encrypted known
constant and a SHA-256 of both. The checksum tells a damaged key-check file (checksum fails) from
a wrong passphrase (checksum holds, decryption fails); once the key check passes, a data file that
fails to decrypt is damaged, never a wrong passphrase.

The `cryptography` package is imported where a key is made, so opening a plain folder does not
pay for loading it.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from supervisor_tui.store.atomic import atomic_write
from supervisor_tui.store.errors import StoreCorruptError, StoreError

MAGIC = b"SVTUI-ENC"
FORMAT_VERSION = 1
KDF_NAME = b"argon2id"
KEY_CHECK = "keycheck.bin"
NONCE_BYTES = 12
SALT_BYTES = 16
_CHECK_CONSTANT = b"supervisor-tui key check v1"
_CHECK_AD = b"|keycheck"
_PARAMS = struct.Struct(">III")  # iterations, lanes, memory cost in KiB


class WrongPassphraseError(StoreError):
    """The passphrase does not open this data folder (the key check failed)."""

    def __init__(self) -> None:
        super().__init__("That passphrase does not open this data folder.")


class PassphraseRequiredError(StoreError):
    """The folder is encrypted and no passphrase (or key) was given."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            f"{folder} is encrypted: give the passphrase (SUPERVISOR_TUI_PASSPHRASE or "
            "--passphrase-file FILE)."
        )


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default is RFC 9106's second recommended option (64 MiB, t=3, p=4)."""

    iterations: int = 3
    lanes: int = 4
    memory_cost: int = 64 * 1024

    def valid(self) -> bool:
        return (1 <= self.iterations <= 64 and 1 <= self.lanes <= 64
                and 8 * self.lanes <= self.memory_cost <= 4 * 1024 * 1024)


#: The cost for new folders and new passphrases (read at call time, so tests may lower it).
DEFAULT_KDF = KdfParams()
#: Light parameters for tests only; a real folder always uses the default.
TEST_KDF = KdfParams(iterations=1, lanes=1, memory_cost=64)


@dataclass(frozen=True)
class Header:
    """The header of every encrypted file: the KDF, its parameters and the folder's salt."""

    params: KdfParams
    salt: bytes

    def encode(self) -> bytes:
        p = self.params
        return b"".join([
            MAGIC, bytes([FORMAT_VERSION, len(KDF_NAME)]), KDF_NAME,
            _PARAMS.pack(p.iterations, p.lanes, p.memory_cost),
            bytes([len(self.salt)]), self.salt,
        ])

    @classmethod
    def parse(cls, blob: bytes, path: Path) -> tuple[Header, int]:
        """The header at the start of `blob` and where it ends; StoreCorruptError if malformed."""
        if not blob.startswith(MAGIC):
            raise StoreCorruptError(path, "not an encrypted supervisor-tui file")
        at = len(MAGIC)
        try:
            version, name_len = blob[at], blob[at + 1]
            at += 2
            name = blob[at:at + name_len]
            at += name_len
            params = KdfParams(*_PARAMS.unpack_from(blob, at))
            at += _PARAMS.size
            salt_len = blob[at]
            salt = blob[at + 1:at + 1 + salt_len]
            at += 1 + salt_len
        except (IndexError, struct.error):
            raise StoreCorruptError(path, "its encryption header is cut short") from None
        if version != FORMAT_VERSION:
            raise StoreCorruptError(path, f"unknown encryption format version {version}")
        if name != KDF_NAME or not params.valid() or len(salt) != salt_len or salt_len < 8:
            raise StoreCorruptError(path, "its encryption header is not valid")
        return cls(params, salt), at


def derive_key(passphrase: str, header: Header) -> bytes:
    """The 256-bit key for `passphrase` under the header's salt and cost (slow by design)."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    p = header.params
    kdf = Argon2id(salt=header.salt, length=32, iterations=p.iterations, lanes=p.lanes,
                   memory_cost=p.memory_cost)
    return kdf.derive(passphrase.encode("utf-8"))


class EncryptedFormat:
    """The `FileFormat` of an encrypted folder: seal before writing, unseal after reading."""

    encrypted = True

    def __init__(self, key: bytes, header: Header) -> None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._invalid_tag = InvalidTag
        self._aead = AESGCM(key)
        self.header = header
        self._ad = header.encode()

    def seal(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return self._ad + nonce + self._aead.encrypt(nonce, plaintext, self._ad)

    def unseal(self, blob: bytes, path: Path) -> bytes:
        header, at = Header.parse(blob, path)
        if header != self.header:
            raise StoreCorruptError(path, "it was encrypted under a different key")
        nonce, body = blob[at:at + NONCE_BYTES], blob[at + NONCE_BYTES:]
        if len(nonce) != NONCE_BYTES or len(body) < 16:
            raise StoreCorruptError(path, "it is cut short")
        try:
            return self._aead.decrypt(nonce, body, self._ad)
        except self._invalid_tag:
            raise StoreCorruptError(path, "its integrity check failed: altered or damaged on disk"
                                    ) from None

    # -- the key-check file ------------------------------------------------------------------
    def key_check_bytes(self) -> bytes:
        import hashlib  # here: OpenSSL's hashes are not needed before the first frame

        nonce = os.urandom(NONCE_BYTES)
        body = self._ad + nonce + self._aead.encrypt(nonce, _CHECK_CONSTANT, self._ad + _CHECK_AD)
        return body + hashlib.sha256(body).digest()

    def matches(self, key_check: bytes, path: Path) -> bool:
        """Whether this key opens the folder whose key-check file is `key_check`."""
        import hmac
        body = _checked_body(key_check, path)
        header, at = Header.parse(body, path)
        if header != self.header:
            return False
        nonce = body[at:at + NONCE_BYTES]
        try:
            plain = self._aead.decrypt(nonce, body[at + NONCE_BYTES:], self._ad + _CHECK_AD)
        except self._invalid_tag:
            return False
        return hmac.compare_digest(plain, _CHECK_CONSTANT)


def _checked_body(key_check: bytes, path: Path) -> bytes:
    import hashlib
    import hmac
    body, digest = key_check[:-32], key_check[-32:]
    if len(key_check) < 64 or not hmac.compare_digest(hashlib.sha256(body).digest(), digest):
        raise StoreCorruptError(path, "the key-check file is damaged")
    return body


def key_check_path(folder: Path) -> Path:
    return Path(folder) / KEY_CHECK


def is_encrypted(folder: Path) -> bool:
    """An encrypted folder has a key-check file (or, if that was lost, an encrypted roster)."""
    folder = Path(folder)
    if key_check_path(folder).exists():
        return True
    roster = folder / "roster.json"
    try:
        with roster.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def read_header(folder: Path) -> Header:
    path = key_check_path(folder)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise StoreCorruptError(path, "the key-check file is missing") from None
    except OSError as exc:
        raise StoreCorruptError(path, exc.strerror or type(exc).__name__) from None
    header, _ = Header.parse(_checked_body(blob, path), path)
    return header


def unlock(folder: Path, passphrase: str) -> EncryptedFormat:
    """Derive the key for `passphrase` and check it against the folder's key-check file."""
    path = key_check_path(folder)
    header = read_header(folder)
    fmt = EncryptedFormat(derive_key(passphrase, header), header)
    if not fmt.matches(path.read_bytes(), path):
        raise WrongPassphraseError()
    return fmt


def new_format(passphrase: str, params: KdfParams | None = None) -> EncryptedFormat:
    """A key for a new folder (or a new passphrase): a fresh salt, derived once."""
    if not passphrase:
        raise StoreError("The passphrase may not be empty.")
    header = Header(params or DEFAULT_KDF, os.urandom(SALT_BYTES))
    return EncryptedFormat(derive_key(passphrase, header), header)


def write_key_check(folder: Path, fmt: EncryptedFormat) -> None:
    """Write the key-check file and a spare copy (`.bak1`), so one damaged copy can be restored."""
    blob = fmt.key_check_bytes()
    path = key_check_path(folder)
    atomic_write(path.with_name(f"{KEY_CHECK}.bak1"), blob)
    atomic_write(path, blob)


def key_check_is_sound(path: Path) -> bool:
    """Whether a key-check file is intact (its checksum and header hold); needs no key."""
    try:
        Header.parse(_checked_body(path.read_bytes(), path), path)
    except (OSError, StoreCorruptError):
        return False
    return True
