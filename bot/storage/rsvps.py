"""Replies to meetings ("I'll be there", "I can't come", "Not sure"): each member's own record.

Not anonymous: the reply is the member's, shown to them in /meetings and /mydata and erased
by /forget. Organisers see only counts, through the counting rule. Kept after the meeting:
a representative's involvement record counts the meetings they said they would attend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.storage.db import Queries, from_db, to_db, utcnow

Answer = Literal["yes", "no", "maybe"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "maybe")


@dataclass(frozen=True, slots=True)
class Rsvp:
    meeting_id: int
    member_id: int
    answer: Answer
    answered_at: datetime


async def answer(db: Queries, meeting_id: int, member_id: int, value: Answer) -> bool:
    """Record or change a reply; False if it was already this answer (a second tap)."""
    changed = await db.execute_rowcount(
        "INSERT INTO rsvps (meeting_id, member_id, answer, answered_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(meeting_id, member_id) DO UPDATE SET answer = excluded.answer,"
        " answered_at = excluded.answered_at WHERE answer != excluded.answer",
        (meeting_id, member_id, value, to_db(utcnow())),
    )
    return changed > 0


async def answer_of(db: Queries, meeting_id: int, member_id: int) -> Answer | None:
    value = await db.scalar(
        "SELECT answer FROM rsvps WHERE meeting_id = ? AND member_id = ?", (meeting_id, member_id)
    )
    return value if value in ANSWERS else None


async def answers_of(db: Queries, member_id: int, meeting_ids: list[int]) -> dict[int, Answer]:
    if not meeting_ids:
        return {}
    marks = ",".join("?" * len(meeting_ids))
    rows = await db.fetchall(
        f"SELECT meeting_id, answer FROM rsvps WHERE member_id = ? AND meeting_id IN ({marks})",  # noqa: S608  # placeholders only
        (member_id, *meeting_ids),
    )
    return {r[0]: r[1] for r in rows}


async def of_meeting(db: Queries, meeting_id: int) -> dict[int, Answer]:
    """Each member's reply (for ticking it on the buttons they are sent)."""
    rows = await db.fetchall(
        "SELECT member_id, answer FROM rsvps WHERE meeting_id = ?", (meeting_id,)
    )
    return {r[0]: r[1] for r in rows}


async def counts(db: Queries, meeting_id: int) -> dict[Answer, int]:
    """Replies by answer (raw: shown only through the counting rule)."""
    rows = await db.fetchall(
        "SELECT answer, COUNT(*) FROM rsvps WHERE meeting_id = ? GROUP BY answer", (meeting_id,)
    )
    found = {r[0]: int(r[1]) for r in rows}
    return {a: found.get(a, 0) for a in ANSWERS}


async def counts_of_told(db: Queries, meeting_id: int) -> dict[Answer, int]:
    """Replies by answer from members who have been told about the meeting (the whole the
    organiser sees them as parts of)."""
    rows = await db.fetchall(
        "SELECT answer, COUNT(*) FROM rsvps WHERE meeting_id = ? AND member_id IN"
        " (SELECT member_id FROM meeting_told WHERE meeting_id = ?) GROUP BY answer",
        (meeting_id, meeting_id),
    )
    found = {r[0]: int(r[1]) for r in rows}
    return {a: found.get(a, 0) for a in ANSWERS}


async def of_member(db: Queries, member_id: int) -> list[Rsvp]:
    """Every reply a member gave, newest meeting first (their involvement record)."""
    rows = await db.fetchall(
        "SELECT r.* FROM rsvps r JOIN meetings m ON m.id = r.meeting_id"
        " WHERE r.member_id = ? ORDER BY m.starts_at DESC",
        (member_id,),
    )
    return [
        Rsvp(r["meeting_id"], r["member_id"], r["answer"], from_db(r["answered_at"])) for r in rows
    ]
