"""Constituencies (networks or forums a representative speaks for) and memberships."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Database, Queries, to_db, utcnow
from bot.storage.members import Status


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


async def list_all(
    db: Queries, *, include_archived: bool = False, lang: Lang = "en"
) -> list[Constituency]:
    # Lists read in alphabetical order of the names the reader sees.
    rows = await db.fetchall(
        "SELECT * FROM constituencies WHERE ? OR archived_at IS NULL"
        " ORDER BY CASE WHEN ? = 'cy' THEN name_cy ELSE name_en END",
        (int(include_archived), lang),
    )
    return [_constituency(r) for r in rows]


async def open_to_join(db: Queries, *, lang: Lang = "en") -> list[Constituency]:
    rows = await db.fetchall(
        "SELECT * FROM constituencies WHERE self_join = 1 AND archived_at IS NULL"
        " ORDER BY CASE WHEN ? = 'cy' THEN name_cy ELSE name_en END",
        (lang,),
    )
    return [_constituency(r) for r in rows]


async def of_member(db: Queries, member_id: int, *, lang: Lang = "en") -> list[Constituency]:
    rows = await db.fetchall(
        "SELECT c.* FROM constituencies c JOIN memberships m ON m.constituency_id = c.id"
        " WHERE m.member_id = ? AND c.archived_at IS NULL"
        " ORDER BY CASE WHEN ? = 'cy' THEN c.name_cy ELSE c.name_en END",
        (member_id, lang),
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


async def by_slug(db: Queries, slug: str) -> Constituency | None:
    row = await db.fetchone("SELECT * FROM constituencies WHERE slug = ?", (slug,))
    return None if row is None else _constituency(row)


async def insert_many(db: Queries, rows: Iterable[tuple[str, str, str]]) -> int:
    """Create (slug, name_cy, name_en) rows whose slug is new (call inside a transaction).

    Returns how many were created; existing slugs, archived or not, are left as they are.
    """
    created = 0
    for slug, name_cy, name_en in rows:
        created += await db.execute_rowcount(
            "INSERT INTO constituencies (slug, name_cy, name_en, self_join, created_at)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT(slug) DO NOTHING",
            (slug, name_cy, name_en, to_db(utcnow())),
        )
    return created


async def rename(db: Queries, constituency_id: int, name_cy: str, name_en: str) -> bool:
    """Rename a constituency that is not archived; False if there is none."""
    changed = await db.execute_rowcount(
        "UPDATE constituencies SET name_cy = ?, name_en = ? WHERE id = ? AND archived_at IS NULL",
        (name_cy, name_en, constituency_id),
    )
    return changed > 0


async def set_self_join(db: Queries, constituency_id: int, open_: bool) -> bool:
    """Open or close a constituency to self-joining; False if nothing changed."""
    changed = await db.execute_rowcount(
        "UPDATE constituencies SET self_join = ? WHERE id = ? AND archived_at IS NULL"
        " AND self_join != ?",
        (int(open_), constituency_id, int(open_)),
    )
    return changed > 0


async def archive(db: Database, constituency_id: int) -> bool:
    """Archive a constituency: closed to joining, and its unused invitations withdrawn.

    Memberships and roles stay, so the history is intact; False if already archived.
    """
    now = to_db(utcnow())
    async with db.transaction() as tx:
        changed = await tx.execute_rowcount(
            "UPDATE constituencies SET archived_at = ?, self_join = 0"
            " WHERE id = ? AND archived_at IS NULL",
            (now, constituency_id),
        )
        if changed:
            await tx.execute(
                "UPDATE invites SET revoked_at = ? WHERE constituency_id = ? AND revoked_at IS NULL",
                (now, constituency_id),
            )
    return changed > 0


async def restore(db: Queries, constituency_id: int) -> bool:
    """Un-archive a constituency (still closed to self-joining); False if it was not archived."""
    changed = await db.execute_rowcount(
        "UPDATE constituencies SET archived_at = NULL WHERE id = ? AND archived_at IS NOT NULL",
        (constituency_id,),
    )
    return changed > 0


async def archived(db: Queries, *, lang: Lang = "en") -> list[Constituency]:
    rows = await db.fetchall(
        "SELECT * FROM constituencies WHERE archived_at IS NOT NULL"
        " ORDER BY CASE WHEN ? = 'cy' THEN name_cy ELSE name_en END",
        (lang,),
    )
    return [_constituency(r) for r in rows]


@dataclass(frozen=True, slots=True)
class MemberCount:
    """How many members of a constituency share a language and a status (raw, unsuppressed)."""

    constituency_id: int
    language: Lang
    status: Status
    count: int


async def member_counts(db: Queries, constituency_ids: Iterable[int]) -> list[MemberCount]:
    """Members per constituency, language and status; groups with nobody are left out."""
    wanted = set(constituency_ids)
    rows = await db.fetchall(
        "SELECT ms.constituency_id, m.language, m.status, COUNT(*) AS n"
        " FROM memberships ms JOIN members m ON m.id = ms.member_id"
        " GROUP BY ms.constituency_id, m.language, m.status"
    )
    return [MemberCount(r[0], r[1], r[2], r[3]) for r in rows if r[0] in wanted]
