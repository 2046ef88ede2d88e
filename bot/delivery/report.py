"""The report a batch's author gets when sending has finished, in their language.

Counts are of recipients (people or group chats), never of message parts: a long message
in three parts reached one person, not three. They go through the one counting rule
(`bot.domain.counting`): for one group, a breakdown of the whole the author was shown in the
preview; for a batch to several groups at once, only "fewer than k" or "k or more".

The author's own success count gets no exemption (issue 13 asked whether it needs one).
Beside the total the preview showed, an exact "delivered to 22" says exactly how many did
not get it (people who blocked the bot, stopped or left, since the preview) and, from one
message to the next, when one person did; for a group below the minimum it would undo the
preview's "fewer than 5", which /members hides from the same author. What the author needs
is whether it went and whether something is wrong, and that the rule still says: when the
people it did not reach are too few to count, "delivered to" reads "all but any counted
below" rather than "not shown".
"""

from __future__ import annotations

from bot.delivery.queue import DEFAULT_REPORT_TITLE, REPORT_TITLES
from bot.domain import counting
from bot.domain.counting import PEOPLE, Shown
from bot.i18n import Tr
from bot.storage import delivery_batches
from bot.storage.deliveries import CountingMode
from bot.storage.delivery_batches import Counts
from bot.tg.text import esc


def shown_total(n: int, minimum: int, mode: CountingMode) -> Shown:
    """How many a batch went to, as it may be shown."""
    if mode == "parts":
        return counting.count(n, minimum)
    return counting.bounded(n, minimum)


def shown_counts(counts: Counts, minimum: int, mode: CountingMode) -> dict[str, Shown]:
    """sent / unreachable / failed / pending as they may be shown."""
    values = {
        "sent": counts.sent,
        "unreachable": counts.unreachable,
        "failed": counts.failed,
        "pending": counts.pending,
    }
    if mode != "parts":
        return {key: counting.bounded(n, minimum) for key, n in values.items()}
    if not counts.pending:  # a finished batch: three parts of the whole
        del values["pending"]
    return counting.parts(values, minimum)


def count_lines(tr: Tr, counts: Counts, minimum: int, mode: CountingMode = "parts") -> list[str]:
    """Delivered / unreachable / failed (and still waiting), in the reader's language."""
    shown = shown_counts(counts, minimum, mode)
    if shown["sent"] == counting.HIDDEN:  # the one large part: everyone else is below
        delivered = tr.gettext("Delivered to: all of them but any counted below")
    else:
        delivered = tr.gettext("Delivered to: {people}").format(
            people=counting.counted(tr, shown["sent"], PEOPLE)
        )
    lines = [
        delivered,
        tr.gettext("Unreachable (blocked the bot or left): {people}").format(
            people=counting.counted(tr, shown["unreachable"], PEOPLE)
        ),
        tr.gettext("Failed: {people}").format(people=counting.counted(tr, shown["failed"], PEOPLE)),
    ]
    if counts.pending:
        lines.append(
            tr.gettext("Still to send to: {people}").format(
                people=counting.counted(tr, shown["pending"], PEOPLE)
            )
        )
    return lines


def report_text(tr: Tr, batch: delivery_batches.Batch, minimum: int) -> str:
    title = tr.gettext(REPORT_TITLES.get(batch.kind, DEFAULT_REPORT_TITLE))
    if batch.label:
        title += f" ({esc(batch.label)})"
    return "\n".join([title, *count_lines(tr, batch.people, minimum, batch.counting)])
