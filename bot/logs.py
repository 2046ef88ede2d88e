"""Logging, configured once: no message text or user ids at INFO or above."""

from __future__ import annotations

import logging

from telegram.error import RetryAfter


class _RetryAfterIsExpected(logging.Filter):
    """AIORateLimiter logs every 429 it passes on, with a traceback; `bot.tg.limiter` waits
    out a reply's and the delivery worker handles its own, so neither is an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], RetryAfter))


def setup(level: int = logging.INFO) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    # httpx logs every request URL at INFO, and the URL carries the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_RetryAfterIsExpected())
