"""Pictures many delivery rows share (a poll's results chart): stored once by their digest,
uploaded once, then sent by Telegram's file_id; deleted when no pending row needs them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.storage.db import Queries, Tx


@dataclass(frozen=True, slots=True)
class Photo:
    """A picture many rows send: uploaded once, then sent by Telegram's file_id."""

    id: int
    name: str
    content: bytes
    file_id: str | None


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
