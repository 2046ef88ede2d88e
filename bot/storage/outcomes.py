"""Outcomes ("You said, we did") and their progress updates: drafts, records, reviews due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import aiosqlite

from bot.i18n import Lang
from bot.storage.db import Queries, from_db, to_db, utcnow

Field = Literal["said_cy", "said_en", "did_cy", "did_en"]
FIELDS: tuple[Field, ...] = ("said_cy", "said_en", "did_cy", "did_en")


@dataclass(frozen=True, slots=True)
class Outcome:
    id: int
    constituency_id: int
    author_id: int | None
    status: Literal["draft", "recorded"]
    topic_id: int | None
    poll_id: int | None
    suggestion_id: int | None
    said_cy: str
    said_en: str
    did_cy: str
    did_en: str
    review_on: date | None
    reminded_on: date | None
    batch_id: int | None
    created_at: datetime
    recorded_at: datetime | None

    def said(self, lang: Lang) -> str:
        return self.said_cy if lang == "cy" else self.said_en

    def did(self, lang: Lang) -> str:
        return self.did_cy if lang == "cy" else self.did_en

    def text(self, field: Field) -> str:
        return str(getattr(self, field))


@dataclass(frozen=True, slots=True)
class Progress:
    id: int
    outcome_id: int
    author_id: int | None
    status: Literal["draft", "added"]
    text_cy: str
    text_en: str
    batch_id: int | None
    added_at: datetime | None

    def text(self, lang: Lang) -> str:
        return self.text_cy if lang == "cy" else self.text_en


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _outcome(row: aiosqlite.Row) -> Outcome:
    return Outcome(
        id=row["id"],
        constituency_id=row["constituency_id"],
        author_id=row["author_id"],
        status=row["status"],
        topic_id=row["topic_id"],
        poll_id=row["poll_id"],
        suggestion_id=row["suggestion_id"],
        said_cy=row["said_cy"],
        said_en=row["said_en"],
        did_cy=row["did_cy"],
        did_en=row["did_en"],
        review_on=_day(row["review_on"]),
        reminded_on=_day(row["reminded_on"]),
        batch_id=row["batch_id"],
        created_at=from_db(row["created_at"]),
        recorded_at=from_db(row["recorded_at"]) if row["recorded_at"] else None,
    )


def _progress(row: aiosqlite.Row) -> Progress:
    return Progress(
        id=row["id"],
        outcome_id=row["outcome_id"],
        author_id=row["author_id"],
        status=row["status"],
        text_cy=row["text_cy"],
        text_en=row["text_en"],
        batch_id=row["batch_id"],
        added_at=from_db(row["added_at"]) if row["added_at"] else None,
    )


# ------------------------------------------------------------------ outcomes


async def create_draft(db: Queries, author_id: int, constituency_id: int) -> int:
    """A new draft; the author's earlier unfinished drafts are deleted (nobody else saw them)."""
    await db.execute("DELETE FROM outcomes WHERE author_id = ? AND status = 'draft'", (author_id,))
    return await db.execute(
        "INSERT INTO outcomes (constituency_id, author_id, created_at) VALUES (?, ?, ?)",
        (constituency_id, author_id, to_db(utcnow())),
    )


async def get(db: Queries, outcome_id: int) -> Outcome | None:
    row = await db.fetchone("SELECT * FROM outcomes WHERE id = ?", (outcome_id,))
    return None if row is None else _outcome(row)


async def set_link(
    db: Queries,
    outcome_id: int,
    *,
    topic_id: int | None = None,
    poll_id: int | None = None,
    suggestion_id: int | None = None,
) -> None:
    """What a draft answers: a topic, a closed poll, a topic put on a meeting's agenda, or
    (all None) nothing in particular."""
    await db.execute(
        "UPDATE outcomes SET topic_id = ?, poll_id = ?, suggestion_id = ?"
        " WHERE id = ? AND status = 'draft'",
        (topic_id, poll_id, suggestion_id, outcome_id),
    )


async def set_text(db: Queries, outcome_id: int, field: Field, text: str) -> None:
    assert field in FIELDS
    await db.execute(
        f"UPDATE outcomes SET {field} = ? WHERE id = ? AND status = 'draft'",  # noqa: S608  # field is one of four literals
        (text, outcome_id),
    )


async def set_review(db: Queries, outcome_id: int, review_on: date | None) -> None:
    """The day to remind the author (a draft or a recorded outcome); None for no reminder."""
    await db.execute(
        "UPDATE outcomes SET review_on = ?, reminded_on = NULL WHERE id = ?",
        (review_on.isoformat() if review_on else None, outcome_id),
    )


async def discard_draft(db: Queries, outcome_id: int) -> bool:
    changed = await db.execute_rowcount(
        "DELETE FROM outcomes WHERE id = ? AND status = 'draft'", (outcome_id,)
    )
    return changed > 0


async def mark_recorded(db: Queries, outcome_id: int, batch_id: int | None) -> bool:
    """Draft to recorded, once: False if it was not a draft any more (a second press)."""
    changed = await db.execute_rowcount(
        "UPDATE outcomes SET status = 'recorded', batch_id = ?, recorded_at = ?"
        " WHERE id = ? AND status = 'draft'",
        (batch_id, to_db(utcnow()), outcome_id),
    )
    return changed > 0


async def recorded_in(
    db: Queries, constituency_id: int, *, limit: int, offset: int = 0
) -> list[Outcome]:
    """A network's recorded outcomes, newest first."""
    rows = await db.fetchall(
        "SELECT * FROM outcomes WHERE constituency_id = ? AND status = 'recorded'"
        " ORDER BY recorded_at DESC, id DESC LIMIT ? OFFSET ?",
        (constituency_id, limit, offset),
    )
    return [_outcome(r) for r in rows]


async def count_recorded(db: Queries, constituency_id: int) -> int:
    return int(
        await db.scalar(
            "SELECT COUNT(*) FROM outcomes WHERE constituency_id = ? AND status = 'recorded'",
            (constituency_id,),
        )
    )


async def due_for_review(db: Queries, up_to: date) -> list[Outcome]:
    """Recorded outcomes whose review day has come and not been reminded yet."""
    rows = await db.fetchall(
        "SELECT * FROM outcomes WHERE status = 'recorded' AND review_on IS NOT NULL"
        " AND review_on <= ? AND (reminded_on IS NULL OR reminded_on != review_on) ORDER BY id",
        (up_to.isoformat(),),
    )
    return [_outcome(r) for r in rows]


async def mark_reminded(db: Queries, outcome_id: int, review_on: date) -> bool:
    """Once per review day: False if it was reminded already, or its review day changed."""
    changed = await db.execute_rowcount(
        "UPDATE outcomes SET reminded_on = review_on WHERE id = ? AND review_on = ?"
        " AND (reminded_on IS NULL OR reminded_on != review_on)",
        (outcome_id, review_on.isoformat()),
    )
    return changed > 0


# ------------------------------------------------------------------ progress updates


async def create_progress(db: Queries, outcome_id: int, author_id: int) -> int:
    """A new progress update draft; the author's unfinished ones are deleted."""
    await db.execute(
        "DELETE FROM outcome_updates WHERE author_id = ? AND status = 'draft'", (author_id,)
    )
    return await db.execute(
        "INSERT INTO outcome_updates (outcome_id, author_id, created_at) VALUES (?, ?, ?)",
        (outcome_id, author_id, to_db(utcnow())),
    )


async def get_progress(db: Queries, update_id: int) -> Progress | None:
    row = await db.fetchone("SELECT * FROM outcome_updates WHERE id = ?", (update_id,))
    return None if row is None else _progress(row)


async def set_progress_text(db: Queries, update_id: int, lang: Lang, text: str) -> None:
    column = "text_cy" if lang == "cy" else "text_en"
    await db.execute(
        f"UPDATE outcome_updates SET {column} = ? WHERE id = ? AND status = 'draft'",  # noqa: S608  # column is one of two literals
        (text, update_id),
    )


async def discard_progress(db: Queries, update_id: int) -> bool:
    changed = await db.execute_rowcount(
        "DELETE FROM outcome_updates WHERE id = ? AND status = 'draft'", (update_id,)
    )
    return changed > 0


async def mark_added(db: Queries, update_id: int, batch_id: int | None) -> bool:
    changed = await db.execute_rowcount(
        "UPDATE outcome_updates SET status = 'added', batch_id = ?, added_at = ?"
        " WHERE id = ? AND status = 'draft'",
        (batch_id, to_db(utcnow()), update_id),
    )
    return changed > 0


async def history(db: Queries, outcome_ids: list[int]) -> dict[int, list[Progress]]:
    """Each outcome's added updates, oldest first."""
    found: dict[int, list[Progress]] = {i: [] for i in outcome_ids}
    if not outcome_ids:
        return found
    marks = ",".join("?" * len(outcome_ids))
    rows = await db.fetchall(
        f"SELECT * FROM outcome_updates WHERE status = 'added' AND outcome_id IN ({marks})"  # noqa: S608  # only "?" placeholders are joined in
        " ORDER BY added_at, id",
        outcome_ids,
    )
    for row in rows:
        found[row["outcome_id"]].append(_progress(row))
    return found
