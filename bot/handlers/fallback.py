"""Last in group 0: anything no journey took: unknown commands, media, edits, stray text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.access import Role
from bot.handlers.onboarding import send_welcome
from bot.i18n import N_
from bot.tg import steps, support
from bot.tg.auth import requires
from bot.tg.ui import reply

LONG_TEXT = 3000
UNKNOWN_COMMAND = N_("I don't know that command. Send /help to see what I can do.")
MEDIA = N_(
    "Thank you, but I can only read typed text for now, not pictures, stickers, voice notes or files."
)
EDITED = N_(
    "I saw you edited a message. I only read new messages, so if something changed, please send it again."
)
EDITED_WAITING = N_("I saw you edited a message, but I only read messages as they were sent.")


async def unexpected_text(update: Update, context: Context) -> None:
    """Text that nothing was waiting for (`bot.tg.steps` calls this)."""
    visit = context.visit
    message = update.effective_message
    if await support.offer_if_needed(update, context) and visit.member is not None:
        return
    if visit.member is None:
        await send_welcome(update, context)
        return
    if message is not None and message.text and len(message.text) > LONG_TEXT:
        await reply(
            update,
            context,
            visit.tr.gettext(
                "That's a long message, and I wasn't expecting one just now. To share a view with your "
                "representatives, send /feedback first. Send /help to see everything I can do."
            ),
        )
        return
    await reply(
        update,
        context,
        visit.tr.gettext(
            "I'm not sure what you mean. To share a view with your representatives, send /feedback. "
            "Send /help to see everything I can do."
        ),
    )


@requires(Role.ANYONE)
async def unknown_command(update: Update, context: Context) -> None:
    """A command nobody registered."""
    if not context.visit.private:
        return  # in a group, other bots' commands are none of our business
    await reply(update, context, context.t(UNKNOWN_COMMAND))


@requires(Role.ANYONE)
async def media(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes, files: say kindly that only text is read for now."""
    await reply(update, context, context.t(MEDIA))


@requires(Role.ANYONE)
async def edited(update: Update, context: Context) -> None:
    """An edit to an earlier message: we act on messages as sent."""
    waiting = await steps.current(context)
    if waiting is not None and steps.text_step(waiting.kind) is None and context.visit.lang:
        # Sending it again would only be refused: the question waits for a button.
        tr = context.visit.tr
        text = f"{tr.gettext(EDITED_WAITING)} {steps.use_buttons(tr, waiting.kind)}"
        await reply(update, context, text)
        return
    await reply(update, context, context.t(EDITED))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, unknown_command),
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, edited),
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, media
        ),
    ]
