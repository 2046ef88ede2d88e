"""Agenda suggestions: anonymous topics for a coming meeting, and one support per person.

A suggestion row holds no member, chat or message id and no time; its id is random. Supports
and the per-meeting limit are keyed hashes under the meeting's own secret (see
`bot.suggestions`), in WITHOUT ROWID tables, deleted when the meeting starts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Database, Queries, to_db, utcnow

_MAX_ID = 10**12  # random, and short enough for a button (at most 15 digits)


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    meeting_id: int
    language: Lang
    text: str
    supports: int  # raw: shown only through the counting rule
    on_agenda: bool


def _suggestion(r: aiosqlite.Row) -> Suggestion:
    return Suggestion(r[0], r[1], r[2], r[3], int(r[4]), r[5] is not None)


_COLUMNS = "id, meeting_id, language, text, supports, on_agenda_at"


async def add(
    db: Database, meeting_id: int, language: Lang, text: str, *, quota_tag: str, limit: int
) -> int | None:
    """Store a suggestion within the person's limit for the meeting; None if over it."""
    async with db.transaction() as tx:
        used = await tx.scalar(
            "SELECT used FROM agenda_quota WHERE meeting_id = ? AND tag = ?",
            (meeting_id, quota_tag),
        )
        if used is not None and int(used) >= limit:
            return None
        await tx.execute(
            "INSERT INTO agenda_quota (meeting_id, tag, used) VALUES (?, ?, 1)"
            " ON CONFLICT(meeting_id, tag) DO UPDATE SET used = used + 1",
            (meeting_id, quota_tag),
        )
        while True:  # a random id; on the (astronomically rare) clash, draw again
            suggestion_id = secrets.randbelow(_MAX_ID) + 1
            if await tx.execute_rowcount(
                "INSERT OR IGNORE INTO agenda_suggestions (id, meeting_id, language, text)"
                " VALUES (?, ?, ?, ?)",
                (suggestion_id, meeting_id, language, text),
            ):
                return suggestion_id


async def used(db: Queries, meeting_id: int, quota_tag: str) -> int:
    value = await db.scalar(
        "SELECT used FROM agenda_quota WHERE meeting_id = ? AND tag = ?", (meeting_id, quota_tag)
    )
    return int(value or 0)


async def get(db: Queries, suggestion_id: int) -> Suggestion | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM agenda_suggestions WHERE id = ?",  # noqa: S608  # our own columns
        (suggestion_id,),
    )
    return None if row is None else _suggestion(row)


async def of_meeting(db: Queries, meeting_id: int) -> list[Suggestion]:
    """In id order: random, so it says nothing about who came first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM agenda_suggestions WHERE meeting_id = ? ORDER BY id",  # noqa: S608  # our own columns
        (meeting_id,),
    )
    return [_suggestion(r) for r in rows]


async def ranked(db: Queries, meeting_id: int) -> list[Suggestion]:
    """Most supported first (for the organiser and representatives)."""
    return sorted(await of_meeting(db, meeting_id), key=lambda s: -s.supports)


async def on_agenda(db: Queries, meeting_id: int) -> list[Suggestion]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM agenda_suggestions WHERE meeting_id = ?"  # noqa: S608  # our own columns
        " AND on_agenda_at IS NOT NULL ORDER BY on_agenda_at, id",
        (meeting_id,),
    )
    return [_suggestion(r) for r in rows]


async def on_agenda_in(db: Queries, constituency_id: int, limit: int) -> list[Suggestion]:
    """Topics put on the agenda of a network's meetings, newest first (what an outcome may
    answer)."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM agenda_suggestions WHERE on_agenda_at IS NOT NULL"  # noqa: S608  # our own columns
        " AND meeting_id IN (SELECT meeting_id FROM meeting_networks WHERE constituency_id = ?)"
        " ORDER BY on_agenda_at DESC, id DESC LIMIT ?",
        (constituency_id, limit),
    )
    return [_suggestion(r) for r in rows]


async def support(db: Database, suggestion_id: int, tag: str) -> bool:
    """One support per tag; False if this person already supports it."""
    async with db.transaction() as tx:
        added = await tx.execute_rowcount(
            "INSERT OR IGNORE INTO agenda_supports (suggestion_id, tag) VALUES (?, ?)",
            (suggestion_id, tag),
        )
        if added:
            await tx.execute(
                "UPDATE agenda_suggestions SET supports = supports + 1 WHERE id = ?",
                (suggestion_id,),
            )
    return added > 0


async def supported(db: Queries, suggestion_ids: list[int], tag_of: dict[int, str]) -> set[int]:
    """Which of these the person (their tag per suggestion) already supports."""
    found: set[int] = set()
    for suggestion_id in suggestion_ids:
        if await db.scalar(
            "SELECT 1 FROM agenda_supports WHERE suggestion_id = ? AND tag = ?",
            (suggestion_id, tag_of[suggestion_id]),
        ):
            found.add(suggestion_id)
    return found


async def put_on_agenda(db: Queries, suggestion_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE agenda_suggestions SET on_agenda_at = ? WHERE id = ? AND on_agenda_at IS NULL",
        (to_db(utcnow()), suggestion_id),
    )
    return changed > 0


async def close(db: Database, meeting_id: int) -> None:
    """The meeting started or was cancelled: who supported what and who suggested how many
    go (their secret is destroyed too); the counts stay."""
    async with db.transaction() as tx:
        await tx.execute(
            "DELETE FROM agenda_supports WHERE suggestion_id IN"
            " (SELECT id FROM agenda_suggestions WHERE meeting_id = ?)",
            (meeting_id,),
        )
        await tx.execute("DELETE FROM agenda_quota WHERE meeting_id = ?", (meeting_id,))


async def forget_write_order(db: Database) -> None:
    """As for views: fold the write-ahead log in, so it keeps no record of what changed together."""
    await db.forget_history()
