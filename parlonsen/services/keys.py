"""Secrets for the messages: the Fernet keys that encrypt them at rest, and the pepper that hashes codes.

Keys come from the settings (`parlonsen.settings`), or from files created on first use with 0600 permissions:
- PARLONSEN_MESSAGE_KEYS: comma-separated Fernet keys, newest first (rotation: put the new key first,
  run `python -m parlonsen.cli rotate-message-keys`, then drop the old key);
- otherwise PARLONSEN_SECRETS_DIR (default `.secrets/`) holds `message-keys` (one key a line, newest first)
  and `code-pepper`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from parlonsen import settings

KEYS_ENV = "PARLONSEN_MESSAGE_KEYS"

__all__ = ["InvalidToken", "code_pepper", "decrypt", "encrypt", "message_keys", "rotate_token"]


def _private_file(path: Path, make: Callable[[], str]) -> str:
    """Read a secret file, creating it first (0600, in a 0700 folder) if it does not exist."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(make() + "\n")
    return path.read_text(encoding="utf-8")


def message_keys() -> list[bytes]:
    """The Fernet keys, newest first; raises ValueError naming the variable or file if one is malformed."""
    configured = settings.current().message_keys
    source = KEYS_ENV
    if configured:
        raw = [k.strip() for k in configured.split(",") if k.strip()]
    else:
        path = settings.current().secrets_dir / "message-keys"
        source = str(path)
        raw = [line.strip() for line in _private_file(path, lambda: Fernet.generate_key().decode()).splitlines()]
        raw = [line for line in raw if line and not line.startswith("#")]
    keys = []
    for key in raw:
        try:
            Fernet(key)
        except ValueError:
            raise ValueError(f"{source}: not a Fernet key (32 url-safe base64-encoded bytes)") from None
        keys.append(key.encode())
    if not keys:
        raise ValueError(f"{source}: no message key")
    return keys


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in message_keys()])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The plain text; raises InvalidToken if no configured key opens it."""
    return _fernet().decrypt(token.encode("ascii")).decode("utf-8")


def rotate_token(token: str) -> str:
    """Re-encrypt with the newest key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


def code_pepper() -> bytes:
    """The HMAC key for follow-up codes: without it, a stolen database cannot test codes offline."""
    configured = settings.current().code_pepper
    if configured:
        return configured.encode()
    return (
        _private_file(settings.current().secrets_dir / "code-pepper", lambda: secrets.token_urlsafe(32))
        .strip()
        .encode()
    )
