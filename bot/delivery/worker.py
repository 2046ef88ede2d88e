"""The delivery worker: sends the queued rows of `bot.delivery.queue` within Telegram's limits.

See `bot.delivery.queue` for what each Telegram answer does to a row and why a row in flight at
a crash may be sent twice. One worker per process, started and stopped by `bot.app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot.config import Settings
from bot.delivery.report import report_text
from bot.delivery.schedule import going_out_at, quiet_now
from bot.delivery.sending import send_row
from bot.i18n import Lang, translator
from bot.storage import Database, deliveries, delivery_batches, delivery_photos, members
from bot.storage.db import utcnow
from bot.tg.limiter import NO_RETRY, Retries, retry_after_seconds

log = logging.getLogger("cydlais.delivery")


@dataclass(slots=True)
class Tuning:
    """How the worker paces and retries; tests shrink the waits."""

    retry_after_scale: float = 1.0  # multiply Telegram's retry_after (tests: 0.01)
    backoff_base: float = 2.0  # seconds before the first retry of a transient failure
    backoff_cap: float = 600.0
    max_attempts: int = 8
    concurrency: int = 16  # sends in flight at once (to different chats)
    group_per_minute: int = 20
    idle_poll: float = 30.0  # look at the database at least this often


@dataclass(slots=True)
class Stats:
    sent: int = 0
    retried: int = 0
    paused: float = 0.0
    first_send: float | None = None
    last_send: float | None = None


@dataclass(eq=False, slots=True)
class Worker:
    """The one delivery worker of a process: see the module docstring."""

    bot: ExtBot[Any]  # its calls say NO_RETRY: a 429 comes back here, to hold the row
    db: Database
    settings: Settings
    tuning: Tuning = field(default_factory=Tuning)
    stats: Stats = field(default_factory=Stats)
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _inflight: dict[int, int] = field(default_factory=dict)  # chat id -> row id being sent
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _touched: set[int] = field(default_factory=set)
    _group_sent: dict[int, deque[float]] = field(default_factory=dict)
    _group_hold: dict[int, float] = field(default_factory=dict)
    _report_retry: dict[int, tuple[int, float]] = field(default_factory=dict)  # batch: tries, at
    _paused_until: float = 0.0
    _next_slot: float = 0.0
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="cydlais-delivery")

    async def stop(self, grace: float = 5.0) -> None:
        """Stop taking rows; let sends in flight finish and be recorded (bounded)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=grace)

    @property
    def _own_429s(self) -> Retries | None:
        """What its calls tell the rate limiter: give every 429 back (None: there is none)."""
        return NO_RETRY if self.bot.rate_limiter is not None else None

    def wake(self) -> None:
        self._wake.set()

    @property
    def busy(self) -> bool:
        return bool(self._inflight)

    # ------------------------------------------------------------------ loop
    async def _run(self) -> None:
        self._touched.update(await delivery_batches.unreported_ids(self.db))
        while True:
            try:
                launched, waiting = await self._cycle()
                await self._check_batches()
                if not launched:
                    await self._idle(waiting)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # keep delivering; the rows say what is left
                log.error("delivery cycle failed: %s", type(exc).__name__)
                log.debug("details", exc_info=exc)
                await asyncio.sleep(1.0)

    async def _cycle(self) -> tuple[int, bool]:
        """Start sending the rows due now; returns (rows started, rows due but held)."""
        quiet = quiet_now(self.settings)
        limit = max(8, int(self.settings.send_rate)) + len(self._inflight)
        # Rows in flight now are still pending in what we read; by the time the loop reaches
        # one it may have been sent, so they are skipped by id, not by the live set.
        busy = set(self._inflight.values())
        rows = await deliveries.due(self.db, now=time.time(), urgent_only=quiet, limit=limit)
        launched = 0
        for row in rows:
            if row.id in busy or row.chat_id in self._inflight:
                continue
            if not self._group_ready(row.chat_id):
                continue
            await self._pace()
            # Read again after the wait: since `due` read it the member may have stopped or
            # left (/forget deletes their rows), or an answer for another row of this chat
            # settled it. Only what is still pending now goes.
            fresh = await deliveries.still_pending(self.db, row.id)
            if fresh is None:
                launched += 1
                continue
            row = fresh
            # An edit (a closed poll's message losing its answer) still reaches a member who
            # stopped messages: it changes what is there and sends nothing new.
            edit_for_stopped = row.edit_of is not None and row.member_status == "stopped"
            if row.member_id is not None and row.member_status != "active" and not edit_for_stopped:
                # Stopped or unreachable since it was queued: not sent until they /start.
                reason = f"member {row.member_status or 'gone'}"
                self._touched.update(
                    await deliveries.unreachable_chat(self.db, row.chat_id, reason)
                )
                launched += 1
                continue
            self._inflight[row.chat_id] = row.id
            if row.chat_id < 0:
                self._group_sent.setdefault(row.chat_id, deque()).append(time.monotonic())
            task = asyncio.create_task(self._deliver(row))
            self._tasks.add(task)
            task.add_done_callback(self._done)
            launched += 1
        return launched, len(rows) > launched

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a delivery failed to record: %s", type(task.exception()).__name__)

    async def _idle(self, waiting: bool) -> None:
        """Wait for a wake-up, a send to finish, or the next row to fall due."""
        if waiting:
            timeout = 0.5  # held by a send in flight or a group's limit: look again soon
        else:
            quiet = quiet_now(self.settings)
            at = await deliveries.next_due_at(self.db, urgent_only=quiet)
            timeout = self.tuning.idle_poll if at is None else at - time.time()
            ends = going_out_at(self.settings, urgent=False)
            if quiet and ends is not None:
                timeout = min(timeout, (ends - utcnow()).total_seconds())
            if at is None and not self._inflight:
                self._touched.update(await delivery_batches.unreported_ids(self.db))
                await self._check_batches()
        if self._report_retry:
            soonest = min(at for _, at in self._report_retry.values())
            timeout = min(timeout, soonest - time.monotonic())
        timeout = min(max(timeout, 0.01), self.tuning.idle_poll)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()

    async def _pace(self) -> None:
        """Start sends evenly at send_rate, never during a 429 pause, never too many at once."""
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            slot = max(self._next_slot, now, self._paused_until)
            if slot > now:
                await asyncio.sleep(slot - now)
                continue
            if len(self._inflight) >= self.tuning.concurrency:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 1.0)
                continue
            self._next_slot = max(self._next_slot, now) + 1.0 / self.settings.send_rate
            return

    def _group_ready(self, chat_id: int) -> bool:
        if chat_id > 0:
            return True
        now = time.monotonic()
        if self._group_hold.get(chat_id, 0.0) > now:
            return False
        sent = self._group_sent.setdefault(chat_id, deque())
        while sent and now - sent[0] >= 60.0:
            sent.popleft()
        return len(sent) < self.tuning.group_per_minute

    # ------------------------------------------------------------------ one row
    async def _deliver(self, row: deliveries.Due) -> None:
        db = self.db
        message_id: int | None = None
        try:
            message_id = await send_row(self.bot, db, row, self._own_429s)
        except RetryAfter as exc:
            wait = retry_after_seconds(exc) * self.tuning.retry_after_scale
            self.stats.retried += 1
            if row.chat_id < 0:
                self._group_hold[row.chat_id] = time.monotonic() + wait
            else:
                self._pause(wait)
            # The row itself waits too, so a restart during the pause does not hammer.
            await deliveries.retry_later(db, row.id, time.time() + wait, exc.message, count=False)
        except Forbidden as exc:
            await self._unreachable(row, exc.message)
        except ChatMigrated as exc:
            await deliveries.move_chat(db, row.chat_id, exc.new_chat_id)
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():  # a deleted account: as good as blocked
                await self._unreachable(row, exc.message)
            else:
                await deliveries.mark_final(db, row.id, "failed", exc.message)
        except (TimedOut, NetworkError, TelegramError) as exc:
            # Maybe delivered (a timeout after Telegram got it): counted, so bounded.
            self.stats.retried += 1
            attempts = row.attempts + 1
            if attempts >= self.tuning.max_attempts:
                await deliveries.mark_final(db, row.id, "failed", exc.message)
            else:
                delay = min(self.tuning.backoff_base * 2 ** (attempts - 1), self.tuning.backoff_cap)
                await deliveries.retry_later(
                    db, row.id, time.time() + delay, exc.message, count=True
                )
        else:
            await deliveries.mark_sent(db, row.id, message_id)
            now = time.monotonic()
            self.stats.sent += 1
            self.stats.first_send = self.stats.first_send or now
            self.stats.last_send = now
        finally:
            self._inflight.pop(row.chat_id, None)
            self._touched.add(row.batch_id)
            self._wake.set()

    async def _unreachable(self, row: deliveries.Due, reason: str) -> None:
        """Nobody to send to: the member is unreachable until /start, with all their rows."""
        if row.member_id is not None:
            await members.set_status(self.db, row.member_id, "unreachable")
        await deliveries.mark_final(self.db, row.id, "unreachable", reason)
        self._touched.update(await deliveries.unreachable_chat(self.db, row.chat_id, reason))

    def _pause(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        if until > self._paused_until:
            self.stats.paused += until - max(self._paused_until, loop.time())
            self._paused_until = until
            log.warning("Telegram asked us to slow down: pausing deliveries %.1fs", seconds)

    # ------------------------------------------------------------------ reports
    async def _check_batches(self) -> None:
        touched, self._touched = self._touched, set()
        now = time.monotonic()
        for batch_id in sorted(touched):
            retry = self._report_retry.get(batch_id)
            if retry is not None and retry[1] > now:
                self._touched.add(batch_id)  # its report failed: not yet time to try again
                continue
            if await delivery_batches.finish(self.db, batch_id):
                await self._report(batch_id)

    async def _report(self, batch_id: int) -> None:
        batch = await delivery_batches.batch(self.db, batch_id)
        if batch is None:
            return
        if batch.report_chat_id is not None:
            lang: Lang = "en" if batch.report_lang == "en" else "cy"
            tr = translator(lang, self.settings.timezone)
            text = report_text(tr, batch, self.settings.min_group)
            try:
                await self.bot.send_message(
                    batch.report_chat_id, text, rate_limit_args=self._own_429s
                )
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) * self.tuning.retry_after_scale
                self._pause(wait)
                # Again once the wait is over (not a failure, so not counted as a try).
                tries = self._report_retry.get(batch_id, (0, 0.0))[0]
                self._report_retry[batch_id] = (tries, time.monotonic() + wait)
                self._touched.add(batch_id)
                return
            except (BadRequest, Forbidden, TimedOut) as exc:
                # Refused for good, or maybe delivered (a timeout): not sent again.
                log.warning("could not send a delivery report: %s", type(exc).__name__)
            except TelegramError as exc:
                # 5xx or the network: Telegram did not take it. Try again with backoff.
                tries = self._report_retry.get(batch_id, (0, 0.0))[0] + 1
                if tries < self.tuning.max_attempts:
                    delay = min(
                        self.tuning.backoff_base * 2 ** (tries - 1), self.tuning.backoff_cap
                    )
                    self._report_retry[batch_id] = (tries, time.monotonic() + delay)
                    self._touched.add(batch_id)
                    return
                log.warning("could not send a delivery report: %s", type(exc).__name__)
        self._report_retry.pop(batch_id, None)
        await delivery_batches.mark_reported(self.db, batch_id)
        await delivery_photos.drop_unused_photos(self.db)
        log.info("batch %s finished", batch_id)
