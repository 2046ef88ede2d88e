"""Within a conversation: replies from either side, ending it, and reporting abuse.

Every press names a thread by its (random) id and is checked with `side_of`: only its
representative (still speaking for the network) and its sender may act on it, and only while
it is open. Replies go straight from chat to chat; nothing of them is stored.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from telegram import Update
from telegram.error import TelegramError

from bot import contact, contact_blocks
from bot.contact import Draft
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.handlers.contact.common import (
    CLOSED,
    ENDING,
    NO_DRAFT,
    NOTE,
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
    side_of,
    to_member,
    to_rep,
)
from bot.handlers.contact.reports import notify_coordinators
from bot.i18n import N_
from bot.storage import contact as store
from bot.storage import members
from bot.storage.contact import Thread
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with, clear_buttons, column, reply, send
from bot.views import today


async def _thread_and_side(
    update: Update, context: Context, thread_id: int | None
) -> tuple[Thread, Side] | None:
    thread = await store.get_thread(context.db, thread_id) if thread_id else None
    side = await side_of(context, thread) if thread else None
    if thread is None or side is None:
        await steps.done(context)
        await finished(update, context, CLOSED)
        return None
    return thread, side


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
    found = await _thread_and_side(update, context, draft.thread_id)
    if found is None:
        return
    thread, side = found
    tr = context.tr
    if side == "member" and draft.text and safety.suggests_crisis(draft.text):
        await reply(update, context, safety.support_message(tr, contact=True))
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


async def _tell_other_side(context: Context, thread: Thread, side: Side, text: str) -> None:
    """Say to the other end that the conversation has ended: straight to their chat, so no
    record of it is kept (a queued message would be a row naming their chat)."""
    services = context.services
    if side == "member":
        other = await members.by_id(context.db, thread.rep_id) if thread.rep_id else None
    else:
        other = await contact.sender(context.db, services.secrets, thread)
    if other is None or other.status != "active":
        return
    with contextlib.suppress(TelegramError):
        await send(context, other.chat_id, context.tr_for(other.language).gettext(text))


ENDED_BY_REP = N_("The representative has ended this conversation. To write again, send /contact.")
ENDED_BY_MEMBER = N_("The member has ended this conversation.")


@requires(Role.MEMBER, private=True)
async def thread_pressed(update: Update, context: Context, data: ThreadButton) -> None:
    """Reply, send, edit, cancel, end, report: for the conversation's two ends only."""
    found = await _thread_and_side(update, context, data.thread)
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
        await steps.ask(context, ENDING, {"thread": thread.id})
        await send_new(
            update,
            context,
            tr.gettext(
                "End this conversation? Neither of you will be able to send anything more in it."
            ),
            column(
                [
                    (
                        tr.gettext("Yes, end the conversation"),
                        ThreadButton(thread.id, "sure").pack(),
                    ),
                    (tr.gettext("No, keep it open"), ThreadButton(thread.id, "keep").pack()),
                ]
            ),
        )
    elif data.action in ("sure", "keep") and _asked(waiting, ENDING, thread):
        await steps.done(context)
        if data.action == "keep":
            await answer_with(update, context, tr.gettext("It stays open."))
            return
        await _tell_other_side(
            context, thread, side, ENDED_BY_MEMBER if side == "member" else ENDED_BY_REP
        )
        await contact.end(
            context.db,
            context.services.secrets,
            thread,
            "member" if side == "member" else "representative",
        )
        await answer_with(update, context, tr.gettext("Ended. Nothing more can be sent in it."))
    elif data.action == "report" and side == "rep":
        await steps.ask(context, NOTE, {"thread": thread.id})
        await send_new(
            update,
            context,
            tr.gettext(
                "What happened? Write a short note for the coordinators: it is all they will see "
                "of this. Or report it without one. Reporting ends the conversation."
            ),
            column(
                [
                    (
                        tr.gettext("Report it without a note"),
                        ThreadButton(thread.id, "nonote").pack(),
                    ),
                    (tr.gettext("No, keep it open"), ThreadButton(thread.id, "keep").pack()),
                ]
            ),
        )
    elif data.action == "nonote" and side == "rep" and _asked(waiting, NOTE, thread):
        await _report(update, context, thread, "")
    elif data.action == "keep" and _asked(waiting, NOTE, thread):
        await steps.done(context)
        await answer_with(update, context, tr.gettext("It stays open."))
    else:
        await finished(update, context, NO_DRAFT if data.action in ("send", "edit") else None)


def _asked(waiting: steps.Waiting | None, kind: steps.Kind, thread: Thread) -> bool:
    return waiting is not None and waiting.kind is kind and waiting.data.get("thread") == thread.id


@steps.takes_text(NOTE)
async def note_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The representative's note about what happened; then the report is made."""
    raw = waiting.data.get("thread")
    found = await _thread_and_side(update, context, raw if isinstance(raw, int) else None)
    if found is None:
        return
    thread, side = found
    message = update.effective_message
    note = " ".join((message.text or "").split()) if message else ""
    if side != "rep":
        await steps.done(context)
        return
    if not 1 <= len(note) <= contact_blocks.NOTE_MAX:
        await reply(
            update,
            context,
            context.tr.gettext("Please write at most {max} characters.").format(
                max=f"{contact_blocks.NOTE_MAX:,}"
            ),
        )
        return
    await _report(update, context, thread, note)


async def _report(update: Update, context: Context, thread: Thread, note: str) -> None:
    tr = context.tr
    services = context.services
    await steps.done(context)
    sender = await contact.sender(context.db, services.secrets, thread)
    report_id = None
    if sender is not None:
        report_id = await contact_blocks.report(
            context.db,
            services.secrets,
            thread=thread,
            sender=sender,
            reporter_id=me(context).id,
            note=note,
            today=today(context.settings),
        )
    await _tell_other_side(context, thread, "rep", ENDED_BY_REP)
    await contact.end(context.db, services.secrets, thread, "reported")
    if report_id is None:
        await answer_with(
            update,
            context,
            tr.gettext("The sender has left, so the conversation is simply closed."),
        )
        return
    await notify_coordinators(context, report_id)
    await answer_with(
        update,
        context,
        tr.gettext(
            "Reported, and the conversation has ended. A coordinator will decide whether to stop "
            "this sender writing to representatives. Nobody, them included, will learn who it was."
        ),
    )
