"""Clearing out what is no longer needed: old views, delivery rows, invitations, audit entries."""

from __future__ import annotations

from datetime import date, datetime

from bot.storage.db import Queries, to_db


async def last_day(db: Queries, task: str) -> date | None:
    found = await db.scalar("SELECT last_day FROM housekeeping WHERE task = ?", (task,))
    return None if found is None else date.fromisoformat(found)


async def mark_done(db: Queries, task: str, day: date) -> None:
    await db.execute(
        "INSERT INTO housekeeping (task, last_day) VALUES (?, ?)"
        " ON CONFLICT(task) DO UPDATE SET last_day = excluded.last_day",
        (task, day.isoformat()),
    )


async def views_before(db: Queries, day: date) -> int:
    """Delete views given before `day` (their text, topic and language with them)."""
    return await db.execute_rowcount("DELETE FROM views WHERE day < ?", (day.isoformat(),))


async def deliveries_before(db: Queries, moment: datetime) -> int:
    """Delete delivery rows settled before `moment` (a batch keeps its counts)."""
    return await db.execute_rowcount(
        "DELETE FROM deliveries WHERE status != 'pending' AND updated_at < ?", (to_db(moment),)
    )


async def invites_expired_before(db: Queries, moment: datetime) -> int:
    return await db.execute_rowcount("DELETE FROM invites WHERE expires_at < ?", (to_db(moment),))


async def audit_before(db: Queries, moment: datetime) -> int:
    return await db.execute_rowcount("DELETE FROM audit_log WHERE at < ?", (to_db(moment),))


async def makers_of_usable_links(db: Queries, now: datetime) -> list[int]:
    rows = await db.fetchall(
        "SELECT DISTINCT created_by FROM invites WHERE created_by IS NOT NULL"
        " AND revoked_at IS NULL AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)",
        (to_db(now),),
    )
    return [r[0] for r in rows]
