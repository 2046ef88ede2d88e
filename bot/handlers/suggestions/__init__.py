"""Agenda suggestions: `/suggest` (`/awgrymu`) for a coming meeting, anonymously, and support
for each other's topics (`members`); topics most supported first, and putting one on the
agenda, for organisers and representatives (`ranked`); writing one (`writing`). The words of a topic are held in the
member's memory slot until sent, like a view's; the service is `bot.suggestions`.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.suggestions.common import open_meeting
from bot.handlers.suggestions.members import show_topics, suggest_command, support_pressed
from bot.handlers.suggestions.ranked import agenda_pressed, show_ranked
from bot.handlers.suggestions.writing import draft_pressed, start_writing
from bot.meetings.buttons import SuggestButton
from bot.tg.auth import requires
from bot.tg.buttons import button_handler


@requires(Role.MEMBER, private=True)
async def suggest_pressed(update: Update, context: Context, data: SuggestButton) -> None:
    """Every button of the journey; each press re-reads the meeting or topic it names."""
    if data.action in ("send", "edit", "cancel", "lang"):
        await draft_pressed(update, context, data)
    elif data.action == "support":
        await support_pressed(update, context, data)
    elif data.action == "agenda":
        await agenda_pressed(update, context, data)
    else:
        meeting = await open_meeting(update, context, data.id)
        if meeting is None:
            return
        if data.action == "new":
            await start_writing(update, context, meeting)
        elif data.action == "ranked":
            await show_ranked(update, context, meeting)
        else:
            await show_topics(update, context, meeting)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("suggest").names, suggest_command),
        button_handler(SuggestButton, suggest_pressed),
    ]


__all__ = ["SuggestButton", "handlers", "show_ranked"]
