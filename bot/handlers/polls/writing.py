"""An open question's answer: written, shown back redacted, then sent.

Like a view, the words live only in the member's memory slot (`memory=True` kinds) until
they press "Send my answer": never in the database, a log or python-telegram-bot's stores.
Sent, they wait under the member's keyed tag until the poll closes, then join the network's
anonymous views. Words that suggest crisis still go, and support lines are offered at once.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Literal

from telegram import Update
from telegram.error import BadRequest

from bot.broadcasts import place_names
from bot.context import Context
from bot.domain import polls as rules
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.handlers.polls.answer import CLOSED, NOT_ASKED, SAVED, checked
from bot.i18n import N_, Lang, Tr
from bot.polls import answering, messages
from bot.storage import constituencies
from bot.storage.db import utcnow
from bot.storage.poll_answers import Answer
from bot.storage.polls import Poll
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, clear_buttons, column, reply
from bot.views import language_of


@dataclass(slots=True)
class OpenDraft:
    """An open answer being written: in the member's memory slot only."""

    poll_id: int
    message_id: int | None  # the poll message to show the answer on
    lang: Lang
    text: str | None = field(default=None, repr=False)  # redacted; never printed

    def forget(self) -> None:
        self.text = None


@dataclass(frozen=True, slots=True)
class AnswerButton(CallbackData, prefix="pans"):
    poll: int
    action: Literal["send", "edit", "cancel"]


WRITING = steps.kind("poll.answer", Role.MEMBER, memory=True)
PREVIEW = steps.kind(
    "poll.answer_preview",
    Role.MEMBER,
    buttons=(N_("Send my answer"), N_("Edit"), N_("Cancel")),
    memory=True,
)
NO_DRAFT = N_(
    "This answer is no longer open: unsent answers are deleted after 15 minutes. Press “Write "
    "my answer” on the poll to start again."
)


def _cancel(tr: Tr, poll_id: int) -> tuple[str, str]:
    return (tr.gettext("Cancel"), AnswerButton(poll_id, "cancel").pack())


async def start_writing(update: Update, context: Context, poll: Poll) -> None:
    query = update.callback_query
    message_id = query.message.message_id if query is not None and query.message else None
    draft = OpenDraft(poll.id, message_id, context.tr.lang)
    await steps.ask(context, WRITING, payload=draft)
    if query is not None:
        await query.answer()
    tr = context.tr
    await reply(
        update,
        context,
        tr.gettext(
            "Write your answer in one message, in Welsh or English, in your own words.\n\n"
            "Please leave out names and contact details. I take out phone numbers, e-mail "
            "addresses, postcodes, NHS numbers, usernames and links anyway. Nothing is sent "
            "until you have seen it and pressed “Send my answer”."
        ),
        column([_cancel(tr, poll.id)]),
    )


def _draft(waiting: steps.Waiting) -> OpenDraft | None:
    return waiting.payload if isinstance(waiting.payload, OpenDraft) else None


@steps.takes_text(WRITING)
async def answer_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The member's words: checked, redacted and shown back. Not stored yet."""
    draft = _draft(waiting)
    message = update.effective_message
    if draft is None or message is None:
        return
    tr = context.tr
    steps.touch(context)
    text = (message.text or "").strip()
    if not rules.MIN_ANSWER <= len(text) <= rules.MAX_ANSWER:
        await reply(
            update,
            context,
            tr.gettext("Please write between {min} and {max} characters, or press Cancel.").format(
                min=rules.MIN_ANSWER, max=rules.MAX_ANSWER
            ),
        )
        return
    # Labelled with the language it is written in, as a view is: it joins the views at close.
    draft.lang = await language_of(text)
    redacted = redact(text, draft.lang)
    draft.text = redacted.text
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(tr))
    lines = [
        tr.gettext(
            "<b>This is exactly what your representatives will read.</b> It does not show who "
            "you are."
        ),
        "",
        f"<blockquote>{esc(redacted.text)}</blockquote>",
    ]
    if redacted.removed:
        lines += ["", tr.gettext("I took out some personal details: they show in [brackets].")]
    await steps.ask(context, PREVIEW, payload=draft)
    buttons = [
        (tr.gettext("Send my answer"), AnswerButton(draft.poll_id, "send").pack()),
        (tr.gettext("Edit"), AnswerButton(draft.poll_id, "edit").pack()),
        _cancel(tr, draft.poll_id),
    ]
    await reply(update, context, "\n".join(lines), column(buttons))


@requires(Role.MEMBER)
async def answer_pressed(update: Update, context: Context, data: AnswerButton) -> None:
    """Send, edit or cancel an open answer being written."""
    tr = context.tr
    waiting = await steps.expecting(context, WRITING, PREVIEW)
    draft = _draft(waiting) if waiting is not None else None
    if waiting is None or draft is None or draft.poll_id != data.poll:
        await finished(update, context, NO_DRAFT)
        return
    if data.action == "cancel":
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: your answer was not sent."))
        return
    if data.action == "edit" or waiting.kind is not PREVIEW or draft.text is None:
        await steps.ask(context, WRITING, payload=draft)
        if update.callback_query is not None:
            await update.callback_query.answer()
        await clear_buttons(update)
        await reply(
            update,
            context,
            tr.gettext("Send your answer again, as you would like it to read."),
            column([_cancel(tr, draft.poll_id)]),
        )
        return
    await send(update, context, draft)


async def send(update: Update, context: Context, draft: OpenDraft) -> None:
    tr = context.tr
    found = await checked(update, context, draft.poll_id)
    if found is None:
        await steps.done(context)
        await clear_buttons(update)
        return
    poll, _ = found
    member = context.visit.member
    assert member is not None
    assert draft.text is not None
    words = draft.text  # kept here: emptying the slot forgets the draft's words
    mine = {c.id for c in await constituencies.of_member(context.db, member.id)}
    network = next((c for c in poll.networks if c in mine), poll.networks[0])
    outcome = await answering.answer(
        context.services,
        poll,
        context.visit.telegram_id,
        rules.OPEN,
        utcnow(),
        text=words,
        language=draft.lang,
        constituency_id=network,
    )
    await steps.done(context)
    if outcome != "recorded":
        why = CLOSED if outcome == "closed" else NOT_ASKED
        await answer_with(update, context, tr.gettext(why))
        return
    if draft.message_id is not None:
        places = await place_names(context.db, poll.networks, tr.lang)
        shown = messages.answered_text(
            tr, poll, places, context.settings.min_group, Answer(rules.OPEN, words, draft.lang)
        )
        with contextlib.suppress(BadRequest):  # the poll message was deleted: the answer stands
            await context.bot.edit_message_text(
                shown,
                chat_id=context.visit.chat_id,
                message_id=draft.message_id,
                reply_markup=messages.answered_keyboard(tr, poll),
            )
    await answer_with(update, context, tr.gettext(SAVED))
