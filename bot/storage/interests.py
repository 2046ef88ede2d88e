"""Declared interests of representatives: what, since when, and whether withdrawn."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.domain.dates import Since
from bot.i18n import Lang
from bot.storage.db import Queries, from_db, to_db, utcnow


@dataclass(frozen=True, slots=True)
class Interest:
    id: int
    member_id: int
    what_cy: str
    what_en: str
    since: Since
    declared_at: datetime
    changed_at: datetime | None  # None: as first declared
    withdrawn_at: datetime | None

    def what(self, lang: Lang) -> str:
        return self.what_cy if lang == "cy" else self.what_en


def _interest(row: aiosqlite.Row) -> Interest:
    return Interest(
        id=row["id"],
        member_id=row["member_id"],
        what_cy=row["what_cy"],
        what_en=row["what_en"],
        since=Since.from_text(row["since"]),
        declared_at=from_db(row["declared_at"]),
        changed_at=from_db(row["changed_at"]) if row["changed_at"] else None,
        withdrawn_at=from_db(row["withdrawn_at"]) if row["withdrawn_at"] else None,
    )


async def declare(db: Queries, member_id: int, what_cy: str, what_en: str, since: Since) -> int:
    return await db.execute(
        "INSERT INTO interests (member_id, what_cy, what_en, since, declared_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (member_id, what_cy, what_en, since.as_text(), to_db(utcnow())),
    )


async def update(db: Queries, interest_id: int, what_cy: str, what_en: str, since: Since) -> bool:
    """Change a current interest; False if it is withdrawn or gone."""
    changed = await db.execute_rowcount(
        "UPDATE interests SET what_cy = ?, what_en = ?, since = ?, changed_at = ?"
        " WHERE id = ? AND withdrawn_at IS NULL",
        (what_cy, what_en, since.as_text(), to_db(utcnow()), interest_id),
    )
    return changed > 0


async def withdraw(db: Queries, interest_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE interests SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
        (to_db(utcnow()), interest_id),
    )
    return changed > 0


async def get(db: Queries, interest_id: int) -> Interest | None:
    row = await db.fetchone("SELECT * FROM interests WHERE id = ?", (interest_id,))
    return None if row is None else _interest(row)


async def current_of(db: Queries, member_ids: Iterable[int]) -> dict[int, list[Interest]]:
    """Each member's interests not withdrawn, oldest declared first."""
    ids = sorted(set(member_ids))
    found: dict[int, list[Interest]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ",".join("?" * len(ids))
    rows = await db.fetchall(
        f"SELECT * FROM interests WHERE withdrawn_at IS NULL AND member_id IN ({marks})"  # noqa: S608  # only "?" placeholders are joined in
        " ORDER BY member_id, id",
        ids,
    )
    for row in rows:
        found[row["member_id"]].append(_interest(row))
    return found
