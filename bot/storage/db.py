"""Connecting, configuring and migrating the SQLite database.

Migrations are numbered SQL files in `migrations/` (`0001_initial.sql`, ...). Those newer
than `PRAGMA user_version` are applied in one transaction at start, so a failed migration
leaves the database as it was.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

FOREIGN_KEYS_OFF = "-- foreign_keys: off"
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseTooNew(Exception):
    """The database was written by a newer Cydlais than this one."""


_shift = timedelta(0)


def utcnow() -> datetime:
    """Now, for storage and services: the one seam for the time (see `shift_clock`)."""
    return datetime.now(UTC) + _shift


def shift_clock(by: timedelta) -> None:
    """Make "now" later: only the demo's `/later 2d` does this, so a newcomer can watch
    reminders and digests fall due. Tests pass the moment they want to `clock.run_due`."""
    global _shift  # one process-wide clock, by design
    _shift += by


def clock_shift() -> timedelta:
    return _shift


def to_db(moment: datetime) -> str:
    """Aware datetimes are stored as ISO 8601 UTC text, which sorts correctly."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(text: str) -> datetime:
    return datetime.fromisoformat(text)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration shipped with the package, in order."""
    found = []
    for entry in resources.files("bot.storage").joinpath("migrations").iterdir():
        match = _MIGRATION_RE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


class Queries:
    """Typed helpers over a connection; `Database` serialises them, a `Tx` runs inside one.

    Each helper is one round trip to aiosqlite's thread (`execute_fetchall` rather than
    execute + fetch + close, which is three): this runs several times on every update.
    """

    conn: aiosqlite.Connection

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns lastrowid (for INSERT) or 0."""
        cursor = await self.conn.execute(sql, params)
        return cursor.lastrowid or 0

    async def execute_rowcount(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self.conn.execute(sql, params)
        return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.conn.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Tx(Queries):
    """The statements of one transaction; only valid inside `Database.transaction()`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn


class Database(Queries):
    """One connection shared by the whole bot; aiosqlite runs it on its own thread.

    Concurrent handlers share the connection, so every statement and every transaction
    takes `_lock`: a transaction never interleaves with another handler's statements.
    """

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        # WAL lets a second reader (bench, export) go on while the bot writes; foreign keys
        # make /forget's cascades real; the busy timeout covers a second process.
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        await conn.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows (an erased member, purged counters) are overwritten, not left in free pages.
        await conn.execute("PRAGMA secure_delete=ON")
        db = cls(conn, path)
        try:
            await db.migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    async def migrate(self) -> int:
        shipped = migrations()
        latest = shipped[-1][0] if shipped else 0
        current = await self.scalar("PRAGMA user_version") or 0
        if current > latest:
            raise DatabaseTooNew(
                f"The database {self.path} is at schema version {current}, but this Cydlais "
                f"only knows up to {latest}. Upgrade Cydlais, or point CYDLAIS_DATABASE at "
                "another file."
            )
        pending = [(v, sql) for v, _, sql in shipped if v > current]
        if not pending:
            return int(current)
        # A migration that rebuilds a table others reference (to change its key) says so on
        # its first line: foreign keys are off while it runs (DROP TABLE would otherwise
        # cascade into every child table), then checked before the commit.
        rebuild = any(sql.startswith(FOREIGN_KEYS_OFF) for _, sql in pending)
        if rebuild:
            await self.execute("PRAGMA foreign_keys=OFF")
        try:
            async with self.transaction() as tx:
                for version, sql in pending:
                    for statement in _split_sql(sql):
                        await tx.execute(statement)
                    await tx.execute(f"PRAGMA user_version = {int(version)}")
                if rebuild and await tx.fetchall("PRAGMA foreign_key_check"):
                    raise RuntimeError("a migration left rows pointing at nothing")
        finally:
            if rebuild:
                await self.execute("PRAGMA foreign_keys=ON")
        return latest

    async def forget_history(self) -> None:
        """Fold the write-ahead log into the database file and empty it.

        Until a checkpoint empties it, the -wal file keeps whole earlier versions of every
        page written since the last one, in commit order: a row deleted a moment ago (an
        erased member, a view past its time) is still there to read, and the order shows
        which writes came together. `secure_delete` clears the file itself; this clears the
        log. (A reader holding an old snapshot, a backup under way, can make it wait.)
        """
        await self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def close(self) -> None:
        async with self._lock:
            await self.conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self.conn)
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self._lock:
            return await super().execute(sql, params)

    async def execute_rowcount(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self._lock:
            return await super().execute_rowcount(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._lock:
            await super().executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self._lock:
            return await super().fetchone(sql, params)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self._lock:
            return await super().fetchall(sql, params)

    async def table_names(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
        return [r[0] for r in rows]


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (no triggers with inner semicolons in our files)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
