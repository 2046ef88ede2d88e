"""Members: people who consented. Their language, status and self-description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Database, Queries, from_db, to_db, utcnow

Status = Literal["active", "stopped", "unreachable"]
SelfDescription = Literal["service_user", "carer", "both", "prefer_not"]
SELF_DESCRIPTIONS: tuple[SelfDescription, ...] = ("service_user", "carer", "both", "prefer_not")


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    telegram_id: int
    chat_id: int
    language: Lang
    self_description: SelfDescription | None
    status: Status
    consented_at: datetime
    created_at: datetime
    menu_key: str = ""


def _member(row: aiosqlite.Row) -> Member:
    return Member(
        id=row["id"],
        telegram_id=row["telegram_id"],
        chat_id=row["chat_id"],
        language=row["language"],
        self_description=row["self_description"],
        status=row["status"],
        consented_at=from_db(row["consented_at"]),
        created_at=from_db(row["created_at"]),
        menu_key=row["menu_key"],
    )


async def by_telegram_id(db: Queries, telegram_id: int) -> Member | None:
    row = await db.fetchone("SELECT * FROM members WHERE telegram_id = ?", (telegram_id,))
    return None if row is None else _member(row)


async def with_roles(
    db: Queries, telegram_id: int
) -> tuple[Member, list[tuple[str, int | None]]] | None:
    """The member and their grants (archived networks give no rights) in one query, run per update."""
    rows = await db.fetchall(
        "SELECT m.*, r.role AS r_role, r.constituency_id AS r_constituency FROM members m"
        " LEFT JOIN roles r ON r.member_id = m.id AND (r.constituency_id IS NULL OR"
        "  r.constituency_id IN (SELECT id FROM constituencies WHERE archived_at IS NULL))"
        " WHERE m.telegram_id = ?",
        (telegram_id,),
    )
    if not rows:
        return None
    grants = [(r["r_role"], r["r_constituency"]) for r in rows if r["r_role"] is not None]
    return _member(rows[0]), grants


async def by_id(db: Queries, member_id: int) -> Member | None:
    row = await db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
    return None if row is None else _member(row)


async def create(db: Queries, telegram_id: int, chat_id: int, language: Lang) -> Member:
    """Record a person who has just consented (or return them if they already had)."""
    now = to_db(utcnow())
    await db.execute(
        "INSERT INTO members (telegram_id, chat_id, language, consented_at, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(telegram_id) DO UPDATE SET status = 'active'",
        (telegram_id, chat_id, language, now, now),
    )
    member = await by_telegram_id(db, telegram_id)
    assert member is not None  # just written
    return member


async def set_language(db: Queries, member_id: int, language: Lang) -> None:
    await db.execute("UPDATE members SET language = ? WHERE id = ?", (language, member_id))


async def set_self_description(db: Queries, member_id: int, value: SelfDescription | None) -> None:
    await db.execute("UPDATE members SET self_description = ? WHERE id = ?", (value, member_id))


async def set_menu_key(db: Queries, member_id: int, key: str) -> None:
    await db.execute("UPDATE members SET menu_key = ? WHERE id = ?", (key, member_id))


async def set_status(db: Queries, member_id: int, status: Status) -> None:
    await db.execute("UPDATE members SET status = ? WHERE id = ?", (status, member_id))


async def delete(db: Database, member_id: int) -> None:
    """Erase a member; foreign keys cascade to everything linkable to them."""
    await db.execute("DELETE FROM members WHERE id = ?", (member_id,))
