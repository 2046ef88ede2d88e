"""Constituencies (networks or forums a representative speaks for) and memberships."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.storage.db import Queries, to_db, utcnow
from bot.storage.members import Lang


@dataclass(frozen=True, slots=True)
class Constituency:
    id: int
    slug: str
    name_cy: str
    name_en: str
    self_join: bool
    archived: bool

    def name(self, lang: Lang) -> str:
        return self.name_cy if lang == "cy" else self.name_en


def _constituency(row: aiosqlite.Row) -> Constituency:
    return Constituency(
        id=row["id"],
        slug=row["slug"],
        name_cy=row["name_cy"],
        name_en=row["name_en"],
        self_join=bool(row["self_join"]),
        archived=row["archived_at"] is not None,
    )


async def create(
    db: Queries, slug: str, name_cy: str, name_en: str, *, self_join: bool = True
) -> int:
    """Create a constituency, or return the id of the one with this slug."""
    await db.execute(
        "INSERT INTO constituencies (slug, name_cy, name_en, self_join, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(slug) DO NOTHING",
        (slug, name_cy, name_en, int(self_join), to_db(utcnow())),
    )
    return int(await db.scalar("SELECT id FROM constituencies WHERE slug = ?", (slug,)))


async def get(db: Queries, constituency_id: int) -> Constituency | None:
    row = await db.fetchone("SELECT * FROM constituencies WHERE id = ?", (constituency_id,))
    return None if row is None else _constituency(row)


async def list_all(db: Queries, *, include_archived: bool = False) -> list[Constituency]:
    sql = "SELECT * FROM constituencies"
    if not include_archived:
        sql += " WHERE archived_at IS NULL"
    return [_constituency(r) for r in await db.fetchall(sql + " ORDER BY name_en")]


async def open_to_join(db: Queries) -> list[Constituency]:
    rows = await db.fetchall(
        "SELECT * FROM constituencies WHERE self_join = 1 AND archived_at IS NULL ORDER BY name_en"
    )
    return [_constituency(r) for r in rows]


async def of_member(db: Queries, member_id: int) -> list[Constituency]:
    rows = await db.fetchall(
        "SELECT c.* FROM constituencies c JOIN memberships m ON m.constituency_id = c.id"
        " WHERE m.member_id = ? AND c.archived_at IS NULL ORDER BY c.name_en",
        (member_id,),
    )
    return [_constituency(r) for r in rows]


async def join(db: Queries, member_id: int, constituency_id: int) -> bool:
    """Add a membership; False if the member already belonged."""
    changed = await db.execute_rowcount(
        "INSERT INTO memberships (member_id, constituency_id, joined_at) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (member_id, constituency_id, to_db(utcnow())),
    )
    return changed > 0


async def leave(db: Queries, member_id: int, constituency_id: int) -> bool:
    changed = await db.execute_rowcount(
        "DELETE FROM memberships WHERE member_id = ? AND constituency_id = ?",
        (member_id, constituency_id),
    )
    return changed > 0
