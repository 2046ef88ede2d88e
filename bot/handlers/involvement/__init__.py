"""/involvement (/cyfranogiad): a representative's own record for reward and recognition, the
hours they give (typed by them), and for coordinators everyone's record as a spreadsheet.

Hours: how long (2, 1.5, 1:30, "1 awr 30 munud"), which day (today, yesterday, or typed),
and a few words on what for (optional). An entry can be removed by its owner only.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.handlers.involvement.attendance import attendance_pressed
from bot.handlers.involvement.common import (
    AttendanceButton,
    ExportButton,
    InvolvementButton,
    involvement_command,
)
from bot.handlers.involvement.export import export_pressed
from bot.handlers.involvement.hours import involvement_pressed
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("involvement").names, involvement_command),
        button_handler(InvolvementButton, involvement_pressed),
        button_handler(ExportButton, export_pressed),
        button_handler(AttendanceButton, attendance_pressed),
    ]


__all__ = ["AttendanceButton", "ExportButton", "InvolvementButton", "handlers"]
