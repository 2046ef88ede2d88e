"""/constituencies (/rhwydweithiau): coordinators set up networks and forums, with buttons.

`common`: the button, the questions and the two screens. `naming`: the Welsh and English
names of a new or renamed network, no name used twice. `archive`: archiving, and the
archived networks listed and restored. Every press names a constituency in its
callback_data; each handler looks it up again and acts only on one in the right state
(live, or archived to be restored), because callback_data is never trusted.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import constituencies as constituency_admin
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.constituencies.archive import archive_pressed, archived_pressed, restore_pressed
from bot.handlers.constituencies.common import (
    BROWSING,
    NAMING,
    NetworkButton,
    detail_view,
    gone,
    list_view,
    open_one,
)
from bot.handlers.constituencies.naming import ask_text, cancel_button
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler
from bot.tg.text import esc
from bot.tg.ui import answer_with, reply


@requires(Role.COORDINATOR, private=True)
async def constituencies_command(update: Update, context: Context) -> None:
    """/constituencies (/rhwydweithiau): the networks, each a button, and ways to add more."""
    await reply(update, context, *await list_view(context))
    await steps.ask(context, BROWSING)


@requires(Role.COORDINATOR, private=True)
async def pressed(update: Update, context: Context, data: NetworkButton) -> None:
    """Every button of /constituencies; the network it names is looked up again."""
    tr = context.tr
    if data.action == "seed":
        await seed_pressed(update, context)
    elif data.action == "new":
        await steps.ask(context, NAMING, {"id": None})
        await answer_with(update, context, ask_text(tr, "cy", None), cancel_button(tr))
    elif data.action == "cancel":
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing has changed."))
    elif data.action == "archived":
        await archived_pressed(update, context, data.network)
    elif data.action == "restore":
        await restore_pressed(update, context, data.network)
    elif data.action == "show" and data.network is None:
        await answer_with(update, context, *await list_view(context))
        await steps.ask(context, BROWSING)
    else:
        place = await open_one(context, data.network)
        if place is None:
            await gone(update, context)
        elif data.action == "show":
            await answer_with(update, context, *detail_view(tr, place))
            await steps.ask(context, BROWSING)
        elif data.action == "rename":
            await steps.ask(context, NAMING, {"id": place.id})
            await answer_with(update, context, ask_text(tr, "cy", place), cancel_button(tr))
        elif data.action in ("open", "close"):
            await self_join_pressed(update, context, place, data.action == "open")
        else:
            await archive_pressed(update, context, place, sure=data.action == "sure")


async def seed_pressed(update: Update, context: Context) -> None:
    """[Load the seven health board areas] from data/constituencies.csv, once; an area whose
    name a network already has (one made by hand) is left out, and the answer says which."""
    tr = context.tr
    loaded = await constituency_admin.load_health_boards(context.db, context.visit.member_id)
    if loaded.created:
        note = tr.ngettext(
            "Added {n} health board area.", "Added {n} health board areas.", loaded.created
        ).format(n=loaded.created)
    else:
        note = tr.gettext("The health board areas were already there.")
    if loaded.same_name:
        held = ", ".join(esc(p.name(tr.lang)) for p in loaded.same_name)
        note += " " + tr.ngettext(
            "Left out {n} area, because a network already has its name: {networks}.",
            "Left out {n} areas, because networks already have their names: {networks}.",
            len(loaded.same_name),
        ).format(n=len(loaded.same_name), networks=held)
    await answer_with(update, context, *await list_view(context, note))
    await steps.ask(context, BROWSING)


async def self_join_pressed(
    update: Update, context: Context, place: Constituency, self_join: bool
) -> None:
    """[Let people join it themselves] / [Make it invitation-only]."""
    await constituency_admin.set_open(context.db, context.visit.member_id, place.id, self_join)
    updated = await open_one(context, place.id)
    assert updated is not None
    await answer_with(update, context, *detail_view(context.tr, updated))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("constituencies").names, constituencies_command),
        button_handler(NetworkButton, pressed),
    ]


__all__ = ["NetworkButton", "handlers"]
