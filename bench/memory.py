"""Resident memory of the running bot holding 100,000 members and 1,000,000 views (target < 150 MB).

    python -m bench --only memory [--quick]     # --quick: 10,000 members, 100,000 views

Fills a throw-away database (20 networks; members spread over them; a year of views), then
starts the real bot on it in a fresh process, so nothing of the filling is counted, and has
people use it: 200 members ask for /help and send a text, a representative and a
coordinator ask for /members. The figure is that process's peak resident set (VmHWM).
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.figures import Figure
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.storage import Database, constituencies, roles

TARGET_MB = 150.0
NETWORKS = 20
FIRST_ID = 30_000_000
WORDS = (
    "aros",
    "apwyntiad",
    "waiting",
    "letter",
    "gofalwr",
    "carer",
    "staff",
    "kind",
    "tîm",
    "team",
)


async def fill(path: Path, people: int, views: int) -> None:
    rng = random.Random(8)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))) for _ in range(2_000)]
    today = datetime.now(UTC).date()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db = await Database.open(path)
    try:
        places = [
            await constituencies.create(db, f"net-{n}", f"Rhwydwaith {n}", f"Network {n}")
            for n in range(NETWORKS)
        ]
        # Bulk rows in a few transactions: the storage API adds members one consent at a
        # time and views one at a time, which would take this benchmark an hour.
        async with db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO members (telegram_id, chat_id, language, consented_at, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (FIRST_ID + i, FIRST_ID + i, "cy" if i % 2 else "en", now, now)
                    for i in range(people)
                ),
            )
            await tx.executemany(
                "INSERT INTO memberships (member_id, constituency_id, joined_at)"
                " SELECT id, ?, ? FROM members WHERE telegram_id % ? = ?",
                ((places[n], now, NETWORKS, n) for n in range(NETWORKS)),
            )
        await roles.grant(db, 1, "representative", places[0])
        for start in range(0, views, 50_000):
            async with db.transaction() as tx:
                await tx.executemany(
                    "INSERT INTO views (id, constituency_id, topic_id, language, text, day)"
                    " VALUES (?, ?, NULL, ?, ?, ?)",
                    (
                        (
                            rng.randrange(1, 2**62),  # random ids, as the bot gives them
                            rng.choice(places),
                            rng.choice(("cy", "en")),
                            rng.choice(texts),
                            (today - timedelta(days=rng.randrange(365))).isoformat(),
                        )
                        for _ in range(min(50_000, views - start))
                    ),
                )
    finally:
        await db.close()


async def serve(path: Path, secrets: Path) -> None:
    """In the measured process: the bot on the filled database, used by a few hundred people."""
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "CYDLAIS_DATABASE": str(path),
            "CYDLAIS_QUIET_HOURS": "",
            "CYDLAIS_COORDINATORS": str(FIRST_ID + 1),
            "CYDLAIS_SECRETS_DIR": str(secrets),  # never beside the database
        }
    )
    async with Harness(settings) as h:
        h.sim.record_calls = False
        rng = random.Random(3)
        for telegram_id in rng.sample(range(FIRST_ID + 2, FIRST_ID + 10_000), 200):
            person = h.person(telegram_id)
            await person.say("/help")
            await person.say("Mae'r amser aros yn rhy hir / the wait is too long")
        await h.person(FIRST_ID).say("/members")  # the representative (member no. 1)
        await h.person(FIRST_ID + 1).say("/members")  # the coordinator
        assert h.sim.sent_count >= 402, "people were not answered: the figure would mean nothing"


def resident() -> dict[str, float]:
    """This process's resident memory: now, and its peak (Linux)."""
    status = Path("/proc/self/status").read_text()
    kb = {
        line.split(":")[0]: int(line.split()[1])
        for line in status.splitlines()
        if line.startswith(("VmHWM", "VmRSS"))
    }
    return {"peak_mb": kb["VmHWM"] / 1024, "now_mb": kb["VmRSS"] / 1024}


def run(quick: bool) -> list[Figure]:
    people, views = (10_000, 100_000) if quick else (100_000, 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "memory.sqlite3"
        started = time.perf_counter()
        asyncio.run(fill(path, people, views))
        size = path.stat().st_size / 1e6
        print(
            f"filled {people:,} members and {views:,} views ({size:.0f} MB) in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        measured = subprocess.run(  # noqa: S603  # our own module, in a fresh process
            [sys.executable, "-m", "bench.memory", str(path)],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    used = json.loads(measured.stdout.strip().splitlines()[-1])
    print(f"resident now {used['now_mb']:.0f} MB, peak {used['peak_mb']:.0f} MB", file=sys.stderr)
    return [
        Figure(
            f"peak resident memory ({people:,} members, {views:,} views)",
            used["peak_mb"],
            "MB",
            "<",
            TARGET_MB,
            0,
        )
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as apart:
        asyncio.run(serve(Path(sys.argv[1]), Path(apart) / "secrets"))
    print(json.dumps(resident()))
