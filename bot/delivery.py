"""The delivery queue: every mass message (broadcasts, digests ...) goes out through here.

Public API, stable for other journeys:

    batch_id = await enqueue(db, kind="digest", messages=[Outgoing(chat_id, html, member_id)],
                             created_by=member_id, report_chat_id=chat_id, report_lang="cy",
                             label="#12")
    wake(app)                  # after enqueuing: the worker looks at once
    going_out_at(settings, urgent=False)  # None = now, else when quiet hours end

`enqueue` splits each text with `bot.text.split_message` (one row per part, each counted once
in the report; a document is one more row, sent after the text) and writes everything in one
transaction. Texts must already be HTML in the recipient's language, person-supplied parts
escaped. `REPORT_TITLES[kind]` is the heading of the report the author gets when the batch is
done (add your kind there, marked with `N_`).

One worker per process (`Worker`, started by `bot.handlers.broadcast.on_startup`) reads due
rows from SQLite in id order and sends them at `settings.send_rate` per second, leaving the
rest of Telegram's ~30/s for interactive replies, at most `Tuning.group_per_minute` to one
group, and one message at a time to any chat. What Telegram answers decides the row
(except clauses in this order, as BadRequest and TimedOut subclass NetworkError):

    RetryAfter (429)            pause all sending (a group: that group) for retry_after; retry
    Forbidden (403)             member unreachable until /start; their pending rows unreachable
    ChatMigrated                the group's pending rows follow it to its new id
    BadRequest (400)            failed, with Telegram's description; never retried
    TimedOut, NetworkError, 5xx retry with bounded exponential backoff, then failed

Crash safety: rows are the truth and a row is marked after Telegram answered. After a crash
(even SIGKILL) the next start resumes every pending row; a row that was in flight at the
moment of the crash may be sent twice (at most `Tuning.concurrency` of them). Only one
process may run the worker on a database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.config import Settings
from bot.i18n import N_, Lang, Tr, translator
from bot.storage import Database, deliveries, members
from bot.storage.db import Tx, utcnow
from bot.storage.deliveries import Counts, NewRow
from bot.text import esc, split_message

log = logging.getLogger("cydlais.delivery")

REPORT_TITLES: dict[str, str] = {
    "broadcast": N_("<b>Your message has been sent.</b>"),
}
DEFAULT_REPORT_TITLE = N_("<b>Sending has finished.</b>")


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: int
    text: str  # HTML, already in the recipient's language
    member_id: int | None = None  # None for a group chat
    document: tuple[str, bytes] | None = None  # (filename, content), sent after the text


async def enqueue(
    db: Database,
    *,
    kind: str,
    messages: Sequence[Outgoing],
    urgent: bool = False,
    created_by: int | None = None,
    report_chat_id: int | None = None,
    report_lang: Lang = "cy",
    label: str = "",
) -> int:
    """Queue messages as one batch, in one transaction; returns the batch id. Then `wake(app)`."""
    async with db.transaction() as tx:
        return await enqueue_in(
            tx,
            kind=kind,
            messages=messages,
            urgent=urgent,
            created_by=created_by,
            report_chat_id=report_chat_id,
            report_lang=report_lang,
            label=label,
        )


async def enqueue_in(
    tx: Tx,
    *,
    kind: str,
    messages: Sequence[Outgoing],
    urgent: bool = False,
    created_by: int | None = None,
    report_chat_id: int | None = None,
    report_lang: Lang = "cy",
    label: str = "",
) -> int:
    """`enqueue` inside a caller's transaction (so a draft is marked sent with its batch)."""
    rows: list[NewRow] = []
    for message in messages:
        member_id = message.member_id
        if member_id is None and message.chat_id > 0:
            # A private chat is a person's: link it so /forget finds it.
            member_id = await deliveries.member_for_chat(tx, message.chat_id)
        parts = split_message(message.text) if message.text.strip() else []
        rows += [NewRow(message.chat_id, member_id, i, part) for i, part in enumerate(parts)]
        if message.document is not None:
            rows.append(NewRow(message.chat_id, member_id, len(parts), "", message.document))
    report_member = None
    if report_chat_id is not None and report_chat_id > 0:
        report_member = await deliveries.member_for_chat(tx, report_chat_id)
    return await deliveries.insert_batch(
        tx,
        kind=kind,
        label=label,
        urgent=urgent,
        created_by=created_by,
        report_member_id=report_member,
        report_chat_id=None if report_member is not None else report_chat_id,
        report_lang=report_lang,
        rows=rows,
        not_before=time.time(),
    )


def worker_of(app: Any) -> Worker | None:
    services = app.bot_data.get("services")
    worker = services.extras.get("delivery") if services is not None else None
    return worker if isinstance(worker, Worker) else None


def wake(app: Any) -> None:
    """Nudge the delivery worker after enqueuing (it also looks by itself now and then)."""
    worker = worker_of(app)
    if worker is not None:
        worker.wake()


def quiet_now(settings: Settings, now: datetime | None = None) -> bool:
    quiet = settings.quiet_hours
    local = (now or utcnow()).astimezone(settings.timezone)
    return quiet is not None and quiet.contains(local.time().replace(tzinfo=None))


def going_out_at(
    settings: Settings, *, urgent: bool, now: datetime | None = None
) -> datetime | None:
    """None if a message queued now goes out at once; else when quiet hours end."""
    now = now or utcnow()
    quiet = settings.quiet_hours
    if urgent or quiet is None or not quiet_now(settings, now):
        return None
    local = now.astimezone(settings.timezone)
    end = datetime.combine(local.date(), quiet.end, tzinfo=settings.timezone)
    if end <= local:
        end = datetime.combine(
            local.date() + timedelta(days=1), quiet.end, tzinfo=settings.timezone
        )
    return end


Plural = Callable[[int], str]  # n -> the ngettext form for n, still with {n} in it


def counted(n: int, minimum: int, exact: Plural, fewer: Plural) -> str:
    """A count through the minimum-group rule: exact from `minimum` up (and 0, which picks
    nobody out), else "fewer than {minimum}"; both forms come from ngettext."""
    if n == 0 or n >= minimum:
        return exact(n).format(n=n)
    return fewer(minimum).format(n=minimum)


def count_lines(tr: Tr, counts: Counts, minimum: int) -> list[str]:
    """Delivered / unreachable / failed (and still waiting), in the reader's language."""
    lines = [
        counted(
            counts.sent,
            minimum,
            lambda n: tr.ngettext("Delivered: {n} message", "Delivered: {n} messages", n),
            lambda n: tr.ngettext(
                "Delivered: fewer than {n} message", "Delivered: fewer than {n} messages", n
            ),
        ),
        counted(
            counts.unreachable,
            minimum,
            lambda n: tr.ngettext(
                "Unreachable (blocked the bot or left): {n} message",
                "Unreachable (blocked the bot or left): {n} messages",
                n,
            ),
            lambda n: tr.ngettext(
                "Unreachable (blocked the bot or left): fewer than {n} message",
                "Unreachable (blocked the bot or left): fewer than {n} messages",
                n,
            ),
        ),
        counted(
            counts.failed,
            minimum,
            lambda n: tr.ngettext("Failed: {n} message", "Failed: {n} messages", n),
            lambda n: tr.ngettext(
                "Failed: fewer than {n} message", "Failed: fewer than {n} messages", n
            ),
        ),
    ]
    if counts.pending:
        lines.append(
            counted(
                counts.pending,
                minimum,
                lambda n: tr.ngettext(
                    "Still to send: {n} message", "Still to send: {n} messages", n
                ),
                lambda n: tr.ngettext(
                    "Still to send: fewer than {n} message",
                    "Still to send: fewer than {n} messages",
                    n,
                ),
            )
        )
    return lines


def report_text(tr: Tr, batch: deliveries.Batch, minimum: int) -> str:
    title = tr.gettext(REPORT_TITLES.get(batch.kind, DEFAULT_REPORT_TITLE))
    if batch.label:
        title += f" ({esc(batch.label)})"
    return "\n".join([title, *count_lines(tr, batch.counts, minimum)])


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

    bot: Bot
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

    def wake(self) -> None:
        self._wake.set()

    @property
    def busy(self) -> bool:
        return bool(self._inflight)

    # ------------------------------------------------------------------ loop
    async def _run(self) -> None:
        self._touched.update(await deliveries.unreported_ids(self.db))
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
            if row.member_id is not None and row.member_status != "active":
                # Stopped or unreachable since it was queued: not sent until they /start.
                reason = f"member {row.member_status or 'gone'}"
                self._touched.update(
                    await deliveries.unreachable_chat(self.db, row.chat_id, reason)
                )
                launched += 1
                continue
            await self._pace()
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
                self._touched.update(await deliveries.unreported_ids(self.db))
                await self._check_batches()
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
        try:
            if row.document is not None:
                name, content = row.document
                await self.bot.send_document(row.chat_id, content, filename=name)
            else:
                await self.bot.send_message(row.chat_id, row.text)
        except RetryAfter as exc:
            wait = _seconds(exc) * self.tuning.retry_after_scale
            self.stats.retried += 1
            if row.chat_id < 0:
                self._group_hold[row.chat_id] = time.monotonic() + wait
            else:
                self._pause(wait)
            await deliveries.retry_later(db, row.id, time.time(), exc.message, count=False)
        except Forbidden as exc:
            if row.member_id is not None:
                await members.set_status(db, row.member_id, "unreachable")
            await deliveries.mark_final(db, row.id, "unreachable", exc.message)
            self._touched.update(await deliveries.unreachable_chat(db, row.chat_id, exc.message))
        except ChatMigrated as exc:
            await deliveries.move_chat(db, row.chat_id, exc.new_chat_id)
        except BadRequest as exc:
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
            await deliveries.mark_sent(db, row.id)
            now = time.monotonic()
            self.stats.sent += 1
            self.stats.first_send = self.stats.first_send or now
            self.stats.last_send = now
        finally:
            self._inflight.pop(row.chat_id, None)
            self._touched.add(row.batch_id)
            self._wake.set()

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
        for batch_id in sorted(touched):
            if await deliveries.finish(self.db, batch_id):
                await self._report(batch_id)

    async def _report(self, batch_id: int) -> None:
        batch = await deliveries.batch(self.db, batch_id)
        if batch is None:
            return
        if batch.report_chat_id is not None:
            lang: Lang = "en" if batch.report_lang == "en" else "cy"
            tr = translator(lang, self.settings.timezone)
            text = report_text(tr, batch, self.settings.min_group)
            try:
                await self.bot.send_message(batch.report_chat_id, text)
            except RetryAfter as exc:
                self._pause(_seconds(exc) * self.tuning.retry_after_scale)
                self._touched.add(batch_id)  # try the report again next time round
                return
            except TelegramError as exc:
                log.warning("could not send a delivery report: %s", type(exc).__name__)
        await deliveries.mark_reported(self.db, batch_id)
        log.info("batch %s finished", batch_id)


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
