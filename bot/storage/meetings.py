"""Meetings: drafts, the scheduled record, their networks and papers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Queries, from_db, to_db, utcnow

Status = Literal["draft", "scheduled", "cancelled"]
OrganiserRole = Literal["representative", "coordinator"]


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    organiser_id: int | None
    organiser_role: OrganiserRole
    status: Status
    title_cy: str
    title_en: str
    starts_at: datetime | None
    minutes: int
    place: str
    agenda_cy: str
    agenda_en: str
    offsets: tuple[int, ...]  # seconds before the start, largest first
    sequence: int
    papers_due_at: datetime | None
    wrapped_up_at: datetime | None
    network_ids: tuple[int, ...]

    def title(self, lang: Lang) -> str:
        return self.title_cy if lang == "cy" else self.title_en

    def agenda(self, lang: Lang) -> str:
        return self.agenda_cy if lang == "cy" else self.agenda_en


@dataclass(frozen=True, slots=True)
class Paper:
    id: int
    meeting_id: int
    file_id: str
    file_name: str
    added_at: datetime
    late: bool


def _when(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def _meeting(row: aiosqlite.Row, networks: tuple[int, ...]) -> Meeting:
    return Meeting(
        id=row["id"],
        organiser_id=row["organiser_id"],
        organiser_role=row["organiser_role"],
        status=row["status"],
        title_cy=row["title_cy"],
        title_en=row["title_en"],
        starts_at=_when(row["starts_at"]),
        minutes=row["minutes"],
        place=row["place"],
        agenda_cy=row["agenda_cy"],
        agenda_en=row["agenda_en"],
        offsets=tuple(json.loads(row["offsets"])),
        sequence=row["sequence"],
        papers_due_at=_when(row["papers_due_at"]),
        wrapped_up_at=_when(row["wrapped_up_at"]),
        network_ids=networks,
    )


async def _with_networks(db: Queries, rows: list[aiosqlite.Row]) -> list[Meeting]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    links = await db.fetchall(
        f"SELECT meeting_id, constituency_id FROM meeting_networks WHERE meeting_id IN ({marks})"  # noqa: S608  # placeholders only
        " ORDER BY constituency_id",
        ids,
    )
    networks: dict[int, list[int]] = {}
    for link in links:
        networks.setdefault(link[0], []).append(link[1])
    return [_meeting(r, tuple(networks.get(r["id"], []))) for r in rows]


async def create_draft(
    db: Queries, organiser_id: int, role: OrganiserRole, offsets: Iterable[int]
) -> int:
    return await db.execute(
        "INSERT INTO meetings (organiser_id, organiser_role, offsets, created_at)"
        " VALUES (?, ?, ?, ?)",
        (organiser_id, role, json.dumps(sorted(set(offsets), reverse=True)), to_db(utcnow())),
    )


async def get(db: Queries, meeting_id: int) -> Meeting | None:
    row = await db.fetchone("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
    if row is None:
        return None
    return (await _with_networks(db, [row]))[0]


async def set_networks(db: Queries, meeting_id: int, network_ids: Iterable[int]) -> None:
    await db.execute("DELETE FROM meeting_networks WHERE meeting_id = ?", (meeting_id,))
    await db.executemany(
        "INSERT INTO meeting_networks (meeting_id, constituency_id) VALUES (?, ?)",
        [(meeting_id, n) for n in sorted(set(network_ids))],
    )


Field = Literal[
    "title_cy", "title_en", "starts_at", "minutes", "place", "agenda_cy", "agenda_en", "offsets"
]


async def set_field(db: Queries, meeting_id: int, field: Field, value: str | int | None) -> None:
    """Change one detail (a draft's, or a scheduled meeting's before its change notice)."""
    await db.execute(f"UPDATE meetings SET {field} = ? WHERE id = ?", (value, meeting_id))  # noqa: S608  # a Literal column name


async def set_start(db: Queries, meeting_id: int, starts_at: datetime) -> None:
    await set_field(db, meeting_id, "starts_at", to_db(starts_at))


async def set_offsets(db: Queries, meeting_id: int, offsets: Iterable[int]) -> None:
    await set_field(db, meeting_id, "offsets", json.dumps(sorted(set(offsets), reverse=True)))


async def schedule(db: Queries, meeting_id: int) -> bool:
    """A draft becomes a meeting; False if it was not a draft (a second press)."""
    changed = await db.execute_rowcount(
        "UPDATE meetings SET status = 'scheduled', scheduled_at = ?"
        " WHERE id = ? AND status = 'draft'",
        (to_db(utcnow()), meeting_id),
    )
    return changed > 0


async def changed(db: Queries, meeting_id: int) -> None:
    """A scheduled meeting changed: calendar apps must replace the entry they have."""
    await db.execute("UPDATE meetings SET sequence = sequence + 1 WHERE id = ?", (meeting_id,))


async def cancel(db: Queries, meeting_id: int) -> bool:
    """Cancel a scheduled meeting (or drop a draft); False if already cancelled."""
    changed = await db.execute_rowcount(
        "UPDATE meetings SET status = 'cancelled', cancelled_at = ?, sequence = sequence + 1"
        " WHERE id = ? AND status != 'cancelled'",
        (to_db(utcnow()), meeting_id),
    )
    return changed > 0


async def live(db: Queries) -> list[Meeting]:
    """Scheduled meetings whose start has not yet been dealt with (the reminder runner's)."""
    rows = await db.fetchall(
        "SELECT * FROM meetings WHERE status = 'scheduled' AND wrapped_up_at IS NULL"
        " ORDER BY starts_at"
    )
    return await _with_networks(db, rows)


async def upcoming(
    db: Queries, now: datetime, network_ids: Iterable[int] | None = None
) -> list[Meeting]:
    """Scheduled meetings not yet started, soonest first; of these networks if given."""
    rows = await db.fetchall(
        "SELECT * FROM meetings WHERE status = 'scheduled' AND starts_at > ? ORDER BY starts_at",
        (to_db(now),),
    )
    found = await _with_networks(db, rows)
    if network_ids is None:
        return found
    wanted = set(network_ids)
    return [m for m in found if wanted & set(m.network_ids)]


async def of_member(db: Queries, member_id: int, now: datetime) -> list[Meeting]:
    """Upcoming meetings of the networks the member belongs to (not archived ones)."""
    rows = await db.fetchall(
        "SELECT constituency_id FROM memberships ms JOIN constituencies c"
        " ON c.id = ms.constituency_id WHERE ms.member_id = ? AND c.archived_at IS NULL",
        (member_id,),
    )
    return await upcoming(db, now, [r[0] for r in rows])


async def mark_papers_due(db: Queries, meeting_id: int, at: datetime) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE meetings SET papers_due_at = ? WHERE id = ? AND papers_due_at IS NULL",
        (to_db(at), meeting_id),
    )
    return changed > 0


async def mark_wrapped_up(db: Queries, meeting_id: int, at: datetime) -> None:
    await db.execute(
        "UPDATE meetings SET wrapped_up_at = ? WHERE id = ? AND wrapped_up_at IS NULL",
        (to_db(at), meeting_id),
    )


async def purge_drafts(db: Queries, before: datetime) -> int:
    """Drafts nobody finished: gone after a week."""
    return await db.execute_rowcount(
        "DELETE FROM meetings WHERE status = 'draft' AND created_at < ?", (to_db(before),)
    )


# ------------------------------------------------------------------ papers


async def add_paper(
    db: Queries, meeting_id: int, file_id: str, file_name: str, *, late: bool
) -> int:
    return await db.execute(
        "INSERT INTO meeting_papers (meeting_id, file_id, file_name, added_at, late)"
        " VALUES (?, ?, ?, ?, ?)",
        (meeting_id, file_id, file_name, to_db(utcnow()), int(late)),
    )


async def papers(db: Queries, meeting_id: int) -> list[Paper]:
    rows = await db.fetchall(
        "SELECT * FROM meeting_papers WHERE meeting_id = ? ORDER BY id", (meeting_id,)
    )
    return [
        Paper(r["id"], r["meeting_id"], r["file_id"], r["file_name"], from_db(r["added_at"]),
              bool(r["late"]))
        for r in rows
    ]  # fmt: skip


async def paper_counts(db: Queries, meeting_ids: Iterable[int]) -> dict[int, int]:
    ids = list(meeting_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.fetchall(
        f"SELECT meeting_id, COUNT(*) FROM meeting_papers WHERE meeting_id IN ({marks})"  # noqa: S608  # placeholders only
        " GROUP BY meeting_id",
        ids,
    )
    return {r[0]: r[1] for r in rows}
