"""Topics members can attach a view to, opened and closed per constituency."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Queries, to_db, utcnow


@dataclass(frozen=True, slots=True)
class Topic:
    id: int
    constituency_id: int
    title_cy: str
    title_en: str
    open: bool

    def title(self, lang: Lang) -> str:
        return self.title_cy if lang == "cy" else self.title_en


def _topic(row: aiosqlite.Row) -> Topic:
    return Topic(
        row["id"],
        row["constituency_id"],
        row["title_cy"],
        row["title_en"],
        row["closed_at"] is None,
    )


async def open_topic(db: Queries, constituency_id: int, title_cy: str, title_en: str) -> int:
    return await db.execute(
        "INSERT INTO topics (constituency_id, title_cy, title_en, opened_at) VALUES (?, ?, ?, ?)",
        (constituency_id, title_cy, title_en, to_db(utcnow())),
    )


async def close_topic(db: Queries, topic_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE topics SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
        (to_db(utcnow()), topic_id),
    )
    return changed > 0


async def get(db: Queries, topic_id: int) -> Topic | None:
    row = await db.fetchone("SELECT * FROM topics WHERE id = ?", (topic_id,))
    return None if row is None else _topic(row)


async def open_in(db: Queries, constituency_id: int) -> list[Topic]:
    rows = await db.fetchall(
        "SELECT * FROM topics WHERE constituency_id = ? AND closed_at IS NULL ORDER BY id",
        (constituency_id,),
    )
    return [_topic(r) for r in rows]


async def all_in(db: Queries, constituency_id: int) -> dict[int, Topic]:
    rows = await db.fetchall("SELECT * FROM topics WHERE constituency_id = ?", (constituency_id,))
    return {r["id"]: _topic(r) for r in rows}
