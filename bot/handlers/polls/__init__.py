"""/poll (/pleidlais) asks a network a question; members answer on the poll's message;
/polls (/polau) lists what is waiting and how polls are going.

Parts: `common` (the author's button and questions), `compose` and `closing` (writing the
draft, a database row so it survives a restart), `preview` (what each member will read,
then sending), `drafting` (every composer button), `answer` and `writing` (members'
presses and open answers), `listing` (/polls, closing early, results again), `due` (the
clock: reminders, closing on time, results).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import App, Context
from bot.domain import polls as rules
from bot.handlers.polls import due  # noqa: F401  # registers the due work with the clock
from bot.handlers.polls.answer import poll_pressed
from bot.handlers.polls.common import PollDraftButton
from bot.handlers.polls.compose import poll_command
from bot.handlers.polls.drafting import draft_pressed
from bot.handlers.polls.listing import PollAdminButton, admin_pressed, polls_command
from bot.handlers.polls.writing import AnswerButton, answer_pressed
from bot.polls.buttons import PollButton
from bot.storage import polls
from bot.storage.db import utcnow
from bot.tg import clock
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("poll").names, poll_command),
        CommandHandler(command("polls").names, polls_command),
        button_handler(PollDraftButton, draft_pressed),
        button_handler(PollButton, poll_pressed),
        button_handler(AnswerButton, answer_pressed),
        button_handler(PollAdminButton, admin_pressed),
    ]


async def on_startup(app: App) -> None:
    """The clock ticks anyway; this closes (and reminds) on the minute after a restart."""
    now = utcnow()
    for poll in await polls.open_polls(app.bot_data["services"].db):
        if poll.closes_at is None:
            continue
        moments = [poll.closes_at]
        if poll.remind and poll.reminded_at is None:
            moments.append(poll.closes_at - rules.REMIND_BEFORE)
        for moment in moments:
            if moment > now:  # one already past is caught up by the first tick
                clock.wake_at(app, moment)


__all__ = ["handlers", "on_startup"]
