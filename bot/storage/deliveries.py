"""The delivery queue: batches of message parts, one row per recipient and part.

`bot.delivery` decides what to send and when; this module only reads and writes rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.storage.db import Database, Queries, Tx, from_db, to_db, utcnow

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
class Photo:
    """A picture many rows send: uploaded once, then sent by Telegram's file_id."""

    id: int
    name: str
    content: bytes
    file_id: str | None


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


@dataclass(frozen=True, slots=True)
class Counts:
    sent: int = 0
    unreachable: int = 0
    failed: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.unreachable + self.failed + self.pending


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    kind: str
    label: str
    urgent: bool
    created_by: int | None
    report_chat_id: int | None  # resolved: the report member's chat if active, or the stored chat
    report_lang: str
    counting: CountingMode  # how its counts may be shown (migration 0006, bot.delivery.report)
    created_at: datetime
    finished_at: datetime | None
    reported_at: datetime | None
    counts: Counts  # message parts
    people: Counts  # recipients: what reports show (through bot.domain.counting)


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


async def counts(db: Queries, batch_id: int) -> Counts:
    """Message parts (rows) by status: what the worker did."""
    rows = await db.fetchall(
        "SELECT status, COUNT(*) FROM deliveries WHERE batch_id = ? GROUP BY status", (batch_id,)
    )
    found = {r[0]: int(r[1]) for r in rows}
    return Counts(
        sent=found.get("sent", 0),
        unreachable=found.get("unreachable", 0),
        failed=found.get("failed", 0),
        pending=found.get("pending", 0),
    )


async def people_counts(db: Queries, batch_id: int) -> Counts:
    """Recipients (chats, not message parts) by how their messages went, for reports: a text
    sent in three parts is one person. A chat with a part still pending is pending; else one
    unreachable or failed part makes it unreachable or failed."""
    rows = await db.fetchall(
        "SELECT worst, COUNT(*) FROM (SELECT MIN(CASE status WHEN 'pending' THEN 0"
        " WHEN 'unreachable' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END) AS worst"
        " FROM deliveries WHERE batch_id = ? GROUP BY chat_id) GROUP BY worst",
        (batch_id,),
    )
    found = {int(r[0]): int(r[1]) for r in rows}
    return Counts(
        sent=found.get(3, 0),
        unreachable=found.get(1, 0),
        failed=found.get(2, 0),
        pending=found.get(0, 0),
    )


async def finish(db: Database, batch_id: int) -> bool:
    """If nothing of the batch is pending, record its counts (once) and mark it finished.

    Returns True while the batch is finished but its report has not been sent."""
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT finished_at, reported_at FROM delivery_batches WHERE id = ?", (batch_id,)
        )
        if row is None or row["reported_at"] is not None:
            return False
        if row["finished_at"] is not None:
            return True
        found = await counts(tx, batch_id)
        if found.pending:
            return False
        people = await people_counts(tx, batch_id)
        await tx.execute(
            "UPDATE delivery_batches SET finished_at = ?, sent = ?, unreachable = ?, failed = ?,"
            " people_sent = ?, people_unreachable = ?, people_failed = ? WHERE id = ?",
            (
                to_db(utcnow()),
                found.sent,
                found.unreachable,
                found.failed,
                people.sent,
                people.unreachable,
                people.failed,
                batch_id,
            ),
        )
        return True


async def mark_reported(db: Queries, batch_id: int) -> None:
    await db.execute(
        "UPDATE delivery_batches SET reported_at = ? WHERE id = ?", (to_db(utcnow()), batch_id)
    )


_BATCH_SQL = (
    "SELECT b.*, m.chat_id AS member_chat, m.status AS member_status FROM delivery_batches b"
    " LEFT JOIN members m ON m.id = b.report_member_id"
)


async def _batch(db: Queries, row: aiosqlite.Row) -> Batch:
    finished = row["finished_at"]
    if finished is not None:
        found = Counts(row["sent"], row["unreachable"], row["failed"], 0)
        people = Counts(row["people_sent"], row["people_unreachable"], row["people_failed"], 0)
    else:
        found = await counts(db, row["id"])
        people = await people_counts(db, row["id"])
    return Batch(
        id=row["id"],
        kind=row["kind"],
        label=row["label"],
        urgent=bool(row["urgent"]),
        created_by=row["created_by"],
        # A member who has stopped messages (or blocked the bot) gets no report either.
        report_chat_id=row["report_chat_id"]
        or (row["member_chat"] if row["member_status"] == "active" else None),
        report_lang=row["report_lang"],
        counting=row["counting"],
        created_at=from_db(row["created_at"]),
        finished_at=from_db(finished) if finished else None,
        reported_at=from_db(row["reported_at"]) if row["reported_at"] else None,
        counts=found,
        people=people,
    )


async def batch(db: Queries, batch_id: int) -> Batch | None:
    row = await db.fetchone(_BATCH_SQL + " WHERE b.id = ?", (batch_id,))
    return None if row is None else await _batch(db, row)


async def unreported_ids(db: Queries) -> list[int]:
    """Batches whose report has not gone: checked at start and when the queue is idle."""
    rows = await db.fetchall("SELECT id FROM delivery_batches WHERE reported_at IS NULL")
    return [r[0] for r in rows]


async def rows_of(db: Queries, batch_id: int) -> list[tuple[int, int, str, int, str | None]]:
    """(chat_id, part, status, attempts, last_error) of every row: for tests and checks."""
    rows = await db.fetchall(
        "SELECT chat_id, part, status, attempts, last_error FROM deliveries"
        " WHERE batch_id = ? ORDER BY id",
        (batch_id,),
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def add_photo(tx: Tx, name: str, content: bytes) -> int:
    """Store a picture once (by its SHA-256) for rows to share; returns its id."""
    digest = hashlib.sha256(content).hexdigest()
    await tx.execute(
        "INSERT OR IGNORE INTO delivery_photos (digest, name, content) VALUES (?, ?, ?)",
        (digest, name, content),
    )
    return int(await tx.scalar("SELECT id FROM delivery_photos WHERE digest = ?", (digest,)))


async def photo(db: Queries, photo_id: int) -> Photo | None:
    row = await db.fetchone(
        "SELECT id, name, content, file_id FROM delivery_photos WHERE id = ?", (photo_id,)
    )
    return None if row is None else Photo(row[0], row[1], bytes(row[2]), row[3])


async def photo_held(db: Queries, photo_id: int, file_id: str) -> None:
    """Telegram holds the picture now: later rows send its file_id, not the bytes."""
    await db.execute(
        "UPDATE delivery_photos SET file_id = ? WHERE id = ? AND file_id IS NULL",
        (file_id, photo_id),
    )


async def drop_unused_photos(db: Queries) -> int:
    """Pictures no pending row still needs are deleted."""
    return await db.execute_rowcount(
        "DELETE FROM delivery_photos WHERE id NOT IN"
        " (SELECT photo_id FROM deliveries WHERE photo_id IS NOT NULL AND status = 'pending')"
    )
