"""Keyed hashes that count people without recording who they are.

The key lives outside the database: `CYDLAIS_SECRET`, or a key file (`CYDLAIS_SECRET_FILE`,
default `data/secret.key`) created with mode 0600 at first start. A copy of the database
alone therefore cannot turn a tag back into a member: without the key, HMAC-SHA256 of a
member id cannot be recomputed, even though member ids are few enough to try them all.

Each tag names its purpose and every part that scopes it, so tags for different purposes,
days, periods or constituencies never match each other:

* quota tag = HMAC(key, "quota", member id, day): how many views a member gave today.
* reach tag = HMAC(key, "reach", member id, constituency id, period): whether a member
  gave a view in a constituency in a digest period (counted, never listed).

What this does not hide, said plainly: whoever holds both the key and the database (the
operator's server) could compute a member's tags and learn *that* they gave a view on a
day or in a period, though never which view. To keep that window small, quota rows are
deleted once their day is over and reach rows once their period has been reported.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from datetime import date
from pathlib import Path

from bot.config import ConfigError, Settings

log = logging.getLogger("cydlais.anonymity")
KEY_BYTES = 32


def load_key(settings: Settings) -> bytes:
    """The key from CYDLAIS_SECRET, else from the key file, creating it (0600) if absent."""
    if settings.secret:
        return settings.secret
    return _key_file(settings.secret_file)


def _key_file(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) < KEY_BYTES:
            raise ConfigError(
                "CYDLAIS_SECRET_FILE",
                f"({path}) holds fewer than {KEY_BYTES} bytes",
                "Restore the original key file. Without it, today's limits and this period's "
                "reach start again; views themselves are unaffected.",
            ) from None
        if path.stat().st_mode & 0o077:
            log.warning("the key file can be read by other users: run chmod 600 on it")
        return key
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_BYTES))
    log.info("created a new key file for keyed hashes")
    return path.read_bytes()


class Anonymity:
    """Makes tags; holds the key in memory only."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) < KEY_BYTES:
            raise ValueError("the key is too short")
        self._key = key

    def _tag(self, purpose: str, *parts: object) -> str:
        message = "\x1f".join([purpose, *(str(p) for p in parts)]).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def quota_tag(self, member_id: int, day: date) -> str:
        return self._tag("quota", member_id, day.isoformat())

    def reach_tag(self, member_id: int, constituency_id: int, period: str) -> str:
        return self._tag("reach", member_id, constituency_id, period)

    def __repr__(self) -> str:  # never print the key
        return "Anonymity(<key hidden>)"
