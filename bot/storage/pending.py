"""What a member's next text message answers, kept in the database so it survives restarts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.storage.db import Queries, to_db, utcnow


@dataclass(frozen=True, slots=True)
class Pending:
    kind: str
    data: dict[str, Any]


async def get(db: Queries, member_id: int) -> Pending | None:
    row = await db.fetchone(
        "SELECT kind, data FROM pending_input WHERE member_id = ?", (member_id,)
    )
    return None if row is None else Pending(row["kind"], json.loads(row["data"]))


async def put(db: Queries, member_id: int, kind: str, data: dict[str, Any] | None = None) -> None:
    await db.execute(
        "INSERT INTO pending_input (member_id, kind, data, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(member_id) DO UPDATE SET kind = excluded.kind, data = excluded.data,"
        " updated_at = excluded.updated_at",
        (member_id, kind, json.dumps(data or {}), to_db(utcnow())),
    )


async def clear(db: Queries, member_id: int) -> None:
    await db.execute("DELETE FROM pending_input WHERE member_id = ?", (member_id,))
