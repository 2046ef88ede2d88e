"""Direct contact and outcomes under load (issue 12 sets no targets: these are ours).

    python -m bench --only contact [--quick]

* the clock's tick with 10,000 open anonymous conversations: each is unsealed to see whether
  its sender has left (/forget), so the tick grows with them (target: under 1 s of the 30 s
  tick);
* whether someone may write, with 1,000 senders stopped: their Telegram id is hashed under
  each stop's own secret (target: under 0.1 s, paid once per message a member sends);
* a page of /outcomes in a network with 10,000 outcomes and their progress (target: 0.2 s);
* 1,000 outcomes reaching their review day at once, queued as reminders (target: 2 s).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.figures import Figure
from bot import contact, contact_blocks, outcomes
from bot.config import Settings
from bot.i18n import translator
from bot.outcomes_review import remind_due
from bot.secrets import SecretStore
from bot.sim.harness import FAKE_TOKEN
from bot.storage import Database, constituencies, members, roles
from bot.storage import contact as contact_store
from bot.storage import outcomes as outcome_store
from bot.storage.db import utcnow

TZ = ZoneInfo("Europe/London")


async def _threads(db: Database, secrets: SecretStore, count: int) -> tuple[int, float]:
    cid = await constituencies.create(db, "bench-c", "Rhwydwaith", "Network")
    rep = await members.create(db, 1, 1, "en")
    await roles.grant(db, rep.id, "representative", cid)
    today = date.today()  # noqa: DTZ011  # a benchmark's day: any will do
    for n in range(count):
        member = await members.create(db, 1_000_000 + n, 1_000_000 + n, "cy")
        await contact.open_thread(
            db, secrets, member=member, rep_id=rep.id, constituency_id=cid, named=False,
            today=today, days=30, tz=TZ,
        )  # fmt: skip
    started = time.perf_counter()
    ended = await contact.expire_due(db, secrets, utcnow())
    assert ended == 0, "no conversation should end in the benchmark"
    return cid, time.perf_counter() - started


async def _blocks(db: Database, secrets: SecretStore, cid: int, count: int) -> float:
    coordinator = await members.create(db, 2, 2, "en")
    thread = await contact_store.get_thread(
        db, int(await db.scalar("SELECT id FROM contact_threads LIMIT 1"))
    )
    assert thread is not None
    for n in range(count):
        sender = await members.create(db, 5_000_000 + n, 5_000_000 + n, "en")
        report_id = await contact_blocks.report(
            db,
            secrets,
            thread=thread,
            sender=sender,
            reporter_id=1,
            note="",
            today=date.today(),  # noqa: DTZ011
        )
        found = await contact_store.get_report(db, report_id)
        assert found is not None
        await contact_blocks.block(db, secrets, found, 3, coordinator.id)
    writer = await members.create(db, 9_999_999, 9_999_999, "en")
    started = time.perf_counter()
    assert await contact_blocks.blocked_until(db, secrets, writer) is None
    return time.perf_counter() - started


async def _outcomes(db: Database, count: int) -> tuple[float, float]:
    cid = await constituencies.create(db, "bench-o", "Rhwydwaith O", "Network O")
    author = await members.create(db, 3, 3, "en")
    await roles.grant(db, author.id, "representative", cid)
    today = date.today()  # noqa: DTZ011
    text = "Roedd pobl eisiau apwyntiadau gyda'r nos. " * 10
    for n in range(count):
        draft = await outcome_store.create_draft(db, author.id, cid)
        for field in outcome_store.FIELDS:
            await outcome_store.set_text(db, draft, field, text)
        await outcome_store.set_review(db, draft, today - timedelta(days=1) if n < 1000 else None)
        await outcome_store.mark_recorded(db, draft, None)
        if n % 3 == 0:
            progress = await outcome_store.create_progress(db, draft, author.id)
            await outcome_store.set_progress_text(db, progress, "cy", text)
            await outcome_store.set_progress_text(db, progress, "en", text)
            await outcome_store.mark_added(db, progress, None)
    tr = translator("cy", TZ)
    started = time.perf_counter()
    page = await outcome_store.recorded_in(db, cid, limit=5, offset=0)
    await outcome_store.history(db, [o.id for o in page])
    for outcome in page:
        await outcomes.render(db, tr, outcome, 5)
    listing = time.perf_counter() - started
    settings = Settings(token=FAKE_TOKEN, timezone=TZ)
    started = time.perf_counter()
    await remind_due(db, settings, utcnow())
    return listing, time.perf_counter() - started


async def measure(quick: bool) -> list[Figure]:
    threads, blocks, outcome_count = (1_000, 100, 1_000) if quick else (10_000, 1_000, 10_000)
    with tempfile.TemporaryDirectory(prefix="cydlais-bench-contact-") as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        secrets = await SecretStore.open(Path(tmp) / "secrets")
        try:
            cid, tick = await _threads(db, secrets, threads)
            check = await _blocks(db, secrets, cid, blocks)
            listing, reminders = await _outcomes(db, outcome_count)
        finally:
            await db.close()
    return [
        Figure(f"clock tick, {threads:,} open anonymous conversations", tick, "s", "<", 1.0),
        Figure(f"may this member write? {blocks:,} senders stopped", check * 1000, "ms", "<", 100),
        Figure(f"/outcomes page, {outcome_count:,} outcomes", listing * 1000, "ms", "<", 200),
        Figure(
            f"{min(outcome_count, 1000):,} review reminders queued at once",
            reminders,
            "s",
            "<",
            2.0,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(quick))
