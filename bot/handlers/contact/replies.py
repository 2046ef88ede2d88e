"""Within a conversation: replies from either side (and, through `ending` and `reporting`,
ending it and reporting abuse).

Every press names a thread by its (random) id and is checked with `side_of`: only its
representative (still speaking for the network) and its sender may act on it, and only while
it is open. Replies go straight from chat to chat; nothing of them is stored.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.error import TelegramError

import bot.handlers.contact.ending as ending
import bot.handlers.contact.reporting as reporting
from bot import contact, contact_blocks
from bot.contact import Draft
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.handlers.contact.common import (
    CLOSED,
    CRISIS_OPENING,
    NO_DRAFT,
    PREVIEW,
    WRITING,
    Side,
    ThreadButton,
    ask_text,
    blocked_text,
    draft_of,
    me,
    member_controls,
    named_as,
    network_name,
    rep_controls,
    rep_name,
    send_new,
    to_member,
    to_rep,
)
from bot.handlers.contact.ending import ask_to_end
from bot.handlers.contact.reporting import ask_for_note
from bot.handlers.contact.sides import thread_and_side
from bot.storage import members
from bot.storage.contact import Thread
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with, clear_buttons, column, reply, send


async def _body(
    update: Update, context: Context, thread: Thread, side: Side, draft: Draft, *, for_lang: str
) -> str:
    """The message as its recipient reads it, in `for_lang` (the recipient's, or the writer's
    own for the preview)."""
    assert draft.text is not None
    tr = context.tr_for("cy" if for_lang == "cy" else "en")
    network = await network_name(context, tr, thread.constituency_id)
    if side == "member":
        return to_rep(
            tr,
            network=network,
            text=redact(draft.text, draft.lang).text,
            closes=thread.expires_at,
            named=named_as(user) if thread.named and (user := update.effective_user) else None,
            crisis=safety.suggests_crisis(draft.text),
        )
    return to_member(
        tr,
        rep=await rep_name(context, tr, thread),
        network=network,
        text=draft.text,
        closes=thread.expires_at,
    )


async def preview_reply(update: Update, context: Context, draft: Draft) -> None:
    found = await thread_and_side(update, context, draft.thread_id)
    if found is None:
        return
    thread, side = found
    tr = context.tr
    if side == "member" and draft.text and safety.suggests_crisis(draft.text):
        await reply(update, context, safety.support_message(tr, opening=tr.gettext(CRISIS_OPENING)))
    await steps.ask(context, PREVIEW, payload=draft)
    heading = (
        tr.gettext(
            "<b>This is exactly what the representative will receive</b> (in their language):"
        )
        if side == "member"
        else tr.gettext("<b>This is exactly what the member will receive</b> (in their language):")
    )
    body = await _body(update, context, thread, side, draft, for_lang=tr.lang)
    await answer_with(
        update,
        context,
        heading + "\n\n" + body,
        column(
            [
                (tr.gettext("Send the message"), ThreadButton(thread.id, "send").pack()),
                (tr.gettext("Edit"), ThreadButton(thread.id, "edit").pack()),
                (tr.gettext("Cancel"), ThreadButton(thread.id, "cancel").pack()),
            ]
        ),
    )


async def _send_reply(
    update: Update, context: Context, thread: Thread, side: Side, draft: Draft
) -> None:
    tr = context.tr
    services = context.services
    draft = replace(draft)  # emptying the slot forgets the held draft's words: keep a copy
    await steps.done(context)
    await clear_buttons(update)
    if side == "member":
        until = await contact_blocks.blocked_until(context.db, services.secrets, me(context))
        if until is not None:
            await answer_with(update, context, blocked_text(tr, until, sending=True))
            return
        target = await members.by_id(context.db, thread.rep_id) if thread.rep_id else None
    else:
        target = await contact.sender(context.db, services.secrets, thread)
    if target is None or target.status != "active":
        await answer_with(update, context, tr.gettext(CLOSED))
        return
    target_tr = context.tr_for(target.language)
    body = await _body(update, context, thread, side, draft, for_lang=target.language)
    draft.forget()
    markup = (
        rep_controls(target_tr, thread) if side == "member" else member_controls(target_tr, thread)
    )
    try:
        await send(context, target.chat_id, body, markup)
    except TelegramError:
        await answer_with(
            update,
            context,
            tr.gettext(
                "I couldn't pass it on: they aren't receiving messages from me at the moment. "
                "Nothing was kept."
            ),
        )
        return
    await answer_with(update, context, tr.gettext("Sent. Any reply will come here."))


@requires(Role.MEMBER, private=True)
async def thread_pressed(update: Update, context: Context, data: ThreadButton) -> None:
    """Reply, send, edit, cancel, end, report: for the conversation's two ends only."""
    found = await thread_and_side(update, context, data.thread)
    if found is None:
        return
    thread, side = found
    tr = context.tr
    waiting = await steps.current(context)
    draft = draft_of(waiting)
    mine = draft is not None and draft.thread_id == thread.id
    if data.action == "reply":
        if side == "member":
            until = await contact_blocks.blocked_until(
                context.db, context.services.secrets, me(context)
            )
            if until is not None:
                await send_new(update, context, blocked_text(tr, until))
                return
        new = Draft(lang=tr.lang, constituency_id=thread.constituency_id, thread_id=thread.id)
        new.named = thread.named
        await ask_text(update, context, new, rep=side == "rep")
    elif data.action == "send" and mine and waiting and waiting.kind is PREVIEW and draft:
        await _send_reply(update, context, thread, side, draft)
    elif data.action == "edit" and mine and waiting and waiting.kind is PREVIEW and draft:
        await clear_buttons(update)
        draft.text = None
        await ask_text(update, context, draft, rep=side == "rep")
    elif data.action == "cancel" and mine and waiting and waiting.kind in (WRITING, PREVIEW):
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing was sent."))
    elif data.action == "end":
        await ask_to_end(update, context, thread)
    elif data.action == "report" and side == "rep":
        await ask_for_note(update, context, thread)
    elif not await _answered(update, context, thread, side, data.action):
        await finished(update, context, NO_DRAFT if data.action in ("send", "edit") else None)


async def _answered(
    update: Update, context: Context, thread: Thread, side: Side, action: str
) -> bool:
    """An answer to "End this conversation?" or to "What happened?" (a report's note)."""
    if action in ("sure", "keep") and await ending.answered(
        update, context, thread, side, sure=action == "sure"
    ):
        return True
    return (
        action in ("nonote", "keep")
        and side == "rep"
        and await reporting.answered(update, context, thread, with_report=action == "nonote")
    )
