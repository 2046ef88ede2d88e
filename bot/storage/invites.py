"""Invitation links: a random payload in the deep link, only its hash in the database."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import aiosqlite

from bot.storage import audit
from bot.storage.db import Database, Queries, from_db, to_db, utcnow

InviteRole = Literal["member", "representative", "coordinator"]
INVITE_ROLES: tuple[InviteRole, ...] = ("member", "representative", "coordinator")
# 16 random bytes = 128 bits, 22 URL-safe characters: unguessable and within the 64-character
# limit Telegram puts on /start parameters (only A-Z, a-z, 0-9, _ and - are allowed there).
TOKEN_BYTES = 16


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    role: InviteRole
    constituency_id: int | None
    max_uses: int | None
    uses: int
    expires_at: datetime
    revoked: bool
    created_by: int | None
    created_at: datetime

    def usable(self, now: datetime) -> bool:
        return (
            not self.revoked
            and now < self.expires_at
            and (self.max_uses is None or self.uses < self.max_uses)
        )


RedeemProblem = Literal["unknown", "expired", "used_up", "revoked"]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invite(row: aiosqlite.Row) -> Invite:
    return Invite(
        id=row["id"],
        role=row["role"],
        constituency_id=row["constituency_id"],
        max_uses=row["max_uses"],
        uses=row["uses"],
        expires_at=from_db(row["expires_at"]),
        revoked=row["revoked_at"] is not None,
        created_by=row["created_by"],
        created_at=from_db(row["created_at"]),
    )


async def create(
    db: Queries,
    *,
    role: InviteRole,
    constituency_id: int | None,
    created_by: int | None,
    max_uses: int | None = 1,
    valid_for: timedelta = timedelta(days=7),
) -> tuple[Invite, str]:
    """Create an invite; returns it with the payload, which is never stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    invite_id = await db.execute(
        "INSERT INTO invites (token_hash, role, constituency_id, max_uses, expires_at, created_by,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            _hash(token),
            role,
            constituency_id,
            max_uses,
            to_db(now + valid_for),
            created_by,
            to_db(now),
        ),
    )
    invite = await get(db, invite_id)
    assert invite is not None
    return invite, token


async def get(db: Queries, invite_id: int) -> Invite | None:
    row = await db.fetchone("SELECT * FROM invites WHERE id = ?", (invite_id,))
    return None if row is None else _invite(row)


async def find(db: Queries, token: str) -> Invite | None:
    row = await db.fetchone("SELECT * FROM invites WHERE token_hash = ?", (_hash(token),))
    return None if row is None else _invite(row)


def problem(invite: Invite | None, now: datetime) -> RedeemProblem | None:
    if invite is None:
        return "unknown"
    if invite.revoked:
        return "revoked"
    if now >= invite.expires_at:
        return "expired"
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        return "used_up"
    return None


async def redeem(
    db: Database, token: str, member_id: int
) -> tuple[Invite | None, RedeemProblem | None]:
    """Use an invite for a member: count the use, join the constituency, grant the role.

    All in one transaction, so a single-use link pressed twice at once is used once; the
    count only goes up while the link is still usable, whatever happened in between.
    """
    moment = utcnow()
    async with db.transaction() as tx:
        invite = await find(tx, token)
        why = problem(invite, moment)
        if invite is None or why is not None:
            return invite, why
        now = to_db(moment)
        counted = await tx.execute_rowcount(
            "UPDATE invites SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL"
            " AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)",
            (invite.id, now),
        )
        if not counted:
            return invite, "used_up"
        if invite.constituency_id is not None:
            await tx.execute(
                "INSERT INTO memberships (member_id, constituency_id, joined_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (member_id, invite.constituency_id, now),
            )
        if invite.role != "member":
            constituency = invite.constituency_id if invite.role == "representative" else None
            granted = await tx.execute_rowcount(
                "INSERT INTO roles (member_id, role, constituency_id, granted_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (member_id, invite.role, constituency, now),
            )
            if granted:
                await audit.record(
                    tx,
                    member_id,
                    "role.granted",
                    role=invite.role,
                    network=constituency,
                    member=member_id,
                    invite=invite.id,
                )
        await audit.record(tx, member_id, "invite.used", invite=invite.id, role=invite.role)
        return invite, None


async def list_active(db: Queries) -> list[Invite]:
    rows = await db.fetchall(
        "SELECT * FROM invites WHERE revoked_at IS NULL AND expires_at > ?"
        " AND (max_uses IS NULL OR uses < max_uses) ORDER BY id DESC",
        (to_db(utcnow()),),
    )
    return [_invite(r) for r in rows]


async def revoke(db: Queries, invite_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (to_db(utcnow()), invite_id),
    )
    return changed > 0


async def usable_made_by(db: Queries, member_id: int) -> list[Invite]:
    """The links a member made that still work."""
    rows = await db.fetchall(
        "SELECT * FROM invites WHERE created_by = ? AND revoked_at IS NULL AND expires_at > ?"
        " AND (max_uses IS NULL OR uses < max_uses) ORDER BY id",
        (member_id, to_db(utcnow())),
    )
    return [_invite(r) for r in rows]
