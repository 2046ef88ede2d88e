"""A member's rights and settings: help, language, privacy, their data, forgetting, stopping."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import personal_data, rights
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.onboarding import CHOOSING_LANGUAGE, LANG_BUTTONS, privacy_text, send_welcome
from bot.i18n import LANGS, N_, Tr
from bot.menus import menu_text, set_chat_menu
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler, finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import answer_with, keyboard, reply


@dataclass(frozen=True, slots=True)
class ForgetButton(CallbackData, prefix="forget"):
    sure: bool


CONFIRMING_FORGET = steps.kind(
    "rights.forget",
    Role.MEMBER,
    buttons=(N_("Yes, delete everything about me"), N_("No, keep my details")),
)


@requires(Role.ANYONE)
async def help_command(update: Update, context: Context) -> None:
    """/help (/cymorth): what I can do for this person."""
    visit = context.visit
    if visit.member is None:
        await send_welcome(update, context)
        return
    tr = visit.tr
    text = tr.gettext("<b>What I can do</b>") + "\n" + menu_text(tr, visit.access.top)
    await reply(update, context, text)


@requires(Role.ANYONE)
async def language_command(update: Update, context: Context) -> None:
    """/language (/iaith): choose Cymraeg or English."""
    text = context.t(N_("Which language would you like?"))
    await reply(update, context, text, keyboard(LANG_BUTTONS))
    await steps.ask(context, CHOOSING_LANGUAGE)


@requires(Role.ANYONE)
async def privacy_command(update: Update, context: Context) -> None:
    """/privacy (/preifatrwydd): the privacy notice, in the person's language (or both, Welsh first)."""
    settings = context.settings
    langs = LANGS if context.visit.lang is None else (context.visit.lang,)
    # One message per language (Welsh first): together they are longer than one message.
    for lang in langs:
        await reply(update, context, privacy_text(context.tr_for(lang), settings))


@requires(Role.MEMBER)
async def mydata_command(update: Update, context: Context) -> None:
    """/mydata (/fy_nata): everything held about the member, as text and as JSON."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    data = await rights.export(context.db, member.id)
    lines = [tr.gettext("<b>Everything I hold about you</b>")]
    lines += await rights.describe(context.db, tr, data)
    lines.append("")
    lines.append(
        tr.gettext("Views you gave anonymously are not here: they were never linked to you.")
    )
    await reply(update, context, "\n".join(lines))
    words = await personal_data.readable(context.db, tr, data, context.settings.min_group)
    await context.bot.send_document(
        context.visit.chat_id,
        BytesIO(personal_data.document(words)),
        filename=personal_data.file_name(tr),
        caption=tr.gettext("The same, as a file you can keep."),
    )


@requires(Role.MEMBER)
async def forget_command(update: Update, context: Context) -> None:
    """/forget (/anghofio): ask before erasing everything."""
    tr = context.tr
    await reply(
        update,
        context,
        tr.gettext("This deletes everything I hold about you, for good. Are you sure?"),
        keyboard(
            [(tr.gettext("Yes, delete everything about me"), ForgetButton(True).pack())],
            [(tr.gettext("No, keep my details"), ForgetButton(False).pack())],
        ),
    )
    await steps.ask(context, CONFIRMING_FORGET)


@requires(Role.MEMBER)
async def forget_pressed(update: Update, context: Context, data: ForgetButton) -> None:
    """Erase the member and every row linkable to them; say what went."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if await steps.expecting(context, CONFIRMING_FORGET) is None:
        await finished(update, context, N_("To delete everything about you, send /forget."))
        return
    await steps.done(context)  # an unsent view goes too
    if not data.sure:
        await answer_with(update, context, tr.gettext("Nothing has been deleted."))
        return
    done = await rights.forget(context.db, member.id)
    if context.user_data is not None:
        context.user_data.clear()  # nothing of theirs stays in memory either
    await set_chat_menu(context.bot, context.settings, context.visit.chat_id, tr.lang, Role.ANYONE)
    await answer_with(update, context, forget_report(tr, done))


def forget_report(tr: Tr, done: rights.Forgotten) -> str:
    lines = [tr.gettext("<b>Done. I have deleted:</b>")]
    lines += [f"• {rights.table_label(tr, t)}: {n}" for t, n in done.erased.items()]
    if done.unlinked:
        lines += ["", tr.gettext("<b>Kept, but no longer linked to you:</b>")]
        lines += [f"• {rights.table_label(tr, t)}: {n}" for t, n in done.unlinked.items()]
    lines.append("")
    lines.append(
        tr.gettext(
            "Anonymous views you gave stay, because they were never linked to you: nobody can connect "
            "them to you. If you'd like to come back one day, send /start."
        )
    )
    return "\n".join(lines)


@requires(Role.MEMBER)
async def stop_command(update: Update, context: Context) -> None:
    """/stop (/stopio): no more messages until /start."""
    member = context.visit.member
    assert member is not None
    await rights.stop(context.db, member.id)
    await steps.done(context)  # an unsent view goes too
    await reply(
        update,
        context,
        context.tr.gettext(
            "Done: I won't send you any more messages. Your details are kept; to delete them, send "
            "/forget. To hear from me again, send /start."
        ),
    )


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("help").names, help_command),
        CommandHandler(command("language").names, language_command),
        CommandHandler(command("privacy").names, privacy_command),
        CommandHandler(command("mydata").names, mydata_command),
        CommandHandler(command("forget").names, forget_command),
        CommandHandler(command("stop").names, stop_command),
        button_handler(ForgetButton, forget_pressed),
    ]
