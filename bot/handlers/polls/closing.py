"""When a poll closes (1 day, 3 days, a week, or a time typed and read back), the reminder,
and who sees the results."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain import polls as rules
from bot.domain.when import Problem, Unread, When, read_when
from bot.handlers.polls.common import CHOOSING, WRITING, button, cancel, reload
from bot.i18n import Tr
from bot.storage import polls
from bot.storage.db import utcnow
from bot.storage.polls import Poll
from bot.tg import steps
from bot.tg.ui import answer_with, column, reply


async def ask_closing(
    update: Update, context: Context, draft: Poll, then: str | None = None
) -> None:
    tr = context.tr
    rows = [
        (tr.gettext("In 1 day"), button(draft, "close", "1d")),
        (tr.gettext("In 3 days"), button(draft, "close", "3d")),
        (tr.gettext("In a week"), button(draft, "close", "7d")),
        (tr.gettext("At another time: I'll type it"), button(draft, "close", "typed")),
        cancel(tr, draft),
    ]
    await answer_with(update, context, tr.gettext("When should the poll close?"), column(rows))
    await steps.ask(context, CHOOSING)


def example(tr: Tr) -> str:
    """A closing time as this person might type it, in their language."""
    if tr.lang == "cy":
        return tr.gettext("for example “dydd Gwener 17:00” or “3 Rhagfyr am 5pm”")
    return tr.gettext("for example “Friday 5pm” or “3 December 17:00”")


async def closing_pressed(update: Update, context: Context, draft: Poll, value: str | None) -> None:
    tr = context.tr
    if value == "typed":
        await steps.ask(context, WRITING, {"draft": draft.id, "field": "closing"})
        await answer_with(
            update,
            context,
            tr.gettext("Type when the poll should close, in Welsh or English, {example}.").format(
                example=example(tr)
            ),
            column([cancel(tr, draft)]),
        )
        return
    at = rules.closing_time(value or "", utcnow())
    if at is None:
        await ask_closing(update, context, draft)
        return
    await polls.set_closing(context.db, draft.id, at)
    await ask_remind(update, context, await reload(context, draft))


async def closing_typed(update: Update, context: Context, draft: Poll, text: str) -> None:
    """A typed closing time: read, checked, then read back for a yes before it is kept."""
    tr = context.tr
    now = utcnow()
    reading = read_when(text, now=now, tz=context.settings.timezone)
    if isinstance(reading, Unread):
        if reading.problem is Problem.PAST:
            words = tr.gettext(
                "That time has already passed. Please type a time still to come, {example}."
            )
        else:
            words = tr.gettext(
                "I couldn't read that as a date and time. Please try again, {example}."
            )
        await reply(update, context, words.format(example=example(tr)))
        return
    assert isinstance(reading, When)
    at = reading.at
    if not reading.time_given:  # a day alone: the end of the working day
        at = at.astimezone(context.settings.timezone).replace(hour=17).astimezone(at.tzinfo)
    problem = rules.check_closing(at, now)
    if problem is not None:
        words = {
            "past": tr.gettext(
                "That time has already passed. Please type a time still to come, {example}."
            ),
            "too_soon": tr.gettext(
                "A poll stays open for at least an hour, so that people can answer it. Please "
                "type a later time, {example}."
            ),
            "too_late": tr.gettext(
                "A poll can stay open for {days} days at most. Please type an earlier time, "
                "{example}."
            ),
        }[problem]
        await reply(update, context, words.format(example=example(tr), days=rules.LATEST.days))
        return
    await polls.set_closing(context.db, draft.id, at)
    lines = [tr.gettext("The poll will close on {when}.").format(when=tr.datetime(at))]
    if not reading.time_given:
        lines.append(tr.gettext("You gave no time, so I've taken 17:00."))
    lines.append(tr.gettext("Is that right?"))
    rows = [
        (tr.gettext("Yes, close it then"), button(draft, "at")),
        (tr.gettext("No, I'll type another time"), button(draft, "close", "typed")),
        cancel(tr, draft),
    ]
    await steps.ask(context, CHOOSING)
    await reply(update, context, "\n".join(lines), column(rows))


async def ask_remind(update: Update, context: Context, draft: Poll) -> None:
    tr = context.tr
    assert draft.closes_at is not None
    if not rules.can_remind(draft.closes_at, utcnow()):
        await polls.set_remind(context.db, draft.id, False)
        await ask_share(update, context, draft)
        return
    rows = [
        (tr.gettext("Yes, remind those who haven't answered"), button(draft, "remind", 1)),
        (tr.gettext("No reminder"), button(draft, "remind", 0)),
        cancel(tr, draft),
    ]
    await answer_with(
        update,
        context,
        tr.gettext(
            "Shall I remind the members who haven't answered, 24 hours before the poll closes?"
        ),
        column(rows),
    )
    await steps.ask(context, CHOOSING)


async def ask_share(update: Update, context: Context, draft: Poll) -> None:
    tr = context.tr
    rows = [
        (tr.gettext("Send the results to the members too"), button(draft, "share", 1)),
        (tr.gettext("Only to me and the representatives"), button(draft, "share", 0)),
        cancel(tr, draft),
    ]
    await answer_with(
        update,
        context,
        tr.gettext(
            "When the poll closes, who should get the results? The network's representatives "
            "always do."
        ),
        column(rows),
    )
    await steps.ask(context, CHOOSING)
