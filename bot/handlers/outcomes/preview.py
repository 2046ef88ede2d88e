"""An outcome's preview (exactly what Welsh and English readers receive, and how many it
reaches), then recording it, quietly or sent to the network."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import outcomes
from bot.context import Context
from bot.domain import jargon
from bot.handlers.outcomes.common import (
    NO_LONGER,
    PREVIEW,
    button,
    cancel_button,
    member_id,
)
from bot.i18n import LANGS, Tr, translator
from bot.storage import constituencies
from bot.storage.outcomes import Outcome
from bot.tg import steps
from bot.tg.text import esc, pack_blocks
from bot.tg.ui import answer_with, column, reply


def _jargon(tr: Tr, draft: Outcome) -> list[str]:
    lines: list[str] = []
    for lang in LANGS:
        hits = jargon.find(draft.said(lang) + "\n" + draft.did(lang))
        if hits:
            if not lines:
                lines.append(
                    tr.gettext(
                        "<b>Plain language check.</b> Some readers may not know these words; "
                        "you can still send as it is."
                    )
                )
            lines += [f"• {esc(h.found)}: {esc(h.entry.plain(lang))}" for h in hits]
    return lines


def _controls(tr: Tr, draft: Outcome) -> InlineKeyboardMarkup:
    return column(
        [
            (tr.gettext("Record it and send it to members"), button(draft, "send")),
            (tr.gettext("Record it without sending"), button(draft, "record")),
            (tr.gettext("Edit the Welsh"), button(draft, "edit", "cy")),
            (tr.gettext("Edit the English"), button(draft, "edit", "en")),
            cancel_button(tr, draft),
        ]
    )


async def preview(update: Update, context: Context, draft: Outcome) -> None:
    """Exactly what Welsh and English readers receive, who it reaches, then the controls."""
    tr = context.tr
    tz = context.settings.timezone
    reached = len(await outcomes.recipients(context.db, draft.constituency_id))
    place = await constituencies.get(context.db, draft.constituency_id)
    summary = [
        tr.gettext("<b>Check the outcome before it is recorded.</b>"),
        tr.gettext("Network: {name}").format(name=esc(place.name(tr.lang)) if place else ""),
        tr.gettext("Review day: {date}").format(date=tr.date(draft.review_on, "full"))
        if draft.review_on
        else tr.gettext("Review day: none"),
        *_jargon(tr, draft),
    ]
    blocks = ["\n".join(summary)]
    for lang in LANGS:
        blocks.append(
            tr.gettext("⬇️ Welsh readers will receive this:")
            if lang == "cy"
            else tr.gettext("⬇️ English readers will receive this:")
        )
        blocks.append(
            await outcomes.render(
                context.db, translator(lang, tz), draft, context.settings.min_group
            )
        )
    blocks.append(
        tr.gettext(
            "Record it for the network's list of outcomes (/outcomes), and send it to its "
            "members as a progress update? It would reach {people}."
        ).format(people=outcomes.people(tr, reached, context.settings.min_group))
    )
    messages = pack_blocks(blocks)
    for message in messages[:-1]:
        await reply(update, context, message)
    await reply(update, context, messages[-1], _controls(tr, draft))
    await steps.ask(context, PREVIEW, {"draft": draft.id})


async def finish(update: Update, context: Context, draft: Outcome, send: bool) -> None:
    """Only from the preview (`PREVIEW` in the slot): every text has been written by then."""
    tr = context.tr
    count = await outcomes.record(
        context.db,
        draft,
        send=send,
        author_id=member_id(context),
        report_chat_id=context.visit.chat_id,
        report_lang=tr.lang,
        tz=context.settings.timezone,
        minimum=context.settings.min_group,
    )
    await steps.done(context)
    if count is None:
        await answer_with(update, context, tr.gettext(NO_LONGER))
        return
    if count:
        context.services.delivery.wake()
        text = tr.gettext(
            "Recorded, and sending to {people} now. Members can read it any time with /outcomes."
        ).format(people=outcomes.people(tr, count, context.settings.min_group))
    elif send:
        text = tr.gettext(
            "Recorded. The network has no active members yet, so nothing was sent; members "
            "will find it with /outcomes."
        )
    else:
        text = tr.gettext("Recorded, without sending. Members can read it with /outcomes.")
    await answer_with(update, context, text)
