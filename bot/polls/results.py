"""A closed poll's results in a reader's language: text with bars, a chart, a CSV file.

Fewer answers than the minimum group: only that fact and why, nothing else (no chart, no
file). Otherwise each option's count goes through `bot.polls.counts`; exact counts get a
percentage of those who answered and a bar, hidden ones only their words ("fewer than
5", "5 or more"). An open question's answers are listed for the author and the
representatives (never for members), in random order, as they joined the views.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from bot.domain import polls as rules
from bot.domain.spreadsheet import cell
from bot.i18n import Tr
from bot.polls import counts
from bot.storage.polls import Poll
from bot.tg.text import esc

if TYPE_CHECKING:  # matplotlib loads only when a chart is drawn (start-up, the demo's HOME)
    from bot.domain.charts import Chart


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    exact: int | None
    words: str  # the count as it may be shown
    percent: int | None


def rows(tr: Tr, poll: Poll, minimum: int) -> list[Row]:
    """The options with their counts as shown; empty if there is nothing to show."""
    answered = poll.answered or 0
    if poll.kind == "open" or not counts.enough(answered, minimum):
        return []
    votes = {o.position: o.votes or 0 for o in poll.options}
    shown = counts.options(tr, votes, minimum)
    found = []
    for option in poll.options:
        exact, words = shown[option.position]
        pct = rules.percent(exact, answered) if exact is not None else None
        found.append(Row(option.label(tr.lang), exact, words, pct))
    return found


def _count(row: Row) -> str:
    return f"{row.words} ({row.percent}%)" if row.percent is not None else row.words


def text(
    tr: Tr,
    poll: Poll,
    places: list[str],
    minimum: int,
    *,
    for_members: bool,
    answers: list[str] | None = None,
) -> str:
    """The results message; `answers`: an open question's answers (author and reps only)."""
    assert poll.closed_at is not None
    title = (
        tr.gettext("📊 <b>You said…</b>") if for_members else tr.gettext("📊 <b>Poll results</b>")
    )
    lines = [title]
    if places:
        lines.append(f"<i>{esc(', '.join(places))}</i>")
    lines += ["", f"<b>{esc(poll.question(tr.lang))}</b>", ""]
    when = tr.datetime(poll.closed_at)
    lines.append(
        tr.gettext("Closed early on {when}.").format(when=when)
        if poll.closed_early
        else tr.gettext("Closed on {when}.").format(when=when)
    )
    answered = poll.answered or 0
    lines.append(
        tr.gettext("Asked: {asked}. Answered: {answered}.").format(
            asked=counts.asked(tr, poll.electorate, len(poll.networks), minimum),
            answered=counts.people(tr, answered, minimum),
        )
    )
    if not counts.enough(answered, minimum):
        lines += [
            "",
            tr.gettext(
                "Fewer than {n} people answered, so the results are not shown: with so few "
                "answers, someone could work out how a person answered."
            ).format(n=minimum),
        ]
        return "\n".join(lines)
    if poll.kind == "open":
        lines += ["", _open_note(tr, for_members)]
        if answers and not for_members:
            lines.append("")
            lines += [f"<blockquote>{esc(a)}</blockquote>" for a in answers]
        return "\n".join(lines)
    shown = rows(tr, poll, minimum)
    for row in shown:
        lines += ["", f"<b>{esc(row.label)}</b>"]
        if row.exact is not None:
            lines.append(f"{rules.bar(row.exact, answered)} {esc(_count(row))}")
        else:
            lines.append(esc(row.words))
    if any(r.exact is None for r in shown):
        lines += [
            "",
            tr.gettext(
                "Where fewer than {n} people chose an answer, its number is not shown, and "
                "neither are the numbers that would let it be worked out."
            ).format(n=minimum),
        ]
    if poll.kind == "multiple":
        lines += [
            "",
            tr.gettext(
                "People could choose more than one answer, so the percentages add up to more "
                "than 100."
            ),
        ]
    return "\n".join(lines)


def _open_note(tr: Tr, for_members: bool) -> str:
    if for_members:
        return tr.gettext(
            "Your answers have joined the network's anonymous views: your representatives read "
            "them in their digest."
        )
    return tr.gettext(
        "The answers below have joined the network's anonymous views too, so they are also in "
        "the next digest. They are in random order."
    )


def chart(tr: Tr, poll: Poll, minimum: int) -> Chart | None:
    """The bar chart, or None when no count may be shown exactly."""
    from bot.domain.charts import Bar, bar_chart

    shown = rows(tr, poll, minimum)
    if not any(r.exact is not None for r in shown):
        return None
    note = tr.gettext("Answered: {answered}").format(
        answered=counts.people(tr, poll.answered or 0, minimum)
    )
    bars = [Bar(r.label, r.exact, _count(r)) for r in shown]
    return bar_chart(tr, poll.question(tr.lang), bars, note=note)


def csv_document(tr: Tr, poll: Poll, minimum: int) -> tuple[str, bytes] | None:
    """The counts as a CSV file (UTF-8 with BOM, for spreadsheets); None if none are shown."""
    shown = rows(tr, poll, minimum)
    if not shown:
        return None
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([tr.gettext("Answer"), tr.gettext("People"), tr.gettext("Per cent")])
    for row in shown:
        writer.writerow(
            [
                cell(row.label),
                row.exact if row.exact is not None else cell(row.words),
                row.percent if row.percent is not None else "",
            ]
        )
    writer.writerow([cell(tr.gettext("Everyone who answered")), poll.answered or 0, 100])
    return f"cydlais-poll-{poll.id}-{tr.lang}.csv", buffer.getvalue().encode("utf-8-sig")


T = TypeVar("T")


def shuffled(answers: list[T]) -> list[T]:
    """Open answers in an order that says nothing about who wrote them or when."""
    found = list(answers)
    random.SystemRandom().shuffle(found)
    return found
