"""The delivery queue: batches of message parts, one row per recipient and part.

`bot.delivery` decides what to send and when; this module only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import aiosqlite

from bot.storage.db import Queries, Tx, to_db, utcnow

RowStatus = Literal["pending", "sent", "unreachable", "failed"]
CountingMode = Literal["parts", "combined"]


@dataclass(frozen=True, slots=True)
class NewRow:
    """A part to insert: text, or a document (text: its caption) sent after the text parts."""

    chat_id: int
    member_id: int | None
    part: int
    text: str
    document: tuple[str, bytes] | None = None
    markup: str | None = None  # an inline keyboard as Telegram's JSON, on this part
    file_id: str | None = None  # a document Telegram already holds (text: its caption)
    edit_of: int | None = None  # edit this message of the chat instead of sending one
    photo_id: int | None = None  # a `delivery_photos` row (text: its caption)


@dataclass(frozen=True, slots=True)
class Due:
    """A pending row the worker may send now."""

    id: int
    batch_id: int
    chat_id: int
    member_id: int | None
    member_status: str | None  # None for a chat that is not a member's (a group)
    part: int
    text: str
    document: tuple[str, bytes] | None
    attempts: int
    markup: str | None = None
    file_id: str | None = None
    edit_of: int | None = None
    photo_id: int | None = None


async def member_for_chat(db: Queries, chat_id: int) -> int | None:
    """The member whose private chat this is, if any."""
    value = await db.scalar("SELECT id FROM members WHERE chat_id = ?", (chat_id,))
    return None if value is None else int(value)


async def insert_batch(
    tx: Tx,
    *,
    kind: str,
    label: str,
    urgent: bool,
    created_by: int | None,
    report_member_id: int | None,
    report_chat_id: int | None,
    report_lang: str,
    rows: Sequence[NewRow],
    not_before: float,
    counting: CountingMode = "parts",
) -> int:
    """Create a batch and its rows inside the caller's transaction; returns the batch id."""
    now = to_db(utcnow())
    batch_id = await tx.execute(
        "INSERT INTO delivery_batches (kind, label, urgent, created_by, report_member_id,"
        " report_chat_id, report_lang, counting, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            label,
            int(urgent),
            created_by,
            report_member_id,
            report_chat_id,
            report_lang,
            counting,
            now,
        ),
    )
    await tx.executemany(
        "INSERT INTO deliveries (batch_id, chat_id, member_id, part, text, document_name,"
        " document, markup, file_id, edit_of, photo_id, urgent, next_attempt_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                batch_id,
                r.chat_id,
                r.member_id,
                r.part,
                r.text,
                r.document[0] if r.document else None,
                r.document[1] if r.document else None,
                r.markup,
                r.file_id,
                r.edit_of,
                r.photo_id,
                int(urgent),
                not_before,
                now,
                now,
            )
            for r in rows
        ],
    )
    return batch_id


def _due(row: aiosqlite.Row) -> Due:
    name, blob = row["document_name"], row["document"]
    return Due(
        id=row["id"],
        batch_id=row["batch_id"],
        chat_id=row["chat_id"],
        member_id=row["member_id"],
        member_status=row["member_status"],
        part=row["part"],
        text=row["text"],
        document=(name, bytes(blob)) if name is not None and blob is not None else None,
        attempts=row["attempts"],
        markup=row["markup"],
        file_id=row["file_id"],
        edit_of=row["edit_of"],
        photo_id=row["photo_id"],
    )


_DUE_SQL = (
    "SELECT d.id, d.batch_id, d.chat_id, d.member_id, d.part, d.text, d.document_name,"
    " d.document, d.markup, d.file_id, d.edit_of, d.photo_id, d.attempts,"
    " m.status AS member_status"
    " FROM deliveries d LEFT JOIN members m ON m.id = d.member_id"
)


async def due(db: Queries, *, now: float, urgent_only: bool, limit: int) -> list[Due]:
    """Pending rows whose time has come, oldest first; a part waits for the earlier parts
    of the same message to the same chat, so parts arrive in order."""
    where = (
        " WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (? = 0 OR d.urgent = 1)"
        " AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending'"
        "   AND e.batch_id = d.batch_id AND e.chat_id = d.chat_id AND e.id < d.id)"
        " ORDER BY d.id LIMIT ?"
    )
    rows = await db.fetchall(_DUE_SQL + where, (now, int(urgent_only), limit))
    return [_due(r) for r in rows]


async def still_pending(db: Queries, row_id: int) -> Due | None:
    """The row as it is now, if it is still pending (read again just before sending: the
    member may have stopped, left or become unreachable since `due` read it)."""
    row = await db.fetchone(_DUE_SQL + " WHERE d.id = ? AND d.status = 'pending'", (row_id,))
    return None if row is None else _due(row)


async def next_due_at(db: Queries, *, urgent_only: bool) -> float | None:
    """When the earliest pending row may be tried, or None if nothing is pending."""
    value = await db.scalar(
        "SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'"
        " AND (? = 0 OR urgent = 1)",
        (int(urgent_only),),
    )
    return None if value is None else float(value)


async def mark_sent(db: Queries, row_id: int, message_id: int | None = None) -> None:
    """Sent: its words and document are dropped (only needed to send; the outcome stays).

    `message_id` is kept for a message with buttons, which may be edited later."""
    await db.execute(
        "UPDATE deliveries SET status = 'sent', attempts = attempts + 1, document = NULL, text = '',"
        " markup = NULL, file_id = NULL, edit_of = NULL, photo_id = NULL, last_error = NULL,"
        " message_id = ?, updated_at = ? WHERE id = ?",
        (message_id, to_db(utcnow()), row_id),
    )


async def mark_final(db: Queries, row_id: int, status: RowStatus, error: str) -> None:
    """Unreachable or failed: not tried again."""
    await db.execute(
        "UPDATE deliveries SET status = ?, attempts = attempts + 1, document = NULL, text = '',"
        " markup = NULL, file_id = NULL, edit_of = NULL, photo_id = NULL, last_error = ?,"
        " updated_at = ? WHERE id = ?",
        (status, error[:500], to_db(utcnow()), row_id),
    )


async def retry_later(db: Queries, row_id: int, at: float, error: str, *, count: bool) -> None:
    """Try again at `at`; `count` says whether this try counts towards the attempt limit."""
    await db.execute(
        "UPDATE deliveries SET attempts = attempts + ?, next_attempt_at = ?, last_error = ?,"
        " updated_at = ? WHERE id = ?",
        (int(count), at, error[:500], to_db(utcnow()), row_id),
    )


async def unreachable_chat(db: Queries, chat_id: int, error: str) -> list[int]:
    """Every pending row for this chat becomes unreachable; returns their batch ids."""
    rows = await db.fetchall(
        "SELECT DISTINCT batch_id FROM deliveries WHERE chat_id = ? AND status = 'pending'",
        (chat_id,),
    )
    await db.execute(
        "UPDATE deliveries SET status = 'unreachable', document = NULL, text = '', markup = NULL,"
        " file_id = NULL, edit_of = NULL, photo_id = NULL, last_error = ?, updated_at = ?"
        " WHERE chat_id = ? AND status = 'pending'",
        (error[:500], to_db(utcnow()), chat_id),
    )
    return [r[0] for r in rows]


async def move_chat(db: Queries, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its pending rows follow it."""
    await db.execute(
        "UPDATE deliveries SET chat_id = ?, updated_at = ? WHERE chat_id = ? AND status = 'pending'",
        (new_chat_id, to_db(utcnow()), old_chat_id),
    )
