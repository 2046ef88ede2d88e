"""The audit log: who did what, when. Privileged actions only; never a view's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Queries, from_db, to_db, utcnow


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor_id: int | None
    action: str
    detail: str


async def record(db: Queries, actor_id: int | None, action: str, detail: str = "") -> None:
    """Record an action, e.g. ("role.granted", "representative of 3 to member 12")."""
    await db.execute(
        "INSERT INTO audit_log (at, actor_id, action, detail) VALUES (?, ?, ?, ?)",
        (to_db(utcnow()), actor_id, action, detail),
    )


async def latest(db: Queries, limit: int = 20) -> list[AuditEntry]:
    rows = await db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
    return [
        AuditEntry(r["id"], from_db(r["at"]), r["actor_id"], r["action"], r["detail"]) for r in rows
    ]
