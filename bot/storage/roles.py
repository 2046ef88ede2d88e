"""Roles: representatives of constituencies, and coordinators of the whole service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.storage.db import Queries, to_db, utcnow

RoleName = Literal["representative", "coordinator"]


@dataclass(frozen=True, slots=True)
class RoleGrant:
    id: int
    member_id: int
    role: RoleName
    constituency_id: int | None


async def of_member(db: Queries, member_id: int) -> list[RoleGrant]:
    rows = await db.fetchall(
        "SELECT id, member_id, role, constituency_id FROM roles WHERE member_id = ? ORDER BY id",
        (member_id,),
    )
    return [RoleGrant(r["id"], r["member_id"], r["role"], r["constituency_id"]) for r in rows]


async def grant(db: Queries, member_id: int, role: RoleName, constituency_id: int | None) -> bool:
    """Grant a role; False if the member already held it."""
    changed = await db.execute_rowcount(
        "INSERT INTO roles (member_id, role, constituency_id, granted_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (member_id, role, constituency_id, to_db(utcnow())),
    )
    return changed > 0


async def revoke(db: Queries, role_id: int) -> RoleGrant | None:
    row = await db.fetchone(
        "SELECT id, member_id, role, constituency_id FROM roles WHERE id = ?", (role_id,)
    )
    if row is None:
        return None
    await db.execute("DELETE FROM roles WHERE id = ?", (role_id,))
    return RoleGrant(row["id"], row["member_id"], row["role"], row["constituency_id"])


async def representatives_of(db: Queries, constituency_id: int) -> list[int]:
    """Member ids of the constituency's representatives."""
    rows = await db.fetchall(
        "SELECT member_id FROM roles WHERE role = 'representative' AND constituency_id = ?",
        (constituency_id,),
    )
    return [r[0] for r in rows]


async def get(db: Queries, role_id: int) -> RoleGrant | None:
    row = await db.fetchone(
        "SELECT id, member_id, role, constituency_id FROM roles WHERE id = ?", (role_id,)
    )
    return None if row is None else RoleGrant(row[0], row[1], row[2], row[3])


async def list_all(db: Queries) -> list[RoleGrant]:
    """Every role held, coordinators first, then by constituency."""
    rows = await db.fetchall(
        "SELECT id, member_id, role, constituency_id FROM roles"
        " ORDER BY role = 'representative', constituency_id, id"
    )
    return [RoleGrant(r[0], r[1], r[2], r[3]) for r in rows]
