"""/outcomes (/canlyniadau): "You said, we did".

`listing`: a network's outcomes for its members, newest first, with what each answers and
its progress. `record`: representatives record one (what it answers, the Welsh and English
texts, a review day, a preview of exactly what members receive, then record and perhaps
send it through the delivery queue). `progress`: an update joins an outcome's history,
started from /outcomes or from the review-day reminder (`bot.outcomes_review`). Every
press re-checks the draft's author and that the presser speaks for the outcome's network.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context, Services
from bot.handlers.outcomes.common import OutcomeButton, OutcomesPage
from bot.handlers.outcomes.listing import outcomes_command, page_pressed
from bot.handlers.outcomes.progress import progress_pressed
from bot.handlers.outcomes.record import outcome_pressed
from bot.outcomes_review import ProgressButton, remind_due
from bot.tg import clock
from bot.tg.buttons import button_handler


@clock.due_work("outcomes.review")
async def reviews_due(services: Services, now: datetime) -> bool:
    """Remind authors whose outcomes' review day has come (the database says which)."""
    return await remind_due(services.db, services.settings, now) > 0


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("outcomes").names, outcomes_command),
        button_handler(OutcomesPage, page_pressed),
        button_handler(OutcomeButton, outcome_pressed),
        button_handler(ProgressButton, progress_pressed),
    ]


__all__ = ["handlers"]
