"""Involvement on record: hours given, and what each person did, counted from the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage.db import Queries, to_db, utcnow


@dataclass(frozen=True, slots=True)
class Hours:
    id: int
    member_id: int
    on_day: date
    minutes: int
    what: str


@dataclass(frozen=True, slots=True)
class Done:
    """What one person did in a period, counted from the records themselves."""

    member_id: int
    polls: int  # polls they asked that went out
    outcomes: int  # outcomes they recorded
    progress: int  # progress updates they added
    minutes: int  # hours given, in minutes
    meetings: int  # meetings the organiser confirmed they came to


async def add_hours(db: Queries, member_id: int, on_day: date, minutes: int, what: str) -> int:
    return await db.execute(
        "INSERT INTO involvement_hours (member_id, on_day, given_minutes, what, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (member_id, on_day.isoformat(), minutes, what, to_db(utcnow())),
    )


async def hours_of(db: Queries, member_id: int, limit: int) -> list[Hours]:
    """The member's latest entries, the one recorded last first."""
    rows = await db.fetchall(
        "SELECT * FROM involvement_hours WHERE member_id = ? ORDER BY id DESC LIMIT ?",
        (member_id, limit),
    )
    return [
        Hours(
            r["id"], r["member_id"], date.fromisoformat(r["on_day"]), r["given_minutes"], r["what"]
        )
        for r in rows
    ]


async def remove_hours(db: Queries, member_id: int, entry_id: int) -> bool:
    """Remove one of the member's own entries; False if it is not theirs (or gone)."""
    changed = await db.execute_rowcount(
        "DELETE FROM involvement_hours WHERE id = ? AND member_id = ?", (entry_id, member_id)
    )
    return changed > 0


_DONE = """
SELECT m.id,
  (SELECT COUNT(*) FROM polls p WHERE p.author_id = m.id AND p.status IN ('open', 'closed')
     AND p.opened_at >= ?1),
  (SELECT COUNT(*) FROM outcomes o WHERE o.author_id = m.id AND o.status = 'recorded'
     AND o.recorded_at >= ?1),
  (SELECT COUNT(*) FROM outcome_updates u WHERE u.author_id = m.id AND u.status = 'added'
     AND u.added_at >= ?1),
  (SELECT COALESCE(SUM(h.given_minutes), 0) FROM involvement_hours h WHERE h.member_id = m.id
     AND h.on_day >= ?1),
  (SELECT COUNT(*) FROM meeting_attendance a JOIN meetings mt ON mt.id = a.meeting_id
     WHERE a.member_id = m.id AND mt.status = 'scheduled' AND mt.starts_at >= ?1)
FROM members m
"""


async def done(db: Queries, since: date | None, member_id: int | None = None) -> list[Done]:
    """Per member, since a day (None: ever): one member, or everyone who has done anything or
    holds a role."""
    start = since.isoformat() if since else ""
    params: tuple[object, ...] = (start,) if member_id is None else (start, member_id)
    where = (
        " WHERE m.id = ?2"
        if member_id is not None
        else " WHERE m.id IN (SELECT member_id FROM roles) OR m.id IN (SELECT author_id FROM polls)"
        " OR m.id IN (SELECT author_id FROM outcomes WHERE status = 'recorded')"
        " OR m.id IN (SELECT member_id FROM involvement_hours)"
        " OR m.id IN (SELECT member_id FROM meeting_attendance)"
    )
    rows = await db.fetchall(_DONE + where + " ORDER BY m.id", params)
    return [Done(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


# ------------------------------------------------------------------ meetings attended


async def said_they_would_come(db: Queries, member_id: int, since: date | None, now: str) -> int:
    """Meetings that have started to which the member replied "I'll be there" (their own
    record: only they see it)."""
    return int(
        await db.scalar(
            "SELECT COUNT(*) FROM rsvps r JOIN meetings mt ON mt.id = r.meeting_id"
            " WHERE r.member_id = ? AND r.answer = 'yes' AND mt.status = 'scheduled'"
            " AND mt.starts_at <= ? AND mt.starts_at >= ?",
            (member_id, now, since.isoformat() if since else ""),
        )
    )


async def meetings_held(
    db: Queries, *, organiser_id: int | None, after: str, until: str, limit: int
) -> list[int]:
    """Meetings that have started (newest first) whose attendance may be confirmed: the
    organiser's own, or any (organiser_id None: a coordinator)."""
    rows = await db.fetchall(
        "SELECT id FROM meetings WHERE status = 'scheduled' AND starts_at <= ? AND starts_at >= ?"
        " AND (? IS NULL OR organiser_id = ?) ORDER BY starts_at DESC LIMIT ?",
        (until, after, organiser_id, organiser_id, limit),
    )
    return [r[0] for r in rows]


async def attended(db: Queries, meeting_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?", (meeting_id,)
    )
    return {r[0] for r in rows}


async def set_attended(
    db: Queries, meeting_id: int, member_id: int, confirmed_by: int, present: bool
) -> None:
    if present:
        await db.execute(
            "INSERT INTO meeting_attendance (meeting_id, member_id, confirmed_by, confirmed_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (meeting_id, member_id, confirmed_by, to_db(utcnow())),
        )
    else:
        await db.execute(
            "DELETE FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?",
            (meeting_id, member_id),
        )
