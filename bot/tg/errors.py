"""The one error handler: log without personal data, tell the person what to do."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import Context
from bot.i18n import N_, as_lang, both, translator
from bot.storage import members

log = logging.getLogger("cydlais.errors")
SORRY = N_(
    "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a "
    "moment. If it keeps happening, send /help."
)


async def on_error(update: object, context: Context) -> None:
    error = context.error
    # Type and place only: the exception text can carry a person's message or id.
    where = type(update).__name__ if update is not None else "job"
    log.error("unhandled %s while handling %s", type(error).__name__, where)
    log.debug("details", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return  # they blocked the bot: there is nobody to tell
    # The error handler gets a fresh context, so the language is looked up again.
    user = update.effective_user
    member = await members.by_telegram_id(context.db, user.id) if user else None
    lang = member.language if member else as_lang(user.language_code if user else None)
    tz = context.settings.timezone
    text = translator(lang, tz).gettext(SORRY) if lang else both(SORRY, tz)
    if update.callback_query is not None:
        # Stop the button's spinner, unless the handler already did (Telegram refuses a
        # second answer): either way the apology below still goes.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell the person about the error")
