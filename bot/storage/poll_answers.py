"""The answers to open polls: one row per member of the electorate, under a keyed tag.

No member id, chat, message or time: a tag (HMAC of the member's Telegram id under the
poll's own secret, `bot.polls.voters`), the options chosen as bits, and for an open
question the redacted words. Rows sit in tag order (WITHOUT ROWID). `close` turns them
into counts and deletes every one of them in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.i18n import Lang
from bot.storage.db import Queries

Recorded = Literal["recorded", "closed", "not_asked"]


@dataclass(frozen=True, slots=True)
class Answer:
    choice: int | None  # bits of the options chosen; None: not answered yet
    text: str | None  # an open question's answer (redacted)
    language: Lang | None


@dataclass(frozen=True, slots=True)
class OpenAnswer:
    text: str
    language: Lang
    constituency_id: int


@dataclass(frozen=True, slots=True)
class Tally:
    answered: int  # members who answered
    votes: dict[int, int]  # option position -> members who chose it
    open_answers: list[OpenAnswer]


async def add_electorate(db: Queries, poll_id: int, tags: Sequence[str]) -> None:
    """Everyone asked, when the poll opens: nobody added later can answer."""
    await db.executemany(
        "INSERT OR IGNORE INTO poll_answers (poll_id, tag) VALUES (?, ?)",
        [(poll_id, tag) for tag in sorted(tags)],
    )


async def get(db: Queries, poll_id: int, tag: str) -> Answer | None:
    """The member's answer so far, or None if they were not asked (or the poll closed)."""
    row = await db.fetchone(
        "SELECT choice, text, language FROM poll_answers WHERE poll_id = ? AND tag = ?",
        (poll_id, tag),
    )
    return None if row is None else Answer(row[0], row[1], row[2])


async def record(
    db: Queries,
    poll_id: int,
    tag: str,
    choice: int,
    *,
    text: str | None = None,
    language: Lang | None = None,
    constituency_id: int | None = None,
) -> Recorded:
    """Set the member's answer (replacing any earlier one): one statement, so two presses
    at once leave one answer, and never after the poll has closed."""
    changed = await db.execute_rowcount(
        "UPDATE poll_answers SET choice = ?, text = ?, language = ?, constituency_id = ?"
        " WHERE poll_id = ? AND tag = ?"
        " AND EXISTS (SELECT 1 FROM polls WHERE id = ? AND status = 'open')",
        (choice, text, language, constituency_id, poll_id, tag, poll_id),
    )
    if changed:
        return "recorded"
    status = await db.scalar("SELECT status FROM polls WHERE id = ?", (poll_id,))
    return "not_asked" if status == "open" else "closed"


async def answered(db: Queries, poll_id: int) -> int:
    """How many have answered so far (never what)."""
    return int(
        await db.scalar(
            "SELECT COUNT(*) FROM poll_answers WHERE poll_id = ? AND choice IS NOT NULL",
            (poll_id,),
        )
    )


async def tally(db: Queries, poll_id: int, options: int) -> Tally:
    """Counts per option from the answers' bits (one pass over the choice index); an open
    question (no options) has its answers' words too."""
    rows = await db.fetchall(
        "SELECT choice, COUNT(*) FROM poll_answers WHERE poll_id = ? AND choice IS NOT NULL"
        " GROUP BY choice",
        (poll_id,),
    )
    votes = dict.fromkeys(range(options), 0)
    answered = 0
    for bits, n in rows:
        answered += n
        for position in range(options):
            if bits >> position & 1:
                votes[position] += n
    texts = []
    if not options:
        texts = await db.fetchall(
            "SELECT text, language, constituency_id FROM poll_answers"
            " WHERE poll_id = ? AND text IS NOT NULL",
            (poll_id,),
        )
    return Tally(answered, votes, [OpenAnswer(r[0], r[1], r[2]) for r in texts])


async def delete_all(db: Queries, poll_id: int) -> int:
    """Every per-member row of the poll goes (at close)."""
    return await db.execute_rowcount("DELETE FROM poll_answers WHERE poll_id = ?", (poll_id,))


async def unanswered_among(db: Queries, poll_id: int, tags: Sequence[str]) -> set[str]:
    """Which of these tags were asked and have not answered (for the reminder)."""
    found: set[str] = set()
    chunk = 500
    for start in range(0, len(tags), chunk):
        part = list(tags[start : start + chunk])
        marks = ",".join("?" * len(part))
        rows = await db.fetchall(
            "SELECT tag FROM poll_answers WHERE poll_id = ? AND choice IS NULL"  # noqa: S608  # only "?" placeholders
            f" AND tag IN ({marks})",
            [poll_id, *part],
        )
        found.update(r[0] for r in rows)
    return found
