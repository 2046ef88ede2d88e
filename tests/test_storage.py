"""The database: migrations in one transaction, pragmas, and refusing a newer schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage import Database, DatabaseTooNew
from bot.storage.db import migrations


async def test_migrations_and_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.sqlite3")
    try:
        assert await db.scalar("PRAGMA user_version") == migrations()[-1][0]
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.scalar("PRAGMA busy_timeout") == 5000
        assert await db.scalar("PRAGMA secure_delete") == 1
        assert {"members", "constituencies", "memberships", "roles", "invites", "audit_log"} <= set(
            await db.table_names()
        )
    finally:
        await db.close()
    again = await Database.open(tmp_path / "a.sqlite3")  # re-opening applies nothing twice
    await again.close()


async def test_a_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "b.sqlite3")
    await db.execute("PRAGMA user_version = 999")
    await db.close()
    with pytest.raises(DatabaseTooNew, match="Upgrade Cydlais"):
        await Database.open(tmp_path / "b.sqlite3")


async def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "c.sqlite3")

    async def insert_then_fail() -> None:
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO constituencies (slug, name_cy, name_en, created_at) VALUES ('x', 'x', 'x', 'now')"
            )
            raise RuntimeError("boom")

    try:
        with pytest.raises(RuntimeError):
            await insert_then_fail()
        assert await db.scalar("SELECT COUNT(*) FROM constituencies") == 0
    finally:
        await db.close()
