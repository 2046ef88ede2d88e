"""Who a poll's messages go to: active members, and representatives, of its networks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import Lang
from bot.storage.db import Queries


@dataclass(frozen=True, slots=True)
class Reader:
    """Someone a poll's messages go to."""

    member_id: int
    telegram_id: int
    chat_id: int
    language: Lang


def _in(ids: Sequence[int]) -> str:
    return "(" + ",".join("?" * len(ids)) + ")"


_READER = "SELECT id, telegram_id, chat_id, language FROM members WHERE status = 'active'"


async def members_of(db: Queries, constituency_ids: Sequence[int]) -> list[Reader]:
    """Active members of any of these networks, once each, in id order."""
    if not constituency_ids:
        return []
    rows = await db.fetchall(
        _READER + " AND id IN (SELECT member_id FROM memberships WHERE constituency_id IN"  # noqa: S608  # only "?" placeholders
        f" {_in(constituency_ids)}) ORDER BY id",
        list(constituency_ids),
    )
    return [Reader(r[0], r[1], r[2], r[3]) for r in rows]


async def representatives_of(db: Queries, constituency_ids: Sequence[int]) -> list[Reader]:
    """Active representatives of any of these networks, once each."""
    if not constituency_ids:
        return []
    rows = await db.fetchall(
        _READER + " AND id IN (SELECT member_id FROM roles WHERE role = 'representative'"  # noqa: S608  # only "?" placeholders
        f" AND constituency_id IN {_in(constituency_ids)}) ORDER BY id",
        list(constituency_ids),
    )
    return [Reader(r[0], r[1], r[2], r[3]) for r in rows]


async def reader(db: Queries, member_id: int | None) -> Reader | None:
    if member_id is None:
        return None
    row = await db.fetchone(_READER + " AND id = ?", (member_id,))
    return None if row is None else Reader(row[0], row[1], row[2], row[3])
