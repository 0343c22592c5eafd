"""Encryption of personal data at rest (000:59, 001:46: isolate, mask, encrypt).

One master key (DATA_KEY) is stretched with HKDF into independent keys: one encrypts ID
numbers and answers (Fernet, randomised), one makes a keyed hash (HMAC) so a record can still
be found by its ID number without decrypting every row, and one encrypts uploaded files
(AES-256-GCM: raw bytes, no base64, so a 10 MB photo stays 10 MB).
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# The first byte of an encrypted file says how it was encrypted, so the scheme can change.
FILE_FORMAT = b"\x01"
FILE_CONTEXT = b"changhu upload"


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


@dataclass(frozen=True)
class DataCipher:
    fernet: Fernet
    lookup_key: bytes
    file_key: bytes

    @classmethod
    def from_master_key(cls, master_key: str) -> "DataCipher":
        master = master_key.encode()
        fernet_key = base64.urlsafe_b64encode(_derive(master, b"changhu id-number encryption"))
        return cls(
            Fernet(fernet_key),
            _derive(master, b"changhu id-number lookup"),
            _derive(master, b"changhu file encryption"),
        )

    def encrypt_file(self, plain: bytes) -> bytes:
        nonce = secrets.token_bytes(12)
        return FILE_FORMAT + nonce + AESGCM(self.file_key).encrypt(nonce, plain, FILE_CONTEXT)

    def decrypt_file(self, stored: bytes) -> bytes:
        if stored[:1] != FILE_FORMAT:
            raise ValueError("not an encrypted file")
        nonce, sealed = stored[1:13], stored[13:]
        return AESGCM(self.file_key).decrypt(nonce, sealed, FILE_CONTEXT)

    def encrypt(self, plain: str) -> str:
        return self.fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self.fernet.decrypt(token.encode()).decode()

    def lookup_hash(self, plain: str) -> str:
        return hmac.new(self.lookup_key, plain.upper().encode(), hashlib.sha256).hexdigest()


def development_secret(instance_dir: Path, name: str) -> str:
    """A per-checkout secret, made once, so development data and sessions survive restarts
    and no checkout shares a secret with another (none is written in the code)."""
    path = instance_dir / name
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def mask_id_number(id_number: str) -> str:
    """Show the first 3 and last 4 characters, as on Chinese government service pages."""
    if len(id_number) <= 7:
        return "*" * len(id_number)
    return id_number[:3] + "*" * (len(id_number) - 7) + id_number[-4:]
