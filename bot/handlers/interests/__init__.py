"""/interests (/buddiannau): a representative declares, changes and withdraws interests, and
chooses the name members see.

An interest is written in Welsh, then in English, then since when (a year, a month or a
day). Changing one asks the same three questions, each with a button to keep what is there.
Every press names an interest by id and is checked against the presser's own current ones.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.handlers.interests.common import InterestButton, interests_command
from bot.handlers.interests.pressed import interest_pressed
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("interests").names, interests_command),
        button_handler(InterestButton, interest_pressed),
    ]


__all__ = ["InterestButton", "handlers"]
