"""Typed details: the name in Welsh and English, the place, the agenda in both languages.

Each answer is checked (length, one line for a name, the same number of agenda items in
both languages), then kept: in the draft at once, or in the slot until a change is sent.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

import bot.handlers.meetings.asks as asks
from bot.context import Context
from bot.handlers.meetings.common import (
    AGENDA_CY,
    AGENDA_EN,
    AGENDA_MAX,
    PLACE,
    PLACE_MAX,
    TITLE_CY,
    TITLE_EN,
    TITLE_MAX,
    changing,
    from_slot,
)
from bot.handlers.meetings.flow import Done, next_after
from bot.i18n import Lang
from bot.meetings.texts import AGENDA_ITEMS, agenda_items
from bot.storage import meetings
from bot.storage.meetings import Field, Meeting
from bot.tg import steps
from bot.tg.ui import reply


def _typed(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message is not None else ""


async def _keep(
    context: Context, meeting: Meeting, data: dict[str, Any], field: Field, value: str
) -> dict[str, Any]:
    """Save a draft's detail now; hold a scheduled meeting's in the slot until it is sent."""
    if changing(data):
        return {**data, "updates": {**data.get("updates", {}), field: value}}
    await meetings.set_field(context.db, meeting.id, field, value)
    return data


@steps.takes_text(TITLE_CY)
@steps.takes_text(TITLE_EN)
async def title_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The meeting's name in one language: one line, up to TITLE_MAX characters."""
    meeting = await from_slot(update, context, waiting)
    if meeting is None:
        return
    tr = context.tr
    text = " ".join(_typed(update).split())
    if not text or len(text) > TITLE_MAX:
        await reply(
            update,
            context,
            tr.gettext("Please send a name of up to {max} characters.").format(max=TITLE_MAX),
        )
        return
    welsh = waiting.kind is TITLE_CY
    data = await _keep(context, meeting, waiting.data, "title_cy" if welsh else "title_en", text)
    done: Done = "title_cy" if welsh else "title_en"
    await next_after(update, context, meeting, data, done)


@steps.takes_text(PLACE)
async def place_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """Where the meeting is: an address or an online link, shown to members as typed."""
    meeting = await from_slot(update, context, waiting)
    if meeting is None:
        return
    text = _typed(update)
    if not text or len(text) > PLACE_MAX:
        await reply(
            update,
            context,
            context.tr.gettext("Please send the place in up to {max} characters.").format(
                max=PLACE_MAX
            ),
        )
        return
    data = await _keep(context, meeting, waiting.data, "place", text)
    await next_after(update, context, meeting, data, "place")


@steps.takes_text(AGENDA_CY)
@steps.takes_text(AGENDA_EN)
async def agenda_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The agenda in one language, one item a line; the English must match the Welsh."""
    meeting = await from_slot(update, context, waiting)
    if meeting is None:
        return
    tr = context.tr
    items = agenda_items(_typed(update))
    welsh = waiting.kind is AGENDA_CY
    lang: Lang = "cy" if welsh else "en"
    if not items or len(items) > AGENDA_ITEMS or len("\n".join(items)) > AGENDA_MAX:
        problem = tr.gettext(
            "Please send up to {n} items, one a line, in up to {max} characters in all."
        ).format(n=AGENDA_ITEMS, max=AGENDA_MAX)
        await asks.ask_agenda(update, context, meeting, lang, waiting.data, problem)
        return
    if not welsh:
        welsh_items = agenda_items(
            waiting.data.get("updates", {}).get("agenda_cy", meeting.agenda_cy)
        )
        if len(welsh_items) != len(items):
            problem = tr.ngettext(
                "The Welsh agenda has {n} item, and this has {m}: please send the English with "
                "the same items, one a line.",
                "The Welsh agenda has {n} items, and this has {m}: please send the English with "
                "the same items, one a line.",
                len(welsh_items),
            ).format(n=len(welsh_items), m=len(items))
            await asks.ask_agenda(update, context, meeting, "en", waiting.data, problem)
            return
    field: Field = "agenda_cy" if welsh else "agenda_en"
    data = await _keep(context, meeting, waiting.data, field, "\n".join(items))
    await next_after(update, context, meeting, data, "agenda_cy" if welsh else "agenda_en")


async def no_agenda(update: Update, context: Context, meeting: Meeting) -> None:
    """ "No agenda yet": both languages empty (members may suggest topics)."""
    waiting = await steps.expecting(context, AGENDA_CY)
    data = dict(waiting.data) if waiting is not None else {"meeting": meeting.id}
    data = await _keep(context, meeting, data, "agenda_cy", "")
    data = await _keep(context, meeting, data, "agenda_en", "")
    await next_after(update, context, meeting, data, "agenda_en")
