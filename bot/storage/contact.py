"""Conversations between members and representatives, and reports of abuse (see 0032)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import aiosqlite

from bot.storage.db import Queries, from_db, to_db, utcnow

EndedBy = Literal["member", "representative", "expired", "reported", "gone"]
ReportStatus = Literal["open", "blocked", "dismissed", "lifted", "ended"]
_MAX_ID = 10**15  # random ids fit a button's number field (15 digits)


@dataclass(frozen=True, slots=True)
class Thread:
    id: int
    constituency_id: int
    rep_id: int | None
    named: bool
    member_id: int | None  # named threads only, while open
    sealed: str | None  # anonymous threads only, while open
    opened_on: date
    expires_at: datetime
    ended_at: datetime | None
    ended_by: EndedBy | None

    @property
    def open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True, slots=True)
class Report:
    id: int
    constituency_id: int
    reported_by: int | None
    note: str
    sender_tag: str | None
    status: ReportStatus
    reported_on: date
    decide_by: datetime
    decided_by: int | None
    blocked_until: datetime | None


def _thread(row: aiosqlite.Row) -> Thread:
    return Thread(
        id=row["id"],
        constituency_id=row["constituency_id"],
        rep_id=row["rep_id"],
        named=bool(row["named"]),
        member_id=row["member_id"],
        sealed=row["sealed"],
        opened_on=date.fromisoformat(row["opened_on"]),
        expires_at=from_db(row["expires_at"]),
        ended_at=from_db(row["ended_at"]) if row["ended_at"] else None,
        ended_by=row["ended_by"],
    )


def _report(row: aiosqlite.Row) -> Report:
    return Report(
        id=row["id"],
        constituency_id=row["constituency_id"],
        reported_by=row["reported_by"],
        note=row["note"],
        sender_tag=row["sender_tag"],
        status=row["status"],
        reported_on=date.fromisoformat(row["reported_on"]),
        decide_by=from_db(row["decide_by"]),
        decided_by=row["decided_by"],
        blocked_until=from_db(row["blocked_until"]) if row["blocked_until"] else None,
    )


# ------------------------------------------------------------------ threads


async def new_thread_id(db: Queries) -> int:
    """A random id not in use (drawn before the secret it names is made)."""
    while True:
        candidate = secrets.randbelow(_MAX_ID - 1) + 1
        if await db.scalar("SELECT 1 FROM contact_threads WHERE id = ?", (candidate,)) is None:
            return candidate


async def open_thread(
    db: Queries,
    thread_id: int,
    *,
    constituency_id: int,
    rep_id: int,
    member_id: int | None,
    sealed: str | None,
    opened_on: date,
    expires_at: datetime,
) -> None:
    await db.execute(
        "INSERT INTO contact_threads (id, constituency_id, rep_id, named, member_id, sealed,"
        " opened_on, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            thread_id,
            constituency_id,
            rep_id,
            int(member_id is not None),
            member_id,
            sealed,
            opened_on.isoformat(),
            to_db(expires_at),
        ),
    )


async def get_thread(db: Queries, thread_id: int) -> Thread | None:
    row = await db.fetchone("SELECT * FROM contact_threads WHERE id = ?", (thread_id,))
    return None if row is None else _thread(row)


async def end_thread(db: Queries, thread_id: int, by: EndedBy) -> bool:
    """Close an open thread and forget who the member was; False if it was closed already."""
    changed = await db.execute_rowcount(
        "UPDATE contact_threads SET ended_at = ?, ended_by = ?, member_id = NULL, sealed = NULL"
        " WHERE id = ? AND ended_at IS NULL",
        (to_db(utcnow()), by, thread_id),
    )
    return changed > 0


async def expired_threads(db: Queries, now: datetime) -> list[Thread]:
    rows = await db.fetchall(
        "SELECT * FROM contact_threads WHERE ended_at IS NULL AND expires_at <= ?", (to_db(now),)
    )
    return [_thread(r) for r in rows]


async def open_threads(db: Queries) -> list[Thread]:
    rows = await db.fetchall("SELECT * FROM contact_threads WHERE ended_at IS NULL")
    return [_thread(r) for r in rows]


async def gone_threads(db: Queries) -> list[Thread]:
    """Open threads whose representative, or named member, has left (/forget)."""
    rows = await db.fetchall(
        "SELECT * FROM contact_threads WHERE ended_at IS NULL"
        " AND (rep_id IS NULL OR (named = 1 AND member_id IS NULL))"
    )
    return [_thread(r) for r in rows]


async def members_by_telegram_id(
    db: Queries, telegram_ids: set[int]
) -> dict[int, tuple[int, int, date]]:
    """Telegram id -> (member id, Telegram id, day joined) for those who are members now."""
    found: dict[int, tuple[int, int, date]] = {}
    wanted = sorted(telegram_ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = await db.fetchall(
            f"SELECT id, telegram_id, created_at FROM members WHERE telegram_id IN ({marks})",  # noqa: S608  # only "?" placeholders are joined in
            chunk,
        )
        for row in rows:
            found[row["telegram_id"]] = (
                row["id"],
                row["telegram_id"],
                from_db(row["created_at"]).date(),
            )
    return found


# ------------------------------------------------------------------ reports and blocks


async def add_report(
    db: Queries,
    *,
    constituency_id: int,
    reported_by: int,
    note: str,
    sender_tag: str,
    reported_on: date,
    decide_by: datetime,
) -> int:
    return await db.execute(
        "INSERT INTO contact_reports (constituency_id, reported_by, note, sender_tag,"
        " reported_on, decide_by) VALUES (?, ?, ?, ?, ?, ?)",
        (constituency_id, reported_by, note, sender_tag, reported_on.isoformat(), to_db(decide_by)),
    )


async def get_report(db: Queries, report_id: int) -> Report | None:
    row = await db.fetchone("SELECT * FROM contact_reports WHERE id = ?", (report_id,))
    return None if row is None else _report(row)


async def reports(db: Queries, statuses: tuple[ReportStatus, ...]) -> list[Report]:
    marks = ",".join("?" * len(statuses))
    rows = await db.fetchall(
        f"SELECT * FROM contact_reports WHERE status IN ({marks}) ORDER BY id",  # noqa: S608  # only "?" placeholders are joined in
        statuses,
    )
    return [_report(r) for r in rows]


async def decide(
    db: Queries,
    report_id: int,
    *,
    status: ReportStatus,
    by: int | None,
    blocked_until: datetime | None = None,
    expected: tuple[ReportStatus, ...] = ("open",),
) -> bool:
    """Move a report on from one of `expected`; a decision that ends it drops the tag."""
    keep_tag = status == "blocked"
    marks = ",".join("?" * len(expected))
    changed = await db.execute_rowcount(
        "UPDATE contact_reports SET status = ?, decided_by = COALESCE(?, decided_by),"  # noqa: S608  # only "?" placeholders are joined in
        " decided_at = ?, blocked_until = COALESCE(?, blocked_until),"
        " sender_tag = CASE WHEN ? THEN sender_tag ELSE NULL END"
        f" WHERE id = ? AND status IN ({marks})",
        (
            status,
            by,
            to_db(utcnow()),
            to_db(blocked_until) if blocked_until else None,
            int(keep_tag),
            report_id,
            *expected,
        ),
    )
    return changed > 0


async def undecided_past(db: Queries, now: datetime) -> list[Report]:
    rows = await db.fetchall(
        "SELECT * FROM contact_reports WHERE status = 'open' AND decide_by <= ?", (to_db(now),)
    )
    return [_report(r) for r in rows]


async def blocks_ended(db: Queries, now: datetime) -> list[Report]:
    rows = await db.fetchall(
        "SELECT * FROM contact_reports WHERE status = 'blocked' AND blocked_until <= ?",
        (to_db(now),),
    )
    return [_report(r) for r in rows]
