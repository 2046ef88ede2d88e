"""Anonymous views, the daily limit and reach: three tables that cannot be joined.

A view row holds no member, chat or message id and no time of day; its id is random. The
limit and reach rows are keyed hashes under expiring secrets (see `bot.views`) in WITHOUT ROWID tables, so
neither their contents nor their order lines up with the views.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.i18n import Lang
from bot.storage.db import Database, Queries, Tx
from bot.storage.members import SelfDescription

_MAX_ID = 2**62


@dataclass(frozen=True, slots=True)
class View:
    topic_id: int | None
    language: Lang
    text: str


@dataclass(frozen=True, slots=True)
class NewView:
    constituency_id: int
    topic_id: int | None
    language: Lang
    text: str  # already redacted
    day: date
    poll_id: int | None = None  # an answer to this poll's open question


@dataclass(frozen=True, slots=True)
class Counts:
    by_topic: dict[int | None, int]
    by_language: dict[Lang, int]

    @property
    def total(self) -> int:
        return sum(self.by_language.values())


async def _insert_view(tx: Tx, view: NewView) -> None:
    while True:  # a random id; on the (astronomically rare) clash, draw again
        changed = await tx.execute_rowcount(
            "INSERT OR IGNORE INTO views (id, constituency_id, topic_id, language, text, day,"
            " poll_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                secrets.randbelow(_MAX_ID) + 1,
                view.constituency_id,
                view.topic_id,
                view.language,
                view.text,
                view.day.isoformat(),
                view.poll_id,
            ),
        )
        if changed:
            return


async def insert_in(tx: Tx, views: Sequence[NewView]) -> None:
    """Views written inside the caller's transaction (a poll's open answers at close), each
    with a random id, in the order given (the caller shuffles)."""
    for view in views:
        await _insert_view(tx, view)


async def quota_used(db: Queries, day: date, quota_tag: str) -> int:
    used = await db.scalar(
        "SELECT used FROM view_quota WHERE day = ? AND tag = ?", (day.isoformat(), quota_tag)
    )
    return int(used or 0)


async def submit(
    db: Database,
    view: NewView,
    *,
    quota_tag: str,
    max_per_day: int,
    reach_tag: str,
    reach_period: str,
    category: SelfDescription | None,
) -> bool:
    """Store a view within the daily limit; False (nothing stored) if the limit is reached.

    One transaction: the view, the day's count and the reach mark go in together or not at
    all. Counts from earlier days are deleted at the same time: they are no longer needed.
    """
    day = view.day.isoformat()
    async with db.transaction() as tx:
        used = await quota_used(tx, view.day, quota_tag)
        if used >= max_per_day:
            return False
        await _insert_view(tx, view)
        await tx.execute(
            "INSERT INTO view_quota (day, tag, used) VALUES (?, ?, 1)"
            " ON CONFLICT(day, tag) DO UPDATE SET used = used + 1",
            (day, quota_tag),
        )
        await tx.execute("DELETE FROM view_quota WHERE day < ?", (day,))
        await tx.execute(
            "INSERT OR IGNORE INTO view_reach (constituency_id, period, tag, category)"
            " VALUES (?, ?, ?, ?)",
            (view.constituency_id, reach_period, reach_tag, category),
        )
    return True


async def forget_write_order(db: Database) -> None:
    """Fold the write-ahead log into the database file and empty it.

    Until a checkpoint, the WAL holds the pages of each transaction in commit order, which
    would show which view page changed together with which limit and reach rows. After it,
    the file holds rows in key order only (random ids, hash tags).
    """
    await db.forget_history()


async def add_many(db: Database, views: Sequence[NewView]) -> None:
    """Bulk insert (benchmarks and tests); no limit or reach."""
    await db.executemany(
        "INSERT INTO views (id, constituency_id, topic_id, language, text, day, poll_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                secrets.randbelow(_MAX_ID) + 1,
                v.constituency_id,
                v.topic_id,
                v.language,
                v.text,
                v.day.isoformat(),
                v.poll_id,
            )
            for v in views
        ),
    )


async def between(db: Queries, constituency_id: int, first: date, last: date) -> list[View]:
    """The views of a constituency given on days first..last. Order means nothing."""
    rows = await db.fetchall(
        "SELECT topic_id, language, text FROM views"
        " WHERE constituency_id = ? AND day BETWEEN ? AND ?",
        (constituency_id, first.isoformat(), last.isoformat()),
    )
    return [View(r[0], r[1], r[2]) for r in rows]


async def of_poll(db: Queries, poll_id: int) -> list[View]:
    """The answers to a poll's open question, now among the views. Order means nothing."""
    rows = await db.fetchall(
        "SELECT topic_id, language, text FROM views WHERE poll_id = ?", (poll_id,)
    )
    return [View(r[0], r[1], r[2]) for r in rows]


async def counts(db: Queries, constituency_id: int, first: date, last: date) -> Counts:
    rows = await db.fetchall(
        "SELECT topic_id, language, COUNT(*) FROM views"
        " WHERE constituency_id = ? AND day BETWEEN ? AND ? GROUP BY topic_id, language",
        (constituency_id, first.isoformat(), last.isoformat()),
    )
    by_topic: dict[int | None, int] = {}
    by_language: dict[Lang, int] = {}
    for topic_id, language, n in rows:
        by_topic[topic_id] = by_topic.get(topic_id, 0) + n
        by_language[language] = by_language.get(language, 0) + n
    return Counts(by_topic, by_language)


async def reach(
    db: Queries, constituency_id: int, period: str
) -> dict[SelfDescription | None, int]:
    """Distinct contributors in a period, by stored category (None: not said or small group)."""
    rows = await db.fetchall(
        "SELECT category, COUNT(*) FROM view_reach WHERE constituency_id = ? AND period = ?"
        " GROUP BY category",
        (constituency_id, period),
    )
    return {r[0]: r[1] for r in rows}


async def purge_reach(db: Queries, before_period: str) -> int:
    """Forget reach marks of periods that have been reported (periods sort as ISO dates)."""
    return await db.execute_rowcount("DELETE FROM view_reach WHERE period < ?", (before_period,))


async def purge_quota(db: Queries, today: date) -> int:
    return await db.execute_rowcount("DELETE FROM view_quota WHERE day < ?", (today.isoformat(),))


async def members_by_category(
    db: Queries, constituency_id: int
) -> dict[SelfDescription | None, int]:
    """Members of a constituency by self-description (None: not given)."""
    rows = await db.fetchall(
        "SELECT m.self_description, COUNT(*) FROM memberships s JOIN members m ON m.id = s.member_id"
        " WHERE s.constituency_id = ? GROUP BY m.self_description",
        (constituency_id,),
    )
    return {r[0]: r[1] for r in rows}


async def voices(db: Queries, constituency_id: int, coordinators: frozenset[int]) -> int:
    """Members of a constituency who cannot read its views: not its representatives, not
    coordinators (by role or by `CYDLAIS_COORDINATORS`). A reader knows their own views, so
    only the others make a view anonymous."""
    excluded = ",".join("?" * len(coordinators)) or "NULL"
    where = f"s.constituency_id = ? AND m.telegram_id NOT IN ({excluded})"
    sql = (
        "SELECT COUNT(*) FROM memberships s JOIN members m ON m.id = s.member_id WHERE "  # noqa: S608  # only "?" placeholders are joined in
        + where
        + " AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.member_id = m.id AND"
        " (r.role = 'coordinator' OR r.constituency_id = s.constituency_id))"
    )
    count = await db.scalar(sql, (constituency_id, *sorted(coordinators)))
    return int(count or 0)
