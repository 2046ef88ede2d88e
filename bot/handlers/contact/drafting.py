"""The words of every message in a conversation, from either side: checked, then shown
exactly as they will arrive (`preview` for the first message; replies in `replies`).

The draft lives in the writer's memory slot only: never the database."""

from __future__ import annotations

from telegram import Update

from bot import contact
from bot.contact import Draft
from bot.context import Context
from bot.domain import safety
from bot.domain.redaction import redact
from bot.handlers.contact.common import (
    CRISIS_OPENING,
    NO_DRAFT,
    PREVIEW,
    WRITING,
    ContactButton,
    draft_of,
    named_as,
    network_name,
    to_rep,
)
from bot.handlers.contact.replies import preview_reply
from bot.tg import steps
from bot.tg.ui import answer_with, column, reply
from bot.views import today


@steps.takes_text(WRITING)
async def text_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The words of a message, either side: checked, then previewed. Never stored."""
    draft = draft_of(waiting)
    message = update.effective_message
    if draft is None or message is None:
        await steps.done(context)
        await reply(update, context, context.tr.gettext(NO_DRAFT))
        return
    steps.touch(context)
    tr = context.tr
    text = (message.text or "").strip()
    if not contact.MIN_LENGTH <= len(text) <= contact.MAX_LENGTH:
        await reply(
            update,
            context,
            tr.gettext("Please write {low} to {high} characters: this has {n}.").format(
                low=contact.MIN_LENGTH, high=f"{contact.MAX_LENGTH:,}", n=f"{len(text):,}"
            ),
        )
        return
    draft.text = text
    if draft.thread_id is not None:
        await preview_reply(update, context, draft)
        return
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(tr, opening=tr.gettext(CRISIS_OPENING)))
    await preview(update, context, draft)


def redacted(draft: Draft) -> str:
    """The draft's words as they will arrive: personal details taken out."""
    assert draft.text is not None
    return redact(draft.text, draft.lang).text


async def preview(update: Update, context: Context, draft: Draft) -> None:
    """Exactly what the representative will receive (in your language here)."""
    tr = context.tr
    assert draft.constituency_id is not None
    assert draft.text is not None
    user = update.effective_user
    await steps.ask(context, PREVIEW, payload=draft)
    body = to_rep(
        tr,
        network=await network_name(context, tr, draft.constituency_id),
        text=redacted(draft),
        closes=contact.closes_at(
            today(context.settings), context.settings.contact_days, context.settings.timezone
        ),
        named=named_as(user) if draft.named and user else None,
        crisis=safety.suggests_crisis(draft.text),
    )
    text = (
        tr.gettext(
            "<b>This is exactly what the representative will receive</b> (in their language):"
        )
        + "\n\n"
        + body
    )
    buttons = [
        (tr.gettext("Send the message"), ContactButton("send").pack()),
        (tr.gettext("Edit"), ContactButton("edit").pack()),
        (tr.gettext("Cancel"), ContactButton("cancel").pack()),
    ]
    await answer_with(update, context, text, column(buttons))
