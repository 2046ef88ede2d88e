"""Every button of the poll composer: one dispatcher, each press re-checked."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.handlers.polls.closing import ask_closing, ask_remind, ask_share, closing_pressed
from bot.handlers.polls.common import PollDraftButton, own_draft, reload
from bot.handlers.polls.compose import ask_kind, ask_text, networks, toggle_network
from bot.handlers.polls.preview import preview, send
from bot.storage import polls
from bot.storage.polls import KINDS
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.ui import answer_with


@requires(Role.REPRESENTATIVE, private=True)
async def draft_pressed(update: Update, context: Context, data: PollDraftButton) -> None:
    """Any button of the poll composer: networks, kind, closing, reminder, results, preview."""
    draft = await own_draft(update, context, data.draft)
    if draft is None:
        return
    db = context.db
    value = data.value
    if data.action == "cancel":
        await polls.cancel(db, draft.id)
        await steps.done(context)
        await answer_with(update, context, context.tr.gettext("Cancelled: nothing was sent."))
    elif data.action == "net":
        await toggle_network(update, context, draft, value)
    elif data.action == "nets":
        if draft.networks:
            await ask_text(update, context, draft, "q_cy")
        else:
            await networks(update, context, draft)
    elif data.action == "kind" and value in KINDS:
        await polls.set_kind(db, draft.id, value)
        if value == "open":
            await ask_closing(update, context, await reload(context, draft))
        else:
            await ask_text(update, context, draft, "o_cy")
    elif data.action == "close":
        await closing_pressed(update, context, draft, value)
    elif data.action == "at" and draft.closes_at is not None:
        await ask_remind(update, context, draft)
    elif data.action == "remind" and value in ("0", "1"):
        await polls.set_remind(db, draft.id, value == "1")
        await ask_share(update, context, draft)
    elif data.action == "share" and value in ("0", "1"):
        await polls.set_share(db, draft.id, value == "1")
        await preview(update, context, await reload(context, draft))
    elif data.action == "edit" and value == "q":
        await ask_text(update, context, draft, "q_cy", "preview")
    elif data.action == "edit" and value == "o" and draft.kind in ("single", "multiple"):
        await ask_text(update, context, draft, "o_cy", "preview")
    elif data.action == "edit" and value == "c":
        await ask_closing(update, context, draft)
    elif data.action == "send" and draft.kind is not None:
        await send(update, context, draft)
    elif data.action == "kind" and draft.kind is None:
        await ask_kind(update, context, draft)
    else:
        assert update.callback_query is not None
        await update.callback_query.answer()
