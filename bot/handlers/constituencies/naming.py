"""A new network's names, or new names for one: Welsh, then English, each checked as typed.

A name another network already has (in either language, archived networks included) is
refused at once, in the step where it was typed, so a coordinator never types an English
name only to learn that the Welsh one was taken.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import constituencies as constituency_admin
from bot.context import Context
from bot.handlers.constituencies.common import (
    BROWSING,
    NAMING,
    NetworkButton,
    detail_view,
    open_one,
)
from bot.i18n import Tr
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import column, reply


def ask_text(tr: Tr, lang: str, place: Constituency | None) -> str:
    limits = tr.gettext("({low} to {high} characters)").format(
        low=constituency_admin.NAME_MIN, high=constituency_admin.NAME_MAX
    )
    if place is None:
        question = (
            tr.gettext("What is the new network's name in Welsh?")
            if lang == "cy"
            else tr.gettext("And what is its name in English?")
        )
    elif lang == "cy":
        question = tr.gettext("What should its Welsh name be? It is now: {name}").format(
            name=esc(place.name_cy)
        )
    else:
        question = tr.gettext("And its English name? It is now: {name}").format(
            name=esc(place.name_en)
        )
    return question + " " + limits


def cancel_button(tr: Tr) -> InlineKeyboardMarkup:
    return column([(tr.gettext("Cancel"), NetworkButton("cancel").pack())])


def taken_text(tr: Tr, holder: Constituency) -> str:
    """Whose name it is, both names, Welsh first; an archived holder can be restored instead."""
    network = f"{esc(holder.name_cy)} / {esc(holder.name_en)}"
    if holder.archived:
        return tr.gettext(
            "An archived network already has that name: {network}. To use it again, restore it "
            "from the archived networks in /constituencies. Or send a different name."
        ).format(network=network)
    return tr.gettext(
        "Another network already has that name: {network}. Please send a different name."
    ).format(network=network)


@steps.takes_text(NAMING)
async def name_given(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The Welsh name, then the English name, of a new or renamed network."""
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    tr = context.tr
    name = constituency_admin.clean_name(message.text)
    target = waiting.data.get("id")
    place = await open_one(context, target if isinstance(target, int) else None)
    if target is not None and place is None:
        await steps.ask(context, BROWSING)
        await reply(update, context, tr.gettext("That network no longer exists."))
        return
    welsh = waiting.data.get("cy")
    stage = "en" if isinstance(welsh, str) else "cy"
    if name is None:
        await reply(
            update,
            context,
            tr.gettext("Please send a name of {low} to {high} characters.").format(
                low=constituency_admin.NAME_MIN, high=constituency_admin.NAME_MAX
            ),
            cancel_button(tr),
        )
        return
    besides = place.id if place is not None else None
    holder = await constituency_admin.name_holder(context.db, name, besides=besides)
    if holder is not None:  # the step still waits for this name
        await reply(update, context, taken_text(tr, holder), cancel_button(tr))
        return
    if stage == "cy":
        await steps.ask(context, NAMING, {"id": target, "cy": name})
        await reply(update, context, ask_text(tr, "en", place), cancel_button(tr))
        return
    assert isinstance(welsh, str)
    await save(update, context, place, welsh, name)


async def save(
    update: Update, context: Context, place: Constituency | None, welsh: str, english: str
) -> None:
    """Create or rename; a name taken meanwhile (by another coordinator) is refused too."""
    tr = context.tr
    try:
        if place is None:
            new_id = await constituency_admin.create(
                context.db, context.visit.member_id, welsh, english
            )
            note = tr.gettext("Created.")
        else:
            await constituency_admin.rename(
                context.db, context.visit.member_id, place.id, welsh, english
            )
            new_id, note = place.id, tr.gettext("Renamed.")
    except constituency_admin.NameTaken as taken:
        await steps.ask(context, NAMING, {"id": place.id if place else None})
        text = taken_text(tr, taken.holder) + "\n\n" + ask_text(tr, "cy", place)
        await reply(update, context, text, cancel_button(tr))
        return
    await steps.ask(context, BROWSING)
    saved = await open_one(context, new_id)
    assert saved is not None
    text, markup = detail_view(tr, saved)
    await reply(update, context, note + "\n\n" + text, markup)
