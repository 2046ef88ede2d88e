"""Shared by the representatives' journeys: which networks this person may act for."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update

from bot.context import Context
from bot.storage import constituencies
from bot.storage.constituencies import Constituency
from bot.tg.callbacks import CallbackData
from bot.tg.ui import keyboard, reply, tell


async def places_for(context: Context) -> list[Constituency]:
    access = context.visit.access
    return [
        c
        for c in await constituencies.list_all(context.db, lang=context.tr.lang)
        if access.speaks_for(c.id)
    ]


async def pick(
    context: Context, update: Update, question: str, button: Callable[[int], CallbackData]
) -> Constituency | None:
    """The only constituency, or None after offering a button for each (`button(id)`)."""
    tr = context.tr
    places = await places_for(context)
    if len(places) == 1:
        return places[0]
    if not places:
        await reply(update, context, tr.gettext("There are no networks for you to act for yet."))
        return None
    rows = [[(p.name(tr.lang), button(p.id).pack())] for p in places]
    await reply(update, context, question, keyboard(*rows))
    return None


def allowed(context: Context, cid: int | None) -> bool:
    return cid is not None and context.visit.access.speaks_for(cid)


async def refuse(update: Update, context: Context) -> None:
    await tell(
        update, context, context.tr.gettext("You can only do this for networks you speak for.")
    )


def member_id(context: Context) -> int | None:
    return context.visit.member.id if context.visit.member else None
