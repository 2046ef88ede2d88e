"""Support lines at once when someone's words suggest they may be in crisis, whatever else.

Used wherever text arrives that no view takes (stray text, text while a flow waits for a
button): in the person's language, or in both (Welsh first) before one is chosen.
"""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.safety import suggests_crisis, support_message
from bot.i18n import LANGS, Lang
from bot.tg.ui import reply


async def offer_if_needed(update: Update, context: Context) -> bool:
    """Reply with the support lines if the message suggests crisis; True if it did."""
    message = update.effective_message
    if message is None or not message.text or not suggests_crisis(message.text):
        return False
    lang = context.visit.lang
    langs: tuple[Lang, ...] = (lang,) if lang else LANGS
    for each in langs:
        await reply(update, context, support_message(context.tr_for(each), view=False))
    return True
