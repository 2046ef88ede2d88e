"""Who is reminded of a meeting, who has been, which batches carry it, and who turned it off."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.i18n import Lang
from bot.storage.db import Queries, Tx, to_db, utcnow

BatchKind = Literal["reminder", "papers", "change", "cancel", "agenda", "warning"]


@dataclass(frozen=True, slots=True)
class Recipient:
    member_id: int
    chat_id: int
    language: Lang
    first: bool  # nothing about this meeting has been queued for them before
    all_off: bool = False  # they turned off reminders for every meeting


_INVITED = (
    "SELECT DISTINCT m.id, m.chat_id, m.language FROM members m"
    " JOIN memberships ms ON ms.member_id = m.id"
    " JOIN meeting_networks mn ON mn.constituency_id = ms.constituency_id"
    # An archived network's members are told nothing more, as everywhere else.
    " JOIN constituencies c ON c.id = mn.constituency_id AND c.archived_at IS NULL"
    " WHERE mn.meeting_id = ? AND m.status = 'active'"
    " AND NOT EXISTS (SELECT 1 FROM reminder_mutes r WHERE r.member_id = m.id"
    "   AND (r.meeting_id IS NULL OR r.meeting_id = mn.meeting_id))"
)


async def due_for(db: Queries, meeting_id: int, offset: int) -> list[Recipient]:
    """Active members of the meeting's networks, reminders on, not yet sent this one."""
    rows = await db.fetchall(
        "SELECT i.id, i.chat_id, i.language, NOT EXISTS (SELECT 1 FROM meeting_told t"  # noqa: S608  # our own fragment
        "   WHERE t.meeting_id = ? AND t.member_id = i.id) AS first"
        f" FROM ({_INVITED}) i WHERE NOT EXISTS (SELECT 1 FROM meeting_told t"
        "   WHERE t.meeting_id = ? AND t.member_id = i.id AND t.offset_seconds = ?)"
        " ORDER BY i.id",
        (meeting_id, meeting_id, meeting_id, offset),
    )
    return [Recipient(r[0], r[1], r[2], bool(r[3])) for r in rows]


async def audience(db: Queries, meeting_id: int) -> list[Recipient]:
    """Everyone a message about the meeting goes to: active, in its networks, reminders on."""
    rows = await db.fetchall(f"{_INVITED} ORDER BY m.id", (meeting_id,))  # our own fragment
    return [Recipient(r[0], r[1], r[2], False) for r in rows]


async def invited_count(db: Queries, meeting_id: int) -> int:
    """How many would be reminded now (active, reminders on): for the organiser's preview."""
    value = await db.scalar(f"SELECT COUNT(*) FROM ({_INVITED})", (meeting_id,))  # noqa: S608  # our own fragment
    return int(value or 0)


async def invited(db: Queries, meeting_id: int, member_id: int) -> bool:
    """Is the member in one of the meeting's networks (whatever their reminders)?"""
    value = await db.scalar(
        "SELECT 1 FROM memberships ms JOIN meeting_networks mn"
        " ON mn.constituency_id = ms.constituency_id WHERE mn.meeting_id = ? AND ms.member_id = ?",
        (meeting_id, member_id),
    )
    return value is not None


async def tell(
    tx: Tx, meeting_id: int, member_ids: Sequence[int], offsets: Iterable[int], at: datetime
) -> None:
    """Record that these members were sent the reminder for each offset (one or more)."""
    when = to_db(at)
    await tx.executemany(
        "INSERT OR IGNORE INTO meeting_told (meeting_id, member_id, offset_seconds, told_at)"
        " VALUES (?, ?, ?, ?)",
        [(meeting_id, m, o, when) for o in offsets for m in member_ids],
    )


async def told(db: Queries, meeting_id: int) -> list[Recipient]:
    """Everyone already told about the meeting who still hears from us: for a change or a
    cancellation (not those who turned this meeting's reminders off)."""
    rows = await db.fetchall(
        "SELECT m.id, m.chat_id, m.language, EXISTS (SELECT 1 FROM reminder_mutes r"
        "   WHERE r.member_id = m.id AND r.meeting_id IS NULL) FROM members m"
        " WHERE m.status = 'active'"
        " AND m.id IN (SELECT member_id FROM meeting_told WHERE meeting_id = ?)"
        " AND NOT EXISTS (SELECT 1 FROM reminder_mutes r WHERE r.member_id = m.id"
        "   AND r.meeting_id = ?) ORDER BY m.id",
        (meeting_id, meeting_id),
    )
    return [Recipient(r[0], r[1], r[2], False, bool(r[3])) for r in rows]


async def told_count(db: Queries, meeting_id: int) -> int:
    value = await db.scalar(
        "SELECT COUNT(DISTINCT member_id) FROM meeting_told WHERE meeting_id = ?", (meeting_id,)
    )
    return int(value or 0)


async def record_batch(tx: Tx, batch_id: int, meeting_id: int, kind: BatchKind) -> None:
    await tx.execute(
        "INSERT INTO meeting_batches (batch_id, meeting_id, kind) VALUES (?, ?, ?)",
        (batch_id, meeting_id, kind),
    )


async def withdraw(tx: Tx, meeting_id: int, reason: str) -> int:
    """Take the meeting's unsent reminders and late papers out of the queue (it started,
    changed or was cancelled). Whoever had one waiting counts as not told: after a change
    the next run sends them the new details. Returns how many rows were withdrawn."""
    carrying = "SELECT batch_id FROM meeting_batches WHERE meeting_id = ? AND kind IN ('reminder', 'papers')"
    await tx.execute(
        "DELETE FROM meeting_told WHERE meeting_id = ? AND member_id IN (SELECT member_id"  # noqa: S608  # our own fragment
        f" FROM deliveries WHERE status = 'pending' AND batch_id IN ({carrying}))",
        (meeting_id, meeting_id),
    )
    return await tx.execute_rowcount(
        "UPDATE deliveries SET status = 'failed', text = '', document = NULL, markup = NULL,"  # noqa: S608  # our own fragment
        " file_id = NULL, last_error = ?, updated_at = ?"
        f" WHERE status = 'pending' AND batch_id IN ({carrying})",
        (reason, to_db(utcnow()), meeting_id),
    )


async def purge_told(db: Queries, before: datetime) -> int:
    """Who was told about a meeting that started before `before`: no longer needed."""
    return await db.execute_rowcount(
        "DELETE FROM meeting_told WHERE meeting_id IN"
        " (SELECT id FROM meetings WHERE starts_at < ? OR status = 'cancelled')",
        (to_db(before),),
    )


# ------------------------------------------------------------------ turning reminders off


@dataclass(frozen=True, slots=True)
class Muted:
    everything: bool
    meetings: frozenset[int]


async def mute(db: Queries, member_id: int, meeting_id: int | None) -> None:
    """Turn off reminders for one meeting, or for every meeting (None)."""
    await db.execute(
        "INSERT OR IGNORE INTO reminder_mutes (member_id, meeting_id, muted_at) VALUES (?, ?, ?)",
        (member_id, meeting_id, to_db(utcnow())),
    )


async def unmute(db: Queries, member_id: int, meeting_id: int | None) -> None:
    await db.execute(
        "DELETE FROM reminder_mutes WHERE member_id = ? AND IFNULL(meeting_id, 0) = ?",
        (member_id, meeting_id or 0),
    )


async def muted(db: Queries, member_id: int) -> Muted:
    rows = await db.fetchall(
        "SELECT meeting_id FROM reminder_mutes WHERE member_id = ?", (member_id,)
    )
    ids = [r[0] for r in rows]
    return Muted(None in ids, frozenset(i for i in ids if i is not None))
