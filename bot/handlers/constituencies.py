"""/constituencies (/rhwydweithiau): coordinators set up networks and forums, with buttons.

Every press names a constituency in its callback_data; each handler looks it up again and
acts only on one that exists and is not archived, because callback_data is never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import constituencies as constituency_admin
from bot import roles as roles_service
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.storage import constituencies
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply


@dataclass(frozen=True, slots=True)
class NetworkButton(CallbackData, prefix="cons"):
    """A coordinator's press in /constituencies: what to do, to which network (None: the list)."""

    action: Literal["show", "seed", "new", "cancel", "rename", "open", "close", "archive", "sure"]
    network: int | None = None


# data: {"id": int | None (new), "cy": the Welsh name once given}
NAMING = steps.kind("constituency.name", Role.COORDINATOR)
BROWSING = steps.kind(
    "constituency.menu",
    Role.COORDINATOR,
    hint=N_("Please choose with the buttons above, or send /constituencies to see the list again."),
)


async def _open_one(context: Context, constituency_id: int | None) -> Constituency | None:
    """The constituency a press names, if it exists and is not archived."""
    if constituency_id is None:
        return None
    place = await constituencies.get(context.db, constituency_id)
    return None if place is None or place.archived else place


def list_view(tr: Tr, places: list[Constituency]) -> tuple[str, InlineKeyboardMarkup]:
    text = tr.gettext("<b>Networks and forums</b>")
    if places:
        text += "\n" + tr.gettext("Choose one to change it.")
    else:
        text += "\n" + tr.gettext("There are no networks or forums yet.")
    buttons = [(p.name(tr.lang), NetworkButton("show", p.id).pack()) for p in places]
    buttons.append((tr.gettext("Add a network or forum"), NetworkButton("new").pack()))
    buttons.append((tr.gettext("Load the seven health board areas"), NetworkButton("seed").pack()))
    return text, column(buttons)


def detail_view(tr: Tr, place: Constituency) -> tuple[str, InlineKeyboardMarkup]:
    joining = (
        tr.gettext("Anyone can join it with /join.")
        if place.self_join
        else tr.gettext("People join it only with an invitation link.")
    )
    text = f"<b>{esc(place.name_cy)}</b>\n{esc(place.name_en)}\n\n" + joining
    toggle = (
        (tr.gettext("Make it invitation-only"), NetworkButton("close", place.id).pack())
        if place.self_join
        else (tr.gettext("Let people join it themselves"), NetworkButton("open", place.id).pack())
    )
    return text, column(
        [
            (tr.gettext("Change its names"), NetworkButton("rename", place.id).pack()),
            toggle,
            (tr.gettext("Archive this network"), NetworkButton("archive", place.id).pack()),
            (tr.gettext("Back to all networks"), NetworkButton("show").pack()),
        ]
    )


@requires(Role.COORDINATOR, private=True)
async def constituencies_command(update: Update, context: Context) -> None:
    """/constituencies (/rhwydweithiau): the networks, each a button, and ways to add more."""
    places = await constituencies.list_all(context.db, lang=context.tr.lang)
    await reply(update, context, *list_view(context.tr, places))
    await steps.ask(context, BROWSING)


@requires(Role.COORDINATOR, private=True)
async def pressed(update: Update, context: Context, data: NetworkButton) -> None:
    """Every button of /constituencies; the network it names is looked up again."""
    if data.action == "seed":
        await seed_pressed(update, context)
    elif data.action == "new":
        await steps.ask(context, NAMING, {"id": None})
        await answer_with(
            update, context, ask_text(context.tr, "cy", None), cancel_button(context.tr)
        )
    elif data.action == "cancel":
        await steps.done(context)
        await answer_with(update, context, context.tr.gettext("Cancelled: nothing has changed."))
    elif data.action == "show" and data.network is None:
        places = await constituencies.list_all(context.db, lang=context.tr.lang)
        await answer_with(update, context, *list_view(context.tr, places))
        await steps.ask(context, BROWSING)
    else:
        place = await _open_one(context, data.network)
        if place is None:
            await _gone(update, context)
        elif data.action == "show":
            await answer_with(update, context, *detail_view(context.tr, place))
            await steps.ask(context, BROWSING)
        elif data.action == "rename":
            await steps.ask(context, NAMING, {"id": place.id})
            await answer_with(
                update, context, ask_text(context.tr, "cy", place), cancel_button(context.tr)
            )
        elif data.action in ("open", "close"):
            await self_join_pressed(update, context, place, data.action == "open")
        else:
            await archive_pressed(update, context, place, sure=data.action == "sure")


async def _gone(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(context.tr.gettext("That network no longer exists."), show_alert=True)


async def seed_pressed(update: Update, context: Context) -> None:
    """[Load the seven health board areas] from data/constituencies.csv, once."""
    tr = context.tr
    created = await constituency_admin.load_health_boards(context.db, context.visit.member_id)
    if created:
        note = tr.ngettext(
            "Added {n} health board area.", "Added {n} health board areas.", created
        ).format(n=created)
    else:
        note = tr.gettext("The health board areas were already there.")
    places = await constituencies.list_all(context.db, lang=context.tr.lang)
    text, markup = list_view(tr, places)
    await answer_with(update, context, note + "\n\n" + text, markup)
    await steps.ask(context, BROWSING)


async def self_join_pressed(
    update: Update, context: Context, place: Constituency, self_join: bool
) -> None:
    """[Let people join it themselves] / [Make it invitation-only]."""
    await constituency_admin.set_open(context.db, context.visit.member_id, place.id, self_join)
    updated = await _open_one(context, place.id)
    assert updated is not None
    await answer_with(update, context, *detail_view(context.tr, updated))


async def archive_pressed(
    update: Update, context: Context, place: Constituency, *, sure: bool
) -> None:
    """[Archive this network] asks first; [Yes, archive it] archives and withdraws its links."""
    tr = context.tr
    name = esc(place.name(tr.lang))
    if not sure:
        await answer_with(
            update,
            context,
            tr.gettext(
                "Archive {name}? Nobody will be able to join it, and its unused invitation links "
                "will stop working. Its members and representatives are kept."
            ).format(name=name),
            column(
                [
                    (
                        tr.gettext("Yes, archive this network"),
                        NetworkButton("sure", place.id).pack(),
                    ),
                    (tr.gettext("No, keep it as it is"), NetworkButton("show", place.id).pack()),
                ]
            ),
        )
        return
    if await constituency_admin.archive(context.db, context.visit.member_id, place.id):
        # Its representatives no longer act for it: their menus change now, not on their next visit.
        await roles_service.refresh_menus_of_representatives(
            context.bot, context.db, context.settings, place.id
        )
    places = await constituencies.list_all(context.db, lang=context.tr.lang)
    text, markup = list_view(tr, places)
    note = tr.gettext("Archived: {name}.").format(name=name)
    await answer_with(update, context, note + "\n\n" + text, markup)


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


@steps.takes_text(NAMING)
async def name_given(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The Welsh name, then the English name, of a new or renamed network."""
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    tr = context.tr
    name = constituency_admin.clean_name(message.text)
    target = waiting.data.get("id")
    place = await _open_one(context, target if isinstance(target, int) else None)
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
    if stage == "cy":
        await steps.ask(context, NAMING, {"id": target, "cy": name})
        await reply(update, context, ask_text(tr, "en", place), cancel_button(tr))
        return
    assert isinstance(welsh, str)
    await steps.ask(context, BROWSING)
    actor = context.visit.member_id
    if place is None:
        new_id = await constituency_admin.create(context.db, actor, welsh, name)
        place = await _open_one(context, new_id)
        note = tr.gettext("Created.")
    else:
        await constituency_admin.rename(context.db, actor, place.id, welsh, name)
        place = await _open_one(context, place.id)
        note = tr.gettext("Renamed.")
    assert place is not None
    text, markup = detail_view(tr, place)
    await reply(update, context, note + "\n\n" + text, markup)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("constituencies").names, constituencies_command),
        button_handler(NetworkButton, pressed),
    ]
