"""Batches of the delivery queue as their authors see them: counts of what happened to each
row and to each person, when a batch finished, and whether its report has gone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.db import Database, Queries, from_db, to_db, utcnow
from bot.storage.deliveries import CountingMode


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
