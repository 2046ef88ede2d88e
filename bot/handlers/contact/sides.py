"""Which end of a conversation a press comes from, and telling the other end it has ended."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError

from bot import contact
from bot.context import Context
from bot.handlers.contact.common import CLOSED, Side, side_of
from bot.i18n import N_
from bot.storage import contact as store
from bot.storage import members
from bot.storage.contact import Thread
from bot.tg import steps
from bot.tg.buttons import finished
from bot.tg.ui import send

ENDED_BY_REP = N_("The representative has ended this conversation. To write again, send /contact.")
ENDED_BY_MEMBER = N_("The member has ended this conversation.")


async def thread_and_side(
    update: Update, context: Context, thread_id: int | None
) -> tuple[Thread, Side] | None:
    """The open thread named and the presser's end of it; else "it has ended" and None (a
    forged id, someone else's thread and an ended one all read the same)."""
    thread = await store.get_thread(context.db, thread_id) if thread_id else None
    side = await side_of(context, thread) if thread else None
    if thread is None or side is None:
        await steps.done(context)
        await finished(update, context, CLOSED)
        return None
    return thread, side


def asked(waiting: steps.Waiting | None, kind: steps.Kind, thread: Thread) -> bool:
    """The slot holds this question about this thread."""
    return waiting is not None and waiting.kind is kind and waiting.data.get("thread") == thread.id


async def tell_other_side(context: Context, thread: Thread, side: Side, text: str) -> None:
    """Say to the other end that the conversation has ended: straight to their chat, so no
    record of it is kept (a queued message would be a row naming their chat)."""
    if side == "member":
        other = await members.by_id(context.db, thread.rep_id) if thread.rep_id else None
    else:
        other = await contact.sender(context.db, context.services.secrets, thread)
    if other is None or other.status != "active":
        return
    with contextlib.suppress(TelegramError):
        await send(context, other.chat_id, context.tr_for(other.language).gettext(text))
