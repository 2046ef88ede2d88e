"""The report a batch's author gets when sending has finished, in their language."""

from __future__ import annotations

from collections.abc import Callable

from bot.delivery.queue import DEFAULT_REPORT_TITLE, REPORT_TITLES
from bot.i18n import Tr
from bot.storage import deliveries
from bot.storage.deliveries import Counts
from bot.tg.text import esc

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
