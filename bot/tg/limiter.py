"""Telegram's rate limits for everything the bot sends; a reply that meets a 429 waits and goes.

python-telegram-bot's `AIORateLimiter` paces calls (30 a second in all, 20 a minute to a
group) but passes every 429 on to the caller. A person's reply (a preview of six messages in
a row meets Telegram's per-chat flood control) must not be lost to that: here it waits
Telegram's `retry_after` and goes again, a few times and for a bounded total wait, and only
then fails to the error handler. The delivery worker passes `rate_limit_args=NO_RETRY` on
its calls: it sees each 429 itself and holds the row in the database (`bot.delivery.worker`).

`rate_limit_args` is a `Retries`, not a bare int: python-telegram-bot drops a falsy value
before it reaches the limiter, and AIORateLimiter reads its own as `args or max_retries`, so
0 could never mean "no retries" there.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger("cydlais.limiter")

Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Retries:
    """A call's `rate_limit_args`: how many 429s it may wait out."""

    count: int


NO_RETRY: Final = Retries(0)  # for a caller that handles 429 itself


@dataclass(frozen=True, slots=True)
class Patience:
    """How long a reply may wait out Telegram's 429s before it fails."""

    retries: int = 3
    max_wait: float = 20.0  # seconds in all, for one call
    scale: float = 1.0  # multiplies retry_after: tests run a simulator on a fast clock


class ReplyLimiter(BaseRateLimiter[Retries]):
    """`AIORateLimiter`'s pacing, plus bounded waits on 429."""

    def __init__(self, patience: Patience | None = None) -> None:
        self._pace = AIORateLimiter(max_retries=0)  # the retrying is ours, bounded in time too
        self.patience = patience or Patience()
        _quiet_inner_429s()

    async def initialize(self) -> None:
        await self._pace.initialize()

    async def shutdown(self) -> None:
        await self._pace.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Retries | None,
    ) -> Result:
        retries = self.patience.retries if rate_limit_args is None else rate_limit_args.count
        waited = 0.0
        for attempt in range(retries + 1):
            try:
                return await self._pace.process_request(
                    callback, args, kwargs, endpoint, data, None
                )
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) * self.patience.scale
                if attempt == retries or waited + wait > self.patience.max_wait:
                    raise
                waited += wait
                log.info("Telegram asked a reply (%s) to wait %.1fs", endpoint, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")


class _Expected429(logging.Filter):
    """AIORateLimiter logs every 429 it passes on, with a traceback, as an error; here each
    is waited out (a reply) or handled by the delivery worker, so none is."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], RetryAfter))


def _quiet_inner_429s() -> None:
    inner = logging.getLogger("telegram.ext.AIORateLimiter")
    if not any(isinstance(f, _Expected429) for f in inner.filters):
        inner.addFilter(_Expected429())


def retry_after_seconds(exc: RetryAfter) -> float:
    """Telegram's retry_after in seconds, whichever type this python-telegram-bot gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
