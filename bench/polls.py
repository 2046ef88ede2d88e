"""Polls: counting a million answers at close, and recording presses.

    python -m bench --only polls       (or python bench/polls.py [--answers N] [--presses N])

1. Results over 1,000,000 answers (target: under 300 ms): the tally the close makes from
   the answers' index (`poll_answers.tally`) and the results text in both languages, on a
   file database. The chart is timed on its own line (drawn once per language, off the
   event loop).
2. Recording answers (target: 2,000 presses a second or more): the real Application on the
   simulated Telegram, members pressing options on their poll messages as fast as the bot
   takes them: each press checks the poll and the member's keyed tag, edits the message,
   records the answer and answers the press.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import secrets
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.figures import Figure
from bot.app import build_application
from bot.config import load_settings
from bot.domain.polls import bits
from bot.i18n import translator
from bot.polls import results
from bot.sim.harness import FAKE_TOKEN, Harness
from bot.storage import constituencies, members, polls
from bot.storage import poll_answers as answers
from bot.storage.db import utcnow
from bot.tg.text import split_message


async def bench_results(h: Harness, n: int) -> list[str]:
    db = h.services.db
    place = await constituencies.create(db, "bench-r", "Meincnod", "Benchmark")
    poll_id = await polls.create_draft(db, None, "coordinator")  # type: ignore[arg-type]
    await polls.set_networks(db, poll_id, [place])
    await polls.set_kind(db, poll_id, "single")
    labels = ["Bore", "Prynhawn", "Gyda'r nos", "Penwythnos"]
    await polls.set_options(db, poll_id, "cy", labels)
    await polls.set_options(db, poll_id, "en", ["Morning", "Afternoon", "Evening", "Weekend"])
    await db.execute(
        "UPDATE polls SET status = 'open', closes_at = ? WHERE id = ?",
        (utcnow().isoformat(), poll_id),
    )
    weights = [0.4, 0.3, 0.2, 0.1]
    rows = (
        (poll_id, secrets.token_hex(32), bits(random.choices(range(4), weights))) for _ in range(n)
    )
    await db.executemany("INSERT INTO poll_answers (poll_id, tag, choice) VALUES (?, ?, ?)", rows)
    settings = h.settings
    start = time.perf_counter()
    tally = await answers.tally(db, poll_id, 4)
    await polls.set_votes(db, poll_id, tally.votes)
    await db.execute(
        "UPDATE polls SET status = 'closed', answered = ?, closed_at = ? WHERE id = ?",
        (tally.answered, utcnow().isoformat(), poll_id),
    )
    poll = await polls.get(db, poll_id)
    assert poll is not None
    texts = [
        split_message(
            results.text(
                translator(lang, settings.timezone),
                poll,
                ["Benchmark"],
                settings.min_group,
                for_members=False,
            )
        )
        for lang in ("cy", "en")
    ]
    elapsed = (time.perf_counter() - start) * 1000
    assert tally.answered == n
    assert texts
    chart_start = time.perf_counter()
    for lang in ("cy", "en"):
        chart = results.chart(translator(lang, settings.timezone), poll, settings.min_group)
        assert chart is not None
    chart_ms = (time.perf_counter() - chart_start) * 1000 / 2
    return [
        Figure(f"results over {n:,} answers", elapsed, "ms", "<", 300.0, 1),
        Figure(
            "a results chart, one language (drawn off the event loop)", chart_ms, "ms", digits=1
        ),
    ]


async def bench_presses(h: Harness, presses: int) -> list[str]:
    db = h.services.db
    place = await constituencies.create(db, "bench-p", "Pwyso", "Presses")
    voters = min(presses, 2000)
    people = []
    first = 0
    for i in range(voters):
        member = await members.create(db, 500000 + i, 500000 + i, "cy" if i % 2 else "en")
        first = first or member.id
        await constituencies.join(db, member.id, place)
        people.append(h.person(500000 + i, f"P{i}"))
    poll_id = await polls.create_draft(db, None, "coordinator")  # type: ignore[arg-type]
    await polls.set_networks(db, poll_id, [place])
    await polls.set_question(db, poll_id, "cy", "Cwestiwn?")
    await polls.set_question(db, poll_id, "en", "Question?")
    await polls.set_kind(db, poll_id, "single")
    await polls.set_options(db, poll_id, "cy", ["Ie", "Na"])
    await polls.set_options(db, poll_id, "en", ["Yes", "No"])
    await polls.set_closing(db, poll_id, utcnow() + timedelta(days=1))
    poll = await polls.get(db, poll_id)
    assert poll is not None
    from bot.polls.opening import open_poll

    await open_poll(
        h.services, poll, author_id=first, report_chat_id=people[0].id, report_lang="en"
    )
    h.services.delivery.wake()
    for _ in range(12000):  # every poll message delivered (at most ten minutes)
        if not await db.scalar("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'"):
            break
        await asyncio.sleep(0.05)
    from bot.polls.buttons import PollButton

    messages = {}
    for p in people:
        box = h.sim.inbox(p.id)
        messages[p.id] = box[-1].message_id
    h.sim.record_calls = False
    start = time.perf_counter()
    for n in range(presses):
        p = people[n % voters]
        h.sim.press_data(p.user, p.id, messages[p.id], PollButton(poll_id, "pick", n % 2).pack())
    await h.settle(limit=600)
    elapsed = time.perf_counter() - start
    answered = await answers.answered(db, poll_id)
    assert answered == voters, answered
    rate = presses / elapsed
    # The recording itself, as the handler calls it: the poll's keyed tag for the member,
    # then the one statement that sets their answer.
    from bot.polls import answering

    poll = await polls.get(db, poll_id)
    assert poll is not None
    start = time.perf_counter()
    now = utcnow()
    for n in range(presses):
        outcome = await answering.answer(h.services, poll, 500000 + n % voters, 1 << (n % 2), now)
        assert outcome == "recorded"
    recorded = presses / (time.perf_counter() - start)
    return [
        Figure("answers recorded (keyed tag + one statement)", recorded, "/s", ">=", 2000.0, 0),
        Figure(
            f"presses end to end ({presses:,}: the bot on the simulator, no flood limit)",
            rate,
            "/s",
            digits=0,
        ),
    ]


async def measure(answers_n: int, presses: int) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="cydlais-bench-") as tmp:
        settings = load_settings(
            {
                "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
                "CYDLAIS_DATABASE": str(Path(tmp) / "db" / "bench.sqlite3"),
                "CYDLAIS_SECRETS_DIR": str(Path(tmp) / "secrets"),  # never beside the database
                "CYDLAIS_QUIET_HOURS": "",
            }
        )
        settings = dataclasses.replace(settings, send_rate=10000.0)  # no flood limit in the sim
        h = Harness(settings)
        # Telegram's own flood limits (30 messages a second) are the simulator's business
        # here, not the bot's: measure what the bot can take, as bench/throughput.py does.
        h.app = build_application(settings, request=h.sim.request(), rate_limit=False)
        async with h:
            figures = await bench_results(h, answers_n)
            figures += await bench_presses(h, presses)
    return figures


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(100_000 if quick else 1_000_000, 1000 if quick else 4000))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--presses", type=int, default=4000)
    args = parser.parse_args()
    for figure in asyncio.run(measure(args.answers, args.presses)):
        print(figure)
