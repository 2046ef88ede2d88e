"""/contact (/cysylltu): direct contact between a member and a representative of their
network, named or anonymous; /reports (/adroddiadau) for coordinators.

`write`: choosing whom to write to and the first message (and the text and preview steps of
every message). `replies`: within a conversation, either side replies or ends it, and the
representative may report abuse. `reports`: coordinators decide on reports. The journey's
privacy promises are kept in `bot.contact` (sealed threads) and `bot.contact_blocks`
(stopping a sender without knowing who they are); messages are never stored.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import contact, contact_blocks
from bot.commands import command
from bot.context import Context, Services
from bot.handlers.contact import drafting, reporting  # noqa: F401  # their text steps register on import
from bot.handlers.contact.common import ContactButton, ThreadButton
from bot.handlers.contact.replies import thread_pressed
from bot.handlers.contact.reports import ReportButton, report_pressed, reports_command
from bot.handlers.contact.write import contact_command, contact_pressed
from bot.tg import clock
from bot.tg.buttons import button_handler


@clock.due_work("contact.expire")
async def contact_due(services: Services, now: datetime) -> bool:
    """Close conversations past their days, and lapse reports and stops past theirs."""
    await contact.expire_due(services.db, services.secrets, now)
    await contact_blocks.lapse_due(services.db, services.secrets, now)
    return False  # nothing is sent: an ending is never a message (a row would name the chat)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("contact").names, contact_command),
        CommandHandler(command("reports").names, reports_command),
        button_handler(ContactButton, contact_pressed),
        button_handler(ThreadButton, thread_pressed),
        button_handler(ReportButton, report_pressed),
    ]


__all__ = ["handlers"]
