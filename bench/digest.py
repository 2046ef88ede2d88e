"""A digest for a constituency holding 100,000 views (target: under 2 s).

    python -m bench --only digest [--quick]     # --quick: 10,000 views

Fills a throw-away database with views spread over one digest week (random topics and
languages, realistic lengths), members with self-descriptions and reach marks, then times
what a representative's /digest does: read and count the views, shuffle them, render the
chat messages in Welsh and build the CSV file. Prints each step and the total.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.figures import Figure
from bot.digests import csv_document, gather, render
from bot.domain.periods import Period
from bot.i18n import translator
from bot.storage import Database, constituencies, members
from bot.storage import topics as topic_store
from bot.storage import views as view_store

TARGET_SECONDS = 2.0
WORDS = [
    *("waiting", "list", "therapy", "appointment", "letter", "discharge", "crisis", "team"),
    *("ward", "staff", "kind", "gwasanaeth", "aros", "apwyntiad", "llythyr", "tîm"),
    *("argyfwng", "caredig", "Cymraeg", "gofalwr", "seibiant", "respite", "carer"),
]


async def fill(db: Database, count: int, week: Period) -> int:
    cid = await constituencies.create(db, "bench", "Rhwydwaith Meincnod", "Benchmark Network")
    topic_ids = [await topic_store.open_topic(db, cid, f"Pwnc {i}", f"Topic {i}") for i in range(5)]
    rng = random.Random(5)
    batch: list[view_store.NewView] = []
    for _ in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 80)))
        day = week.first + timedelta(days=rng.randrange(7))
        topic = rng.choice([None, *topic_ids])
        batch.append(view_store.NewView(cid, topic, rng.choice(("cy", "en")), text, day))
        if len(batch) == 10_000:
            await view_store.add_many(db, batch)
            batch.clear()
    await view_store.add_many(db, batch)
    for n in range(2_000):
        member = await members.create(db, 10_000_000 + n, 10_000_000 + n, "cy")
        await constituencies.join(db, member.id, cid)
    await db.executemany(
        "INSERT INTO view_reach (constituency_id, period, tag, category) VALUES (?, ?, ?, ?)",
        [(cid, week.key, f"{n:064x}", rng.choice(("carer", "service_user", None))) for n in range(1_500)],
    )  # fmt: skip
    return cid


async def measure(count: int) -> list[Figure]:
    week = Period(date(2026, 11, 23), date(2026, 11, 29))
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            cid = await fill(db, count, week)
            print(
                f"filled {count:,} views in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
            place = await constituencies.get(db, cid)
            assert place is not None
            tr = translator("cy", ZoneInfo("Europe/London"))

            t0 = time.perf_counter()
            data = await gather(db, place, week)
            t1 = time.perf_counter()
            parts = render(data, tr, 5)
            t2 = time.perf_counter()
            _, content = csv_document(data, tr)
            t3 = time.perf_counter()
        finally:
            await db.close()
    assert len(data.views) == count
    assert data.counts.total == count
    print(
        f"read, count and shuffle {t1 - t0:.3f} s; {len(parts)} chat messages {t2 - t1:.3f} s; "
        f"CSV {len(content) / 1e6:.1f} MB {t3 - t2:.3f} s",
        file=sys.stderr,
    )
    return [
        Figure(
            f"a digest of {count:,} views (read, count, messages, CSV)",
            t3 - t0,
            "s",
            "<",
            TARGET_SECONDS,
            3,
        )
    ]


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(10_000 if quick else 100_000))
