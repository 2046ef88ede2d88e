"""Giving an anonymous view: choose the network and topic, write, preview, send.

The draft (`bot.views.Draft`) lives in the member's memory slot only (`bot.tg.steps`,
`memory=True` kinds): never in the database, python-telegram-bot's user_data or a log, and
it goes when anything else is asked of the member. In a group the bot never takes a view,
because a group is not anonymous. A view that suggests crisis is still accepted, and
support lines are offered at once (`bot.domain.safety`).

Parts: `common` (the button, the steps), `writing` (the command and the words), `preview`
(what representatives will read, and sending), `pressed` (every button).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.commands import command
from bot.context import Context
from bot.handlers.feedback.common import GROUP_REFUSAL, PREVIEW, WRITING, ViewButton
from bot.handlers.feedback.pressed import view_pressed
from bot.handlers.feedback.writing import feedback_command, media
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler(command("feedback").names, feedback_command),
        button_handler(ViewButton, view_pressed),
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, media
        ),
    ]


__all__ = ["GROUP_REFUSAL", "PREVIEW", "WRITING", "ViewButton", "handlers"]
