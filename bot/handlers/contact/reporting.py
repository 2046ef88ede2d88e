"""A representative reports abuse in a conversation, with or without a note: the sender's
keyed hash is made while the thread can still be unsealed, the thread ends, and every
coordinator is told (`bot.contact_blocks`, `bot.handlers.contact.reports`)."""

from __future__ import annotations

from telegram import Update

from bot import contact, contact_blocks
from bot.context import Context
from bot.handlers.contact.common import NOTE, ThreadButton, me, send_new
from bot.handlers.contact.reports import notify_coordinators
from bot.handlers.contact.sides import ENDED_BY_REP, asked, tell_other_side, thread_and_side
from bot.storage.contact import Thread
from bot.tg import steps
from bot.tg.ui import answer_with, column, reply
from bot.views import today


async def ask_for_note(update: Update, context: Context, thread: Thread) -> None:
    tr = context.tr
    await steps.ask(context, NOTE, {"thread": thread.id})
    await send_new(
        update,
        context,
        tr.gettext(
            "What happened? Write a short note for the coordinators: it is all they will see of "
            "this. Or report it without one. Reporting ends the conversation."
        ),
        column(
            [
                (tr.gettext("Report it without a note"), ThreadButton(thread.id, "nonote").pack()),
                (tr.gettext("No, keep it open"), ThreadButton(thread.id, "keep").pack()),
            ]
        ),
    )


async def answered(update: Update, context: Context, thread: Thread, with_report: bool) -> bool:
    """ "Report it without a note" or "keep it open"; False if the note was not being asked."""
    if not asked(await steps.current(context), NOTE, thread):
        return False
    if with_report:
        await report(update, context, thread, "")
    else:
        await steps.done(context)
        await answer_with(update, context, context.tr.gettext("It stays open."))
    return True


@steps.takes_text(NOTE)
async def note_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The representative's note about what happened; then the report is made."""
    raw = waiting.data.get("thread")
    found = await thread_and_side(update, context, raw if isinstance(raw, int) else None)
    if found is None:
        return
    thread, side = found
    if side != "rep":
        await steps.done(context)
        return
    message = update.effective_message
    note = " ".join((message.text or "").split()) if message else ""
    if not 1 <= len(note) <= contact_blocks.NOTE_MAX:
        await reply(
            update,
            context,
            context.tr.gettext("Please write at most {max} characters.").format(
                max=f"{contact_blocks.NOTE_MAX:,}"
            ),
        )
        return
    await report(update, context, thread, note)


async def report(update: Update, context: Context, thread: Thread, note: str) -> None:
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
    await tell_other_side(context, thread, "rep", ENDED_BY_REP)
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
