"""Papers: documents the organiser sends to the bot while managing a meeting.

Only Telegram's `file_id` is kept (the file stays with Telegram). Before the papers reminder
a paper waits for it; after, it goes to everyone already told at once, marked late. A file
sent when no meeting is waiting for papers goes on to whoever else handles files.
"""

from __future__ import annotations

from telegram import Update

import bot.handlers.meetings.screens as screens
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.feedback.writing import media as not_for_papers
from bot.handlers.meetings.common import PAPERS, button, from_slot
from bot.meetings import counts, plan
from bot.storage import meetings
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply

MAX_PAPERS = 10
NAME_MAX = 120


def _done_button(context: Context, meeting: Meeting) -> list[tuple[str, str]]:
    return [(context.tr.gettext("That's all the papers"), button(meeting, "pdone"))]


async def ask_papers(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    if meeting.status != "scheduled":
        await finished(update, context)
        return
    await steps.ask(context, PAPERS, {"meeting": meeting.id})
    await answer_with(
        update,
        context,
        tr.gettext(
            "Send me the papers for “{title}” as files (PDF, Word and so on), one or more. "
            "Press the button when you have finished."
        ).format(title=esc(meeting.title(tr.lang))),
        column(_done_button(context, meeting)),
    )


async def papers_done(update: Update, context: Context, meeting: Meeting) -> None:
    if await steps.expecting(context, PAPERS) is None:
        await finished(update, context)
        return
    await steps.done(context)
    await screens.manage(update, context, meeting)


@requires(Role.ANYONE)
async def file_sent(update: Update, context: Context) -> None:
    """A file: a paper if a meeting is waiting for papers, else what other journeys say."""
    waiting = await steps.expecting(context, PAPERS)
    message = update.effective_message
    if waiting is None or message is None or not context.visit.access.has(Role.REPRESENTATIVE):
        await not_for_papers(update, context)
        return
    meeting = await from_slot(update, context, waiting)
    if meeting is None:
        return
    tr = context.tr
    document = message.document
    if document is None:
        await reply(
            update, context, tr.gettext(PAPERS.hint or ""), column(_done_button(context, meeting))
        )
        return
    if len(await meetings.papers(context.db, meeting.id)) >= MAX_PAPERS:
        await reply(
            update,
            context,
            tr.gettext("A meeting can have up to {n} papers.").format(n=MAX_PAPERS),
            column(_done_button(context, meeting)),
        )
        return
    name = (document.file_name or tr.gettext("paper")).strip()[:NAME_MAX]
    late, told = await plan.add_paper(context.services, meeting.id, document.file_id, name)
    if late:
        context.services.delivery.wake()
        text = tr.gettext(
            "Added “{name}”. It is late, so it is going now to everyone already told about the meeting: {people}."
        ).format(
            name=esc(name), people=counts.people(tr, told, context.settings.min_group, meeting)
        )
    else:
        text = tr.gettext("Added “{name}”. It will go with the first reminder.").format(
            name=esc(name)
        )
    text += "\n" + tr.gettext("Send another, or press the button if that's all.")
    await reply(update, context, text, column(_done_button(context, meeting)))
