"""Plain-text handling: Cydlais against a bare python-telegram-bot echo bot, same simulator, same run.

    python -m bench --only throughput [--quick]

Each round sends a burst of `members x messages` plain-text updates (each member's in order)
to each bot through the in-process simulated Telegram and waits for every reply, twice:

* with 30 ms per Bot API call, as a network round trip to Telegram takes from a UK host:
  updates handled per second, Cydlais / echo (target: at least 1.0), and p95 latency;
* with no network delay: the CPU time one update costs (process time, every thread),
  Cydlais / echo. This is what the code costs; the first is what members feel.

Both bots run without AIORateLimiter: it caps any bot at Telegram's ~30 messages a second,
so with it both would measure the limiter, not the handling (`bench/burst.py` measures
replies with it on). The echo bot uses library defaults otherwise (sequential update
processing). Cydlais does real work per update: it loads the member and their roles from
SQLite, looks for a question waiting for an answer and answers in the member's language.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.figures import Figure
from bot.app import build_application
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN
from bot.sim.telegram import SentMessage, SimulatedTelegram, SimUser
from bot.storage import Database, members

CPU_TARGET = 3.0  # Cydlais may cost at most this many times a bare echo bot's CPU per update


@dataclass
class Result:
    handled: int
    seconds: float
    cpu: float  # process seconds over the burst, all threads
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.handled / self.seconds

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[18]

    @property
    def cpu_per_update(self) -> float:
        return self.cpu / self.handled


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    assert update.effective_message.text is not None
    await update.effective_message.reply_text(update.effective_message.text)


async def drive(
    app: Application[Any, Any, Any, Any, Any, Any],
    sim: SimulatedTelegram,
    users: list[SimUser],
    per_member: int,
) -> Result:
    sent_at: dict[int, list[float]] = {u.id: [] for u in users}
    latencies: list[float] = []
    expected = len(users) * per_member
    done = asyncio.Event()

    def on_reply(message: SentMessage) -> None:
        pending = sent_at.get(message.chat_id)
        if pending:
            latencies.append(time.perf_counter() - pending.pop(0))
            if len(latencies) == expected:
                done.set()

    sim.listeners.append(on_reply)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    started, cpu = time.perf_counter(), time.process_time()
    for round_index in range(per_member):
        for user in users:
            sent_at[user.id].append(time.perf_counter())
            sim.send_text(user, f"message {round_index} from {user.first_name}")
    await asyncio.wait_for(done.wait(), timeout=300)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
    return Result(expected, seconds, cpu, latencies)


async def run_echo(users: list[SimUser], per_member: int, latency: float) -> Result:
    sim = SimulatedTelegram(latency=latency)
    sim.record_calls = False
    app = (
        ApplicationBuilder()
        .token(FAKE_TOKEN)
        .request(sim.request())
        .get_updates_request(sim.request())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return await drive(app, sim, users, per_member)


async def run_cydlais(users: list[SimUser], per_member: int, path: Path, latency: float) -> Result:
    db = await Database.open(path)
    for user in users:  # members who already consented, half Welsh, half English
        await members.create(db, user.id, user.id, "cy" if user.id % 2 else "en")
    await db.close()
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "CYDLAIS_DATABASE": str(path), "CYDLAIS_QUIET_HOURS": ""}
    )
    sim = SimulatedTelegram(latency=latency)
    sim.record_calls = False
    app = build_application(settings, request=sim.request(), rate_limit=False)
    return await drive(app, sim, users, per_member)


async def measure(members_n: int, messages: int, rounds: int) -> list[Figure]:
    users = [SimUser(10_000 + i, f"Member{i}") for i in range(members_n)]
    rate, p95, cpu = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(rounds):
            bare = await run_echo(users, messages, 0.030)
            ours = await run_cydlais(users, messages, Path(tmp) / f"net-{index}.sqlite3", 0.030)
            rate.append(ours.rate / bare.rate)
            p95.append(ours.p95 / bare.p95)
            bare = await run_echo(users, messages, 0.0)
            ours = await run_cydlais(users, messages, Path(tmp) / f"cpu-{index}.sqlite3", 0.0)
            cpu.append(ours.cpu_per_update / bare.cpu_per_update)
            print(
                f"round {index + 1}: {members_n} members x {messages} texts; CPU per update "
                f"{ours.cpu_per_update * 1e3:.2f} ms (echo {bare.cpu_per_update * 1e3:.2f} ms)",
                file=sys.stderr,
            )
    load = f"{members_n} members x {messages} texts"
    return [
        Figure(f"updates/s, Cydlais / echo ({load}, 30 ms per call)", statistics.median(rate), "x", ">=", 1.0),
        Figure(f"p95 reply latency, Cydlais / echo ({load}, 30 ms per call)", statistics.median(p95), "x"),
        Figure(f"CPU per plain-text update, Cydlais / echo ({load}, no network)", statistics.median(cpu), "x", "<=", CPU_TARGET),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    return asyncio.run(measure(100, 5, 1) if quick else measure(200, 10, 3))
