"""/constituencies (/rhwydweithiau): coordinators set up networks and forums, with buttons.

Every press names a constituency in its callback_data; each handler looks it up again and
acts only on one that exists and is not archived, because callback_data is never trusted.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import constituencies as constituency_admin
from bot import roles as roles_service
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import Tr
from bot.storage import constituencies, pending
from bot.storage.constituencies import Constituency
from bot.tg import callbacks, steps
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply

NAME_STEP = "constituency_name"  # data: {"id": int | None (new), "cy": Welsh name once given}


def _actor(context: Context) -> int:
    member = context.visit.member
    assert member is not None  # every handler here requires a role, so a member
    return member.id


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
    buttons = [(p.name(tr.lang), callbacks.pack("cons", p.id)) for p in places]
    buttons.append((tr.gettext("Add a network or forum"), callbacks.pack("cnew")))
    buttons.append((tr.gettext("Load the seven health board areas"), callbacks.pack("cseed")))
    return text, column(buttons)


def detail_view(tr: Tr, place: Constituency) -> tuple[str, InlineKeyboardMarkup]:
    joining = (
        tr.gettext("Anyone can join it with /join.")
        if place.self_join
        else tr.gettext("People join it only with an invitation link.")
    )
    text = f"<b>{esc(place.name_cy)}</b>\n{esc(place.name_en)}\n\n" + joining
    toggle = (
        (tr.gettext("Make it invitation-only"), callbacks.pack("cjoin", place.id, 0))
        if place.self_join
        else (tr.gettext("Let people join it themselves"), callbacks.pack("cjoin", place.id, 1))
    )
    return text, column(
        [
            (tr.gettext("Change its names"), callbacks.pack("cren", place.id)),
            toggle,
            (tr.gettext("Archive this network"), callbacks.pack("carch", place.id)),
            (tr.gettext("Back to all networks"), callbacks.pack("cons")),
        ]
    )


@requires(Role.COORDINATOR, private=True)
async def constituencies_command(update: Update, context: Context) -> None:
    """/constituencies (/rhwydweithiau): the networks, each a button, and ways to add more."""
    places = await constituencies.list_all(context.db, lang=context.tr.lang)
    await reply(update, context, *list_view(context.tr, places))


@requires(Role.COORDINATOR, private=True)
async def show_pressed(update: Update, context: Context) -> None:
    """[a network] shows it with what can be changed; [Back] shows the list again."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    tr = context.tr
    if parsed is None or not parsed.args:
        places = await constituencies.list_all(context.db, lang=context.tr.lang)
        await answer_with(update, context, *list_view(tr, places))
        return
    place = await _open_one(context, parsed.int_arg(0))
    if place is None:
        await query.answer(tr.gettext("That network no longer exists."), show_alert=True)
        return
    await answer_with(update, context, *detail_view(tr, place))


@requires(Role.COORDINATOR, private=True)
async def seed_pressed(update: Update, context: Context) -> None:
    """[Load the seven health board areas] from data/constituencies.csv, once."""
    tr = context.tr
    created = await constituency_admin.load_health_boards(context.db, _actor(context))
    if created:
        note = tr.ngettext(
            "Added {n} health board area.", "Added {n} health board areas.", created
        ).format(n=created)
    else:
        note = tr.gettext("The health board areas were already there.")
    places = await constituencies.list_all(context.db, lang=context.tr.lang)
    text, markup = list_view(tr, places)
    await answer_with(update, context, note + "\n\n" + text, markup)


@requires(Role.COORDINATOR, private=True)
async def new_pressed(update: Update, context: Context) -> None:
    """[Add a network or forum] asks for the Welsh name; [Cancel] stops adding or renaming."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    tr = context.tr
    if parsed is not None and parsed.arg(0, ("x",)):
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing has changed."))
        return
    await steps.ask(context, NAME_STEP, {"id": None})
    await answer_with(update, context, ask_text(tr, "cy", None), cancel_button(tr))


@requires(Role.COORDINATOR, private=True)
async def rename_pressed(update: Update, context: Context) -> None:
    """[Change its names] asks for the new Welsh name, then the English."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    place = await _open_one(context, parsed.int_arg(0) if parsed else None)
    if place is None:
        await query.answer(context.tr.gettext("That network no longer exists."), show_alert=True)
        return
    await steps.ask(context, NAME_STEP, {"id": place.id})
    await answer_with(update, context, ask_text(context.tr, "cy", place), cancel_button(context.tr))


@requires(Role.COORDINATOR, private=True)
async def self_join_pressed(update: Update, context: Context) -> None:
    """[Let people join it themselves] / [Make it invitation-only]."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    place = await _open_one(context, parsed.int_arg(0) if parsed else None)
    choice = parsed.arg(1, ("0", "1")) if parsed else None
    if place is None or choice is None:
        await query.answer(context.tr.gettext("That network no longer exists."), show_alert=True)
        return
    await constituency_admin.set_open(context.db, _actor(context), place.id, choice == "1")
    updated = await _open_one(context, place.id)
    assert updated is not None
    await answer_with(update, context, *detail_view(context.tr, updated))


@requires(Role.COORDINATOR, private=True)
async def archive_pressed(update: Update, context: Context) -> None:
    """[Archive this network] asks first; [Yes, archive it] archives and withdraws its links."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    tr = context.tr
    place = await _open_one(context, parsed.int_arg(0) if parsed else None)
    if parsed is None or place is None:
        await query.answer(tr.gettext("That network no longer exists."), show_alert=True)
        return
    name = esc(place.name(tr.lang))
    if not parsed.arg(1, ("yes",)):
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
                        callbacks.pack("carch", place.id, "yes"),
                    ),
                    (tr.gettext("No, keep it as it is"), callbacks.pack("cons", place.id)),
                ]
            ),
        )
        return
    if await constituency_admin.archive(context.db, _actor(context), place.id):
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
    return column([(tr.gettext("Cancel"), callbacks.pack("cnew", "x"))])


@steps.step(NAME_STEP, Role.COORDINATOR)
async def name_given(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The Welsh name, then the English name, of a new or renamed network."""
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    tr = context.tr
    name = constituency_admin.clean_name(message.text)
    target = waiting.data.get("id")
    place = await _open_one(context, target if isinstance(target, int) else None)
    if target is not None and place is None:
        await steps.done(context)
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
        await steps.ask(context, NAME_STEP, {"id": target, "cy": name})
        await reply(update, context, ask_text(tr, "en", place), cancel_button(tr))
        return
    assert isinstance(welsh, str)
    await steps.done(context)
    actor = _actor(context)
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
        CallbackQueryHandler(show_pressed, pattern=callbacks.pattern("cons")),
        CallbackQueryHandler(seed_pressed, pattern=callbacks.pattern("cseed")),
        CallbackQueryHandler(new_pressed, pattern=callbacks.pattern("cnew")),
        CallbackQueryHandler(rename_pressed, pattern=callbacks.pattern("cren")),
        CallbackQueryHandler(self_join_pressed, pattern=callbacks.pattern("cjoin")),
        CallbackQueryHandler(archive_pressed, pattern=callbacks.pattern("carch")),
    ]
