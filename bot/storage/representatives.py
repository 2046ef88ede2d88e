"""Representatives as members see them: who speaks for a network, and the name they chose."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Lang
from bot.storage.db import Queries, to_db, utcnow
from bot.storage.members import Status


@dataclass(frozen=True, slots=True)
class Representative:
    member_id: int
    constituency_id: int
    position: int  # 1, 2, ... in the order the network's representatives were appointed
    display_name: str | None
    chat_id: int
    language: Lang
    status: Status


async def of_constituency(db: Queries, constituency_id: int) -> list[Representative]:
    """The network's representatives, in the order they were appointed."""
    rows = await db.fetchall(
        "SELECT r.member_id, m.chat_id, m.language, m.status, p.display_name FROM roles r"
        " JOIN members m ON m.id = r.member_id"
        " LEFT JOIN rep_profiles p ON p.member_id = r.member_id"
        " WHERE r.role = 'representative' AND r.constituency_id = ? ORDER BY r.id",
        (constituency_id,),
    )
    return [
        Representative(
            member_id=r["member_id"],
            constituency_id=constituency_id,
            position=n,
            display_name=r["display_name"],
            chat_id=r["chat_id"],
            language=r["language"],
            status=r["status"],
        )
        for n, r in enumerate(rows, start=1)
    ]


async def display_name(db: Queries, member_id: int) -> str | None:
    value = await db.scalar(
        "SELECT display_name FROM rep_profiles WHERE member_id = ?", (member_id,)
    )
    return None if value is None else str(value)


async def set_display_name(db: Queries, member_id: int, name: str | None) -> None:
    """Set the name members see, or remove it (None)."""
    if name is None:
        await db.execute("DELETE FROM rep_profiles WHERE member_id = ?", (member_id,))
        return
    await db.execute(
        "INSERT INTO rep_profiles (member_id, display_name, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(member_id) DO UPDATE SET display_name = excluded.display_name,"
        " updated_at = excluded.updated_at",
        (member_id, name, to_db(utcnow())),
    )
