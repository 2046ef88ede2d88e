"""Polls: drafts being written (so they survive a restart) and the record of each poll.

The record (author, networks, question, options, times and, once closed, the counts) is
kept for good: outcomes ("You said, we did") link to it. The anonymous answers while a
poll is open are in `bot.storage.poll_answers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Queries, from_db, to_db, utcnow

Kind = Literal["single", "multiple", "open"]
Status = Literal["draft", "open", "closed", "cancelled"]
KINDS: tuple[Kind, ...] = ("single", "multiple", "open")


@dataclass(frozen=True, slots=True)
class Option:
    position: int
    label_cy: str
    label_en: str
    votes: int | None  # None until the poll closes

    def label(self, lang: Lang) -> str:
        return self.label_cy if lang == "cy" else self.label_en


@dataclass(frozen=True, slots=True)
class Poll:
    id: int
    author_id: int | None
    author_role: Literal["representative", "coordinator"]
    status: Status
    kind: Kind | None
    question_cy: str
    question_en: str
    closes_at: datetime | None
    remind: bool
    share: bool
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    closed_early: bool
    reminded_at: datetime | None
    results_at: datetime | None
    electorate: int
    answered: int | None
    networks: tuple[int, ...]
    options: tuple[Option, ...]

    def question(self, lang: Lang) -> str:
        return self.question_cy if lang == "cy" else self.question_en

    @property
    def scope(self) -> str:
        """The name of the poll's own secret (`poll:12`)."""
        return f"poll:{self.id}"


def _when(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def _poll(row: aiosqlite.Row, networks: tuple[int, ...], options: tuple[Option, ...]) -> Poll:
    return Poll(
        id=row["id"],
        author_id=row["author_id"],
        author_role=row["author_role"],
        status=row["status"],
        kind=row["kind"],
        question_cy=row["question_cy"],
        question_en=row["question_en"],
        closes_at=_when(row["closes_at"]),
        remind=bool(row["remind"]),
        share=bool(row["share"]),
        created_at=from_db(row["created_at"]),
        opened_at=_when(row["opened_at"]),
        closed_at=_when(row["closed_at"]),
        closed_early=bool(row["closed_early"]),
        reminded_at=_when(row["reminded_at"]),
        results_at=_when(row["results_at"]),
        electorate=row["electorate"],
        answered=row["answered"],
        networks=networks,
        options=options,
    )


async def create_draft(
    db: Queries, author_id: int, author_role: Literal["representative", "coordinator"]
) -> int:
    """A new draft; the author's earlier unfinished drafts are cancelled."""
    await db.execute(
        "UPDATE polls SET status = 'cancelled' WHERE author_id = ? AND status = 'draft'",
        (author_id,),
    )
    return await db.execute(
        "INSERT INTO polls (author_id, author_role, created_at) VALUES (?, ?, ?)",
        (author_id, author_role, to_db(utcnow())),
    )


async def get(db: Queries, poll_id: int) -> Poll | None:
    row = await db.fetchone("SELECT * FROM polls WHERE id = ?", (poll_id,))
    if row is None:
        return None
    networks = await db.fetchall(
        "SELECT constituency_id FROM poll_networks WHERE poll_id = ? ORDER BY constituency_id",
        (poll_id,),
    )
    options = await db.fetchall(
        "SELECT position, label_cy, label_en, votes FROM poll_options WHERE poll_id = ?"
        " ORDER BY position",
        (poll_id,),
    )
    return _poll(
        row,
        tuple(r[0] for r in networks),
        tuple(Option(r[0], r[1], r[2], r[3]) for r in options),
    )


async def _many(db: Queries, where: str, params: Sequence[object]) -> list[Poll]:
    rows = await db.fetchall(f"SELECT id FROM polls WHERE {where} ORDER BY id DESC", params)  # noqa: S608  # `where` is one of this module's literals
    found = [await get(db, r[0]) for r in rows]
    return [p for p in found if p is not None]


async def _draft_update(
    db: Queries, poll_id: int, assignments: str, params: Sequence[object]
) -> None:
    await db.execute(
        f"UPDATE polls SET {assignments} WHERE id = ? AND status = 'draft'",  # noqa: S608  # assignments are this module's literals
        (*params, poll_id),
    )


async def set_networks(db: Queries, poll_id: int, constituency_ids: Sequence[int]) -> None:
    await db.execute("DELETE FROM poll_networks WHERE poll_id = ?", (poll_id,))
    await db.executemany(
        "INSERT INTO poll_networks (poll_id, constituency_id) VALUES (?, ?)",
        [(poll_id, cid) for cid in sorted(set(constituency_ids))],
    )


async def set_question(db: Queries, poll_id: int, lang: Lang, text: str) -> None:
    column = "question_cy" if lang == "cy" else "question_en"
    await _draft_update(db, poll_id, f"{column} = ?", (text,))


async def set_kind(db: Queries, poll_id: int, kind: Kind) -> None:
    await _draft_update(db, poll_id, "kind = ?", (kind,))
    if kind == "open":
        await db.execute("DELETE FROM poll_options WHERE poll_id = ?", (poll_id,))


async def set_options(db: Queries, poll_id: int, lang: Lang, labels: Sequence[str]) -> None:
    """The Welsh labels make the options afresh; the English ones fill them in by position."""
    if lang == "cy":
        await db.execute("DELETE FROM poll_options WHERE poll_id = ?", (poll_id,))
        await db.executemany(
            "INSERT INTO poll_options (poll_id, position, label_cy, label_en) VALUES (?, ?, ?, '')",
            [(poll_id, n, label) for n, label in enumerate(labels)],
        )
        return
    await db.executemany(
        "UPDATE poll_options SET label_en = ? WHERE poll_id = ? AND position = ?",
        [(label, poll_id, n) for n, label in enumerate(labels)],
    )


async def set_closing(db: Queries, poll_id: int, closes_at: datetime) -> None:
    await _draft_update(db, poll_id, "closes_at = ?", (to_db(closes_at),))


async def set_remind(db: Queries, poll_id: int, remind: bool) -> None:
    await _draft_update(db, poll_id, "remind = ?", (int(remind),))


async def set_share(db: Queries, poll_id: int, share: bool) -> None:
    await _draft_update(db, poll_id, "share = ?", (int(share),))


async def cancel(db: Queries, poll_id: int) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE polls SET status = 'cancelled' WHERE id = ? AND status = 'draft'", (poll_id,)
    )
    return changed > 0


async def delete_unsent(db: Queries, author_id: int) -> int:
    """The author's drafts and cancelled drafts: never asked of anyone (for /forget)."""
    return await db.execute_rowcount(
        "DELETE FROM polls WHERE author_id = ? AND status IN ('draft', 'cancelled')",
        (author_id,),
    )


async def mark_open(db: Queries, poll_id: int, electorate: int) -> bool:
    """Draft to open, once: False if it was not a draft any more (a second press)."""
    changed = await db.execute_rowcount(
        "UPDATE polls SET status = 'open', opened_at = ?, electorate = ?"
        " WHERE id = ? AND status = 'draft'",
        (to_db(utcnow()), electorate, poll_id),
    )
    return changed > 0


async def mark_closed(
    db: Queries, poll_id: int, at: datetime, *, early: bool, answered: int
) -> bool:
    """Open to closed, once: False if it had closed already."""
    changed = await db.execute_rowcount(
        "UPDATE polls SET status = 'closed', closed_at = ?, closed_early = ?, answered = ?"
        " WHERE id = ? AND status = 'open'",
        (to_db(at), int(early), answered, poll_id),
    )
    return changed > 0


async def set_votes(db: Queries, poll_id: int, votes: dict[int, int]) -> None:
    await db.executemany(
        "UPDATE poll_options SET votes = ? WHERE poll_id = ? AND position = ?",
        [(n, poll_id, position) for position, n in votes.items()],
    )


async def mark_reminded(db: Queries, poll_id: int, at: datetime) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE polls SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL",
        (to_db(at), poll_id),
    )
    return changed > 0


async def mark_results(db: Queries, poll_id: int, at: datetime) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE polls SET results_at = ? WHERE id = ? AND results_at IS NULL", (to_db(at), poll_id)
    )
    return changed > 0


async def due_to_close(db: Queries, now: datetime) -> list[int]:
    rows = await db.fetchall(
        "SELECT id FROM polls WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at",
        (to_db(now),),
    )
    return [r[0] for r in rows]


async def due_to_remind(db: Queries, remind_from: datetime, now: datetime) -> list[int]:
    """Open polls with a reminder not yet sent that close before `remind_from` (now + 24 h)."""
    rows = await db.fetchall(
        "SELECT id FROM polls WHERE status = 'open' AND remind = 1 AND reminded_at IS NULL"
        " AND closes_at <= ? AND closes_at > ?",
        (to_db(remind_from), to_db(now)),
    )
    return [r[0] for r in rows]


async def results_due(db: Queries) -> list[int]:
    rows = await db.fetchall(
        "SELECT id FROM polls WHERE status = 'closed' AND results_at IS NULL ORDER BY id"
    )
    return [r[0] for r in rows]


async def open_polls(db: Queries) -> list[Poll]:
    return await _many(db, "status = 'open'", ())


async def open_in(db: Queries, constituency_ids: Sequence[int]) -> list[Poll]:
    """Open polls asking any of these networks."""
    if not constituency_ids:
        return []
    marks = ",".join("?" * len(constituency_ids))
    where = (
        "status = 'open' AND id IN (SELECT poll_id FROM poll_networks"  # noqa: S608  # only "?" placeholders
        f" WHERE constituency_id IN ({marks}))"
    )
    return await _many(db, where, list(constituency_ids))


async def closed_in(db: Queries, constituency_id: int, limit: int) -> list[Poll]:
    """A network's closed polls, newest first (what an outcome may answer)."""
    rows = await db.fetchall(
        "SELECT id FROM polls WHERE status = 'closed' AND id IN"
        " (SELECT poll_id FROM poll_networks WHERE constituency_id = ?)"
        " ORDER BY closed_at DESC, id DESC LIMIT ?",
        (constituency_id, limit),
    )
    found = [await get(db, r[0]) for r in rows]
    return [p for p in found if p is not None]


async def recent(db: Queries, limit: int = 50) -> list[Poll]:
    """Open and closed polls, newest first."""
    return (await _many(db, "status IN ('open', 'closed')", ()))[:limit]
