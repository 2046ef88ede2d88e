"""Either end closes a conversation: asked once, then the other end is told."""

from __future__ import annotations

from telegram import Update

from bot import contact
from bot.context import Context
from bot.handlers.contact.common import ENDING, Side, ThreadButton, send_new
from bot.handlers.contact.sides import ENDED_BY_MEMBER, ENDED_BY_REP, asked, tell_other_side
from bot.storage.contact import EndedBy, Thread
from bot.tg import steps
from bot.tg.ui import answer_with, column


async def ask_to_end(update: Update, context: Context, thread: Thread) -> None:
    tr = context.tr
    await steps.ask(context, ENDING, {"thread": thread.id})
    await send_new(
        update,
        context,
        tr.gettext(
            "End this conversation? Neither of you will be able to send anything more in it."
        ),
        column(
            [
                (tr.gettext("Yes, end the conversation"), ThreadButton(thread.id, "sure").pack()),
                (tr.gettext("No, keep it open"), ThreadButton(thread.id, "keep").pack()),
            ]
        ),
    )


async def answered(
    update: Update, context: Context, thread: Thread, side: Side, sure: bool
) -> bool:
    """The answer to "End this conversation?"; False if that was not the question asked."""
    if not asked(await steps.current(context), ENDING, thread):
        return False
    tr = context.tr
    await steps.done(context)
    if not sure:
        await answer_with(update, context, tr.gettext("It stays open."))
        return True
    await tell_other_side(
        context, thread, side, ENDED_BY_MEMBER if side == "member" else ENDED_BY_REP
    )
    by: EndedBy = "member" if side == "member" else "representative"
    await contact.end(context.db, context.services.secrets, thread, by)
    await answer_with(update, context, tr.gettext("Ended. Nothing more can be sent in it."))
    return True
