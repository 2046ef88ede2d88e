"""Secrets that expire with their purpose, kept outside the database.

Whatever must count people without recording who they are (the daily limit of views, how
many gave a view in a week, one vote per member in a poll, one support per member for an
agenda suggestion) is a keyed hash under the secret of a *scope*: a day, a digest week, a
poll. The secret is made ahead (`prepare`, on the clock's tick, so its file's times say
nothing about anyone) or else on first use, and destroyed when the scope ends, so until then the
service can tell that the same person came again, and afterwards nobody can, the operator
with every file included: there is nothing left to recompute the hashes with.

    tag = await services.secrets.tag("poll:12", closes_at, telegram_id)   # same person, same tag
    await services.secrets.destroy("poll:12")                              # at close
    await services.secrets.sweep(now)                                      # every scope that ended

Each secret is one file in `CYDLAIS_SECRETS_DIR` (never the database or its folder by
default), the folder mode 0700 and each file 0600; a folder or file other users could read
stops start-up (`check_directory`). A destroyed secret's file is overwritten with zeros,
flushed, then removed; a scope destroyed before it ended leaves a marker until then, so
nothing can make it anew by mistake (one that ended is remembered for a week). On a
copy-on-write file system or an SSD the old blocks may linger below the file system: the
README says so.

A kill at any moment leaves nothing readable past its time and nothing that stops the next
start: a file is written whole beside its place and moved in (a leftover half-way file is
erased at start), the marker goes down before the secret is erased (a start that finds both
finishes the erasing), and a damaged file is erased rather than trusted or left.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.config import ConfigError
from bot.storage.db import utcnow

log = logging.getLogger("cydlais.secrets")
KEY_BYTES = 32
SETTING = "CYDLAIS_SECRETS_DIR"
REMEMBER_ENDED = timedelta(days=7)  # a scope that ended can't be brought back by a later end


class SecretGone(Exception):  # reads as what happened: the scope's secret is gone
    """The scope has ended or was destroyed: no tag can be made under it any more."""


@dataclass(slots=True)
class _Secret:
    expires: datetime
    key: bytearray


def _file_name(scope: str) -> str:
    return hashlib.sha256(scope.encode()).hexdigest()[:40]


def _read(path: Path) -> tuple[str, datetime, bytearray | None] | None:
    """(scope, expires, key or None for a marker) from a file, or None if it is damaged."""
    try:
        data = json.loads(path.read_bytes())
        scope = data["scope"]
        expires = datetime.fromisoformat(data["expires"])
        key = bytearray.fromhex(data["key"]) if path.suffix == ".secret" else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(scope, str) or expires.tzinfo is None:
        return None
    if key is not None and len(key) != KEY_BYTES:
        return None
    if path.name != f"{_file_name(scope)}{path.suffix}":
        return None  # not where this scope's file would be: not ours
    return scope, expires, key


def check_directory(directory: Path) -> None:
    """Refuse to start if other users could read the folder or a secret in it."""
    if not directory.exists():
        return
    if directory.stat().st_mode & 0o077:
        raise ConfigError(
            SETTING,
            f"({directory}) can be opened by other users",
            f"Run: chmod 700 {directory}",
        )
    for path in directory.iterdir():
        if path.is_file() and path.stat().st_mode & 0o077:
            raise ConfigError(
                SETTING,
                f"holds {path.name}, which other users can read",
                f"Run: chmod 600 {directory}/*",
            )


class SecretStore:
    """Expiring secrets, one file each; tags are HMAC-SHA256 under a scope's secret."""

    def __init__(self, directory: Path, clock: Callable[[], datetime] = utcnow) -> None:
        self._dir = directory
        self._clock = clock
        self._secrets: dict[str, _Secret] = {}
        self._gone: dict[str, datetime] = {}  # destroyed before they ended: until then
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, directory: Path, clock: Callable[[], datetime] = utcnow) -> SecretStore:
        """Check the folder (creating it, 0700), load the secrets, destroy those that ended."""
        store = cls(directory, clock)
        await asyncio.to_thread(store._load)
        await store.sweep(clock())
        return store

    def _load(self) -> None:
        check_directory(self._dir)
        # Made 0700 at once: a kill before the chmod must not leave a folder that stops the
        # next start (`check_directory`).
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._dir.chmod(0o700)
        found: dict[str, _Secret] = {}
        for path in sorted(self._dir.iterdir()):
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                # A write a kill interrupted: never in use (a tag is only made once its file
                # is in place), and it may hold a whole key. Erased, like any ended secret.
                log.warning("an interrupted write was left in the secrets folder; erased")
                self._scrub(path)
                continue
            if path.suffix not in (".secret", ".gone"):
                continue
            read = _read(path)
            if read is None:
                # Damaged (a disk that lost a write): unusable, and it may hold part of a key.
                log.warning("a secret file could not be read and was erased: %s", path.name)
                self._scrub(path)
                continue
            scope, expires, key = read
            if path.suffix == ".gone":
                self._gone[scope] = max(expires, self._gone.get(scope, expires))
            elif key is not None:
                found[scope] = _Secret(expires, key)
        for scope, secret in found.items():
            if scope in self._gone:
                # Its destruction was interrupted after the marker was written: finish it.
                self._scrub(self._dir / f"{_file_name(scope)}.secret")
                secret.key[:] = bytes(len(secret.key))
            else:
                self._secrets[scope] = secret

    async def tag(self, scope: str, expires: datetime, *parts: str | int) -> str:
        """HMAC of `parts` under the secret of `scope` (created on first use, kept until
        `expires`, or a later one if a later call gives one). Raises SecretGone after that."""
        async with self._lock:
            secret = await self._secret_for(scope, expires)
            message = "\x1f".join([scope, *(str(p) for p in parts)]).encode()
            return hmac.new(secret.key, message, hashlib.sha256).hexdigest()

    async def prepare(self, scope: str, expires: datetime) -> None:
        """Make the scope's secret now, ahead of its first use (or keep it until a later
        `expires`), so the file's times say when the clock ticked, not when somebody first
        gave a view. A scope that has ended or was destroyed is left as it is."""
        async with self._lock:
            with contextlib.suppress(SecretGone):
                await self._secret_for(scope, expires)

    async def _secret_for(self, scope: str, expires: datetime) -> _Secret:
        now = self._clock()
        secret = self._secrets.get(scope)
        if scope in self._gone or (secret or _Secret(expires, bytearray())).expires <= now:
            raise SecretGone(scope)
        if secret is None:
            secret = _Secret(expires, bytearray(secrets.token_bytes(KEY_BYTES)))
            await asyncio.to_thread(self._write, scope, secret)
            self._secrets[scope] = secret
        elif expires > secret.expires:
            secret.expires = expires
            await asyncio.to_thread(self._write, scope, secret)
        return secret

    async def destroy(self, scope: str) -> None:
        """Gone for good: nothing can recompute its tags, and it is never made again."""
        async with self._lock:
            secret = self._secrets.pop(scope, None)
            expires = secret.expires if secret is not None else None
            await asyncio.to_thread(self._erase, scope, expires)
            if secret is not None:
                secret.key[:] = bytes(len(secret.key))
            if expires is not None and expires > self._clock():
                self._gone[scope] = expires

    async def sweep(self, now: datetime) -> int:
        """Destroy every secret whose scope has ended; returns how many."""
        async with self._lock:
            ended = [scope for scope, s in self._secrets.items() if s.expires <= now]
            for scope in ended:
                secret = self._secrets.pop(scope)
                await asyncio.to_thread(self._erase, scope, now + REMEMBER_ENDED)
                secret.key[:] = bytes(len(secret.key))
                self._gone[scope] = now + REMEMBER_ENDED
            for scope in [s for s, until in self._gone.items() if until <= now]:
                del self._gone[scope]
                await asyncio.to_thread(self._unlink, self._dir / f"{_file_name(scope)}.gone")
        if ended:
            log.info("destroyed %d secret(s) whose time was up", len(ended))
        return len(ended)

    def scopes(self) -> list[str]:
        """The scopes whose secrets exist now (names only: for tests and checks)."""
        return sorted(self._secrets)

    # ------------------------------------------------------------------ files

    def _write(self, scope: str, secret: _Secret) -> None:
        data = {"scope": scope, "expires": secret.expires.isoformat(), "key": secret.key.hex()}
        self._write_file(self._dir / f"{_file_name(scope)}.secret", json.dumps(data))

    def _write_file(self, path: Path, text: str) -> None:
        temporary = path.with_name(f".{path.name}.tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
        self._sync_directory()

    def _erase(self, scope: str, gone_until: datetime | None) -> None:
        # The marker first: a kill between the two leaves both, and the next start finishes
        # the erasing (`_load`); the other way round, it would leave a destroyed scope free
        # to be made anew.
        if gone_until is not None and gone_until > self._clock():
            data = {"scope": scope, "expires": gone_until.isoformat()}
            self._write_file(self._dir / f"{_file_name(scope)}.gone", json.dumps(data))
        self._scrub(self._dir / f"{_file_name(scope)}.secret")

    def _scrub(self, path: Path) -> None:
        """Overwrite a file with zeros, flush it to the disk, then remove it."""
        if path.is_file():
            size = path.stat().st_size
            with path.open("r+b") as handle:  # overwrite before removing: no key left behind
                handle.write(bytes(size))
                handle.flush()
                os.fsync(handle.fileno())
        self._unlink(path)

    def _unlink(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            path.unlink()
        self._sync_directory()

    def _sync_directory(self) -> None:
        fd = os.open(self._dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def __repr__(self) -> str:  # never print a key
        return f"SecretStore({len(self._secrets)} secrets)"
