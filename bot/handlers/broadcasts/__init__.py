"""/broadcast (/anfon_neges) composes a message in Welsh and English; /broadcasts lists them.

`compose`: audience, kind, Welsh text, English text (the draft is a database row, so it
survives a restart; the text steps use the one slot). `preview`: exactly what each reader
receives, with jargon warnings, in as few messages as Telegram allows, then send.
`record`: /broadcasts. Every press (and every text written for a draft) re-checks that the
draft is the presser's own and still open, and that they speak for every network it names.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.handlers.broadcasts.common import BroadcastButton
from bot.handlers.broadcasts.compose import broadcast_command, pressed
from bot.handlers.broadcasts.record import broadcasts_command
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("broadcast").names, broadcast_command),
        CommandHandler(command("broadcasts").names, broadcasts_command),
        button_handler(BroadcastButton, pressed),
    ]


__all__ = ["handlers"]
