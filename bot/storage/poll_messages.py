"""The poll messages in members' chats, so that at close each can be edited to drop its
buttons and the member's answer; their ids are forgotten once that is done."""

from __future__ import annotations

from bot.i18n import Lang
from bot.storage.db import Queries


async def add_message(
    db: Queries, poll_id: int, member_id: int, chat_id: int, message_id: int
) -> None:
    """A poll message sent outside the delivery queue (/polls), to be edited at close."""
    await db.execute(
        "INSERT OR IGNORE INTO poll_messages (poll_id, member_id, chat_id, message_id)"
        " VALUES (?, ?, ?, ?)",
        (poll_id, member_id, chat_id, message_id),
    )


async def messages_to_close(
    db: Queries, poll_id: int, label: str
) -> list[tuple[int, int | None, int, Lang]]:
    """(chat_id, member_id, message_id, language) of every poll message still in a chat:
    those the delivery queue sent (the poll and its reminder) and those /polls sent."""
    rows = await db.fetchall(
        "SELECT d.chat_id, d.member_id, d.message_id, IFNULL(m.language, 'cy')"
        " FROM deliveries d JOIN delivery_batches b ON b.id = d.batch_id"
        " LEFT JOIN members m ON m.id = d.member_id"
        " WHERE b.kind IN ('poll', 'poll.reminder') AND b.label = ? AND d.status = 'sent'"
        " AND d.message_id IS NOT NULL"
        " UNION ALL SELECT p.chat_id, p.member_id, p.message_id, m.language"
        " FROM poll_messages p JOIN members m ON m.id = p.member_id WHERE p.poll_id = ?",
        (label, poll_id),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


async def forget_messages(db: Queries, poll_id: int, label: str) -> None:
    """Those messages will not be edited again: their ids are not kept."""
    await db.execute(
        "UPDATE deliveries SET message_id = NULL WHERE message_id IS NOT NULL AND batch_id IN"
        " (SELECT id FROM delivery_batches WHERE kind IN ('poll', 'poll.reminder')"
        " AND label = ?)",
        (label,),
    )
    await db.execute("DELETE FROM poll_messages WHERE poll_id = ?", (poll_id,))
