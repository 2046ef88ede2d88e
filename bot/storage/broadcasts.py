"""Broadcasts: drafts being composed (so they survive a restart) and the record of those sent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Queries, from_db, to_db, utcnow

Audience = Literal["everyone", "constituencies", "representatives"]
Kind = Literal["progress", "news", "meeting"]
AUDIENCES: tuple[Audience, ...] = ("everyone", "constituencies", "representatives")
KINDS: tuple[Kind, ...] = ("progress", "news", "meeting")


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    author_id: int | None
    author_role: Literal["representative", "coordinator"]
    audience: Audience | None
    constituency_ids: tuple[int, ...]
    kind: Kind | None
    text_cy: str
    text_en: str
    urgent: bool
    status: Literal["draft", "sent", "cancelled"]
    batch_id: int | None
    recipients: int
    created_at: datetime
    sent_at: datetime | None

    def text(self, lang: Lang) -> str:
        return self.text_cy if lang == "cy" else self.text_en


@dataclass(frozen=True, slots=True)
class Recipient:
    member_id: int
    chat_id: int
    language: Lang


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    return Broadcast(
        id=row["id"],
        author_id=row["author_id"],
        author_role=row["author_role"],
        audience=row["audience"],
        constituency_ids=tuple(int(i) for i in json.loads(row["constituency_ids"])),
        kind=row["kind"],
        text_cy=row["text_cy"],
        text_en=row["text_en"],
        urgent=bool(row["urgent"]),
        status=row["status"],
        batch_id=row["batch_id"],
        recipients=row["recipients"],
        created_at=from_db(row["created_at"]),
        sent_at=from_db(row["sent_at"]) if row["sent_at"] else None,
    )


async def create_draft(
    db: Queries, author_id: int, author_role: Literal["representative", "coordinator"]
) -> int:
    """A new draft; the author's earlier unfinished drafts are cancelled."""
    await db.execute(
        "UPDATE broadcasts SET status = 'cancelled' WHERE author_id = ? AND status = 'draft'",
        (author_id,),
    )
    return await db.execute(
        "INSERT INTO broadcasts (author_id, author_role, created_at) VALUES (?, ?, ?)",
        (author_id, author_role, to_db(utcnow())),
    )


async def open_draft(db: Queries, author_id: int, since: datetime) -> Broadcast | None:
    """The author's unfinished draft started after `since`, if any."""
    row = await db.fetchone(
        "SELECT * FROM broadcasts WHERE author_id = ? AND status = 'draft' AND created_at >= ?"
        " ORDER BY id DESC LIMIT 1",
        (author_id, to_db(since)),
    )
    return None if row is None else _broadcast(row)


async def get(db: Queries, broadcast_id: int) -> Broadcast | None:
    row = await db.fetchone("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
    return None if row is None else _broadcast(row)


async def set_audience(
    db: Queries, broadcast_id: int, audience: Audience, constituency_ids: Sequence[int]
) -> None:
    await db.execute(
        "UPDATE broadcasts SET audience = ?, constituency_ids = ? WHERE id = ? AND status = 'draft'",
        (audience, json.dumps(sorted(set(constituency_ids))), broadcast_id),
    )


async def set_kind(db: Queries, broadcast_id: int, kind: Kind) -> None:
    await db.execute(
        "UPDATE broadcasts SET kind = ? WHERE id = ? AND status = 'draft'", (kind, broadcast_id)
    )


async def set_text(db: Queries, broadcast_id: int, lang: Lang, text: str) -> None:
    column = "text_cy" if lang == "cy" else "text_en"
    await db.execute(
        f"UPDATE broadcasts SET {column} = ? WHERE id = ? AND status = 'draft'",  # noqa: S608  # column is one of two literals
        (text, broadcast_id),
    )


async def set_urgent(db: Queries, broadcast_id: int, urgent: bool) -> None:
    await db.execute(
        "UPDATE broadcasts SET urgent = ? WHERE id = ? AND status = 'draft'",
        (int(urgent), broadcast_id),
    )


async def cancel(db: Queries, broadcast_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'draft'",
        (broadcast_id,),
    )
    return changed > 0


async def delete_unsent(db: Queries, author_id: int) -> int:
    """The author's drafts and cancelled messages: nothing the service sent (for /forget)."""
    return await db.execute_rowcount(
        "DELETE FROM broadcasts WHERE author_id = ? AND status IN ('draft', 'cancelled')",
        (author_id,),
    )


async def mark_sent(db: Queries, broadcast_id: int, batch_id: int, recipients: int) -> bool:
    """Draft to sent, once: False if it was not a draft any more (a second press)."""
    changed = await db.execute_rowcount(
        "UPDATE broadcasts SET status = 'sent', batch_id = ?, recipients = ?, sent_at = ?"
        " WHERE id = ? AND status = 'draft'",
        (batch_id, recipients, to_db(utcnow()), broadcast_id),
    )
    return changed > 0


async def recent_sent(db: Queries, limit: int = 50) -> list[Broadcast]:
    rows = await db.fetchall(
        "SELECT * FROM broadcasts WHERE status = 'sent' ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [_broadcast(r) for r in rows]


async def recipients(
    db: Queries, audience: Audience, constituency_ids: Sequence[int]
) -> list[Recipient]:
    """Active members the audience reaches, once each, in id order.

    everyone: every active member; constituencies: members of any of them;
    representatives: representatives of any of them (of any network if none are given).
    """
    ids = sorted(set(constituency_ids))
    among = "(" + ",".join("?" * len(ids)) + ")"
    base = "SELECT id, chat_id, language FROM members WHERE status = 'active'"
    params: list[int] = ids
    if audience == "everyone":
        sql, params = base, []
    elif audience == "constituencies":
        if not ids:
            return []
        inner = "SELECT member_id FROM memberships WHERE constituency_id IN " + among  # noqa: S608  # only "?" placeholders are joined in
        sql = f"{base} AND id IN ({inner})"
    else:
        inner = "SELECT member_id FROM roles WHERE role = 'representative'"
        if ids:
            inner += " AND constituency_id IN " + among
        sql = f"{base} AND id IN ({inner})"
    rows = await db.fetchall(sql + " ORDER BY id", params)
    return [Recipient(r["id"], r["chat_id"], r["language"]) for r in rows]
