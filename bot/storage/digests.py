"""When each constituency's digest goes out, and the group chats that receive it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.i18n import Lang
from bot.storage.db import Queries, to_db, utcnow

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True, slots=True)
class Schedule:
    constituency_id: int
    weekday: int  # 0 = Monday
    at: time  # local time, settings.timezone
    last_sent_on: date | None  # the day the last scheduled digest went: the first day not yet
    # delivered (`bot.domain.periods`); None before the network's first one
    last_from: date | None = None  # the first day of that digest's period

    @property
    def open_from(self) -> date | None:
        return self.last_sent_on


@dataclass(frozen=True, slots=True)
class GroupLink:
    chat_id: int
    constituency_id: int
    language: Lang


async def schedules(db: Queries) -> list[Schedule]:
    """Every live constituency's schedule, the default where none was set."""
    rows = await db.fetchall(
        "SELECT c.id, s.weekday, s.at_time, s.last_sent_on, s.last_from FROM constituencies c"
        " LEFT JOIN digest_schedules s ON s.constituency_id = c.id"
        " WHERE c.archived_at IS NULL ORDER BY c.id"
    )
    return [_schedule(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def schedule(db: Queries, constituency_id: int) -> Schedule:
    row = await db.fetchone(
        "SELECT weekday, at_time, last_sent_on, last_from FROM digest_schedules"
        " WHERE constituency_id = ?",
        (constituency_id,),
    )
    if row is None:
        return _schedule(constituency_id, None, None, None, None)
    return _schedule(constituency_id, row[0], row[1], row[2], row[3])


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _schedule(
    cid: int, weekday: int | None, at: str | None, last: str | None, last_from: str | None
) -> Schedule:
    return Schedule(
        cid,
        DEFAULT_WEEKDAY if weekday is None else weekday,
        DEFAULT_TIME if at is None else time.fromisoformat(at),
        _day(last),
        _day(last_from),
    )


async def set_schedule(db: Queries, constituency_id: int, weekday: int, at: time) -> None:
    await db.execute(
        "INSERT INTO digest_schedules (constituency_id, weekday, at_time) VALUES (?, ?, ?)"
        " ON CONFLICT(constituency_id) DO UPDATE SET weekday = excluded.weekday,"
        " at_time = excluded.at_time",
        (constituency_id, weekday, at.strftime("%H:%M")),
    )


async def pin_open_period(db: Queries, constituency_id: int, first: date) -> None:
    """Before a network's first scheduled digest, fix the day its first period begins (when
    the schedule changes, so the views already counted stay in one period)."""
    await db.execute(
        "INSERT INTO digest_schedules (constituency_id, last_sent_on) VALUES (?, ?)"
        " ON CONFLICT(constituency_id) DO UPDATE SET last_sent_on = excluded.last_sent_on"
        " WHERE last_sent_on IS NULL",
        (constituency_id, first.isoformat()),
    )


async def mark_sent(db: Queries, constituency_id: int, day: date, first: date) -> None:
    """The digest of `first` to the day before `day` has gone (or had nothing to send)."""
    await db.execute(
        "INSERT INTO digest_schedules (constituency_id, last_sent_on, last_from) VALUES (?, ?, ?)"
        " ON CONFLICT(constituency_id) DO UPDATE SET last_sent_on = excluded.last_sent_on,"
        " last_from = excluded.last_from",
        (constituency_id, day.isoformat(), first.isoformat()),
    )


async def link_group(db: Queries, chat_id: int, constituency_id: int, language: Lang) -> bool:
    """Link a group to a constituency; False if it already was."""
    changed = await db.execute_rowcount(
        "INSERT INTO digest_groups (chat_id, constituency_id, language, linked_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (chat_id, constituency_id, language, to_db(utcnow())),
    )
    return changed > 0


async def unlink_group(db: Queries, chat_id: int, constituency_id: int) -> bool:
    changed = await db.execute_rowcount(
        "DELETE FROM digest_groups WHERE chat_id = ? AND constituency_id = ?",
        (chat_id, constituency_id),
    )
    return changed > 0


async def groups_of(db: Queries, constituency_id: int) -> list[GroupLink]:
    rows = await db.fetchall(
        "SELECT chat_id, constituency_id, language FROM digest_groups WHERE constituency_id = ?"
        " ORDER BY chat_id",
        (constituency_id,),
    )
    return [GroupLink(r[0], r[1], r[2]) for r in rows]


async def links_of_chat(db: Queries, chat_id: int) -> set[int]:
    rows = await db.fetchall(
        "SELECT constituency_id FROM digest_groups WHERE chat_id = ?", (chat_id,)
    )
    return {r[0] for r in rows}
