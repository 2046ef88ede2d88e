"""The delivery queue: every mass message goes out through here (see `queue`'s docstring).

`queue` writes batches, `schedule` says when they may go (quiet hours), `report` words the
author's report, and `worker` sends within Telegram's limits. Nothing here imports the
Application: the worker is a typed field of `bot.context.Services`.
"""

from bot.delivery.queue import REPORT_TITLES, Outgoing, enqueue, enqueue_in
from bot.delivery.report import count_lines, report_text, shown_total
from bot.delivery.schedule import going_out_at, quiet_now

__all__ = [
    "REPORT_TITLES",
    "Outgoing",
    "count_lines",
    "enqueue",
    "enqueue_in",
    "going_out_at",
    "quiet_now",
    "report_text",
    "shown_total",
]
