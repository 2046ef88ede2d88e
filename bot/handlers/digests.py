"""Representatives' side of views: /digest, /digesttime, /linkgroup, and the schedule.

Every button names a constituency or topic in its callback_data, and every press is
re-checked with `speaks_for`: a representative acts only for their own constituencies.
"""

from __future__ import annotations

import logging
from datetime import time
from io import BytesIO

from babel.dates import get_day_names
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.commands import command
from bot.context import App, Context
from bot.digests import csv_document, gather, last_week, render, so_far
from bot.digests_schedule import run_due
from bot.domain.access import Role
from bot.i18n import N_
from bot.storage import audit, constituencies
from bot.storage import digests as digest_store
from bot.storage.constituencies import Constituency
from bot.storage.db import utcnow
from bot.tg import callbacks
from bot.tg.acting_for import allowed, member_id, pick, refuse
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import answer_with, keyboard, reply, send
from bot.views import today

log = logging.getLogger("cydlais.digests")
TIMES = ("08:00", "09:00", "12:00", "15:00", "17:00", "19:00")
TODAY_TOMORROW = N_(
    "Views given today show from tomorrow, so that nobody can tell when a view was given."
)


async def on_startup(app: App) -> None:
    """One repeating job; what is due is read from the database each time."""
    if app.job_queue is not None:
        app.job_queue.run_repeating(tick, interval=60, first=10, name="digests:due")


async def tick(context: Context) -> None:
    """Every minute: queue owed digests, and let go of expired drafts."""
    services = context.services
    services.drafts.sweep()
    if await run_due(services.db, services.settings, utcnow()):
        context.services.delivery.wake()


# ------------------------------------------------------------------ /digest


@requires(Role.REPRESENTATIVE, private=True)
async def digest_command(update: Update, context: Context) -> None:
    """/digest (/crynodeb): the views of a network now, this week so far or last week."""
    tr = context.tr
    place = await pick(context, update, "digest", tr.gettext("Which network's views?"))
    if place is not None:
        await offer_periods(update, context, place)


async def offer_periods(
    update: Update, context: Context, place: Constituency, first: str | None = None
) -> None:
    tr = context.tr
    markup = keyboard(
        [(tr.gettext("This week so far"), callbacks.pack("digest", "p", place.id, "this"))],
        [(tr.gettext("Last week"), callbacks.pack("digest", "p", place.id, "last"))],
    )
    text = tr.gettext("Views from {name}: which week?").format(name=esc(place.name(tr.lang)))
    text += "\n\n" + tr.gettext(TODAY_TOMORROW)
    if first:
        text = first + "\n\n" + text
    await answer_with(update, context, text, markup)


@requires(Role.REPRESENTATIVE, private=True)
async def digest_pressed(update: Update, context: Context) -> None:
    """A network, then a week: send that digest here, with the views as a CSV file."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    cid = parsed.int_arg(1) if parsed else None
    if parsed is None or not allowed(context, cid) or not context.visit.private:
        await refuse(update, context)
        return
    assert cid is not None
    place = await constituencies.get(context.db, cid)
    if place is None:
        await query.answer()
        return
    which = parsed.arg(2, ("this", "last"))
    if parsed.arg(0, ("c", "p")) == "c" or which is None:
        await offer_periods(update, context, place)
        return
    tr = context.tr
    schedule = await digest_store.schedule(context.db, cid)
    day = today(context.settings)
    period = so_far(day, schedule.weekday) if which == "this" else last_week(day, schedule.weekday)
    if period is None:
        nothing = tr.gettext("This week has only just begun: there is nothing to show yet.")
        await offer_periods(update, context, place, nothing)
        return
    data = await gather(context.db, place, period)
    await query.answer()
    chat_id = context.visit.chat_id
    for part in render(data, tr, context.settings.min_group):
        await send(context, chat_id, part)
    if data.views:
        name, content = csv_document(data, tr)
        await context.bot.send_document(
            chat_id,
            BytesIO(content),
            filename=name,
            caption=tr.gettext("All the views, as a spreadsheet file (CSV)."),
        )


# ------------------------------------------------------------------ /digesttime


@requires(Role.REPRESENTATIVE, private=True)
async def digesttime_command(update: Update, context: Context) -> None:
    """/digesttime (/amsercrynodeb): the day and time a network's weekly digest arrives."""
    tr = context.tr
    place = await pick(context, update, "dsched", tr.gettext("The digest of which network?"))
    if place is not None:
        await offer_days(update, context, place)


async def offer_days(update: Update, context: Context, place: Constituency) -> None:
    tr = context.tr
    current = await digest_store.schedule(context.db, place.id)
    days = get_day_names("wide", locale=tr.locale)
    text = tr.gettext(
        "Weekly digest for {name}: {day}, {time}. Which day would you like it on?"
    ).format(
        name=esc(place.name(tr.lang)), day=days[current.weekday], time=current.at.strftime("%H:%M")
    )
    rows = [[(days[d], callbacks.pack("dsched", "d", place.id, d))] for d in range(7)]
    await answer_with(update, context, text, keyboard(*rows))


@requires(Role.REPRESENTATIVE, private=True)
async def digesttime_pressed(update: Update, context: Context) -> None:
    """A network, then a day, then a time: the schedule is saved."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = callbacks.parse(query.data)
    action = parsed.arg(0, ("c", "d", "t")) if parsed else None
    cid = parsed.int_arg(1) if parsed else None
    if parsed is None or action is None or not allowed(context, cid):
        await refuse(update, context)
        return
    assert cid is not None
    place = await constituencies.get(context.db, cid)
    if place is None:
        await query.answer()
        return
    weekday = parsed.int_arg(2)
    if action == "c" or weekday is None or weekday > 6:
        await offer_days(update, context, place)
        return
    days = get_day_names("wide", locale=tr.locale)
    if action == "d":
        rows = [
            [(t, callbacks.pack("dsched", "t", cid, weekday, t.replace(":", "")))] for t in TIMES
        ]
        await answer_with(
            update,
            context,
            tr.gettext("{day}: at what time?").format(day=days[weekday]),
            keyboard(*rows),
        )
        return
    raw = parsed.args[3] if len(parsed.args) > 3 else ""
    chosen = next((t for t in TIMES if t.replace(":", "") == raw), None)
    if chosen is None:
        await query.answer()
        return
    await digest_store.set_schedule(context.db, cid, weekday, time.fromisoformat(chosen))
    await audit.record(
        context.db,
        member_id(context),
        "digest.scheduled",
        f"constituency {cid}: {weekday} {chosen}",
    )
    await answer_with(
        update,
        context,
        tr.gettext("Saved. Weekly digest for {name}: {day}, {time}.").format(
            name=esc(place.name(tr.lang)), day=days[weekday], time=chosen
        ),
    )


# ------------------------------------------------------------------ /linkgroup


@requires(Role.COORDINATOR)
async def linkgroup_command(update: Update, context: Context) -> None:
    """/linkgroup (/cysylltugrwp), in a group: choose networks whose digests come here too."""
    tr = context.tr
    if context.visit.private:
        await reply(
            update,
            context,
            tr.gettext("Send /linkgroup inside the representatives' group chat, not here."),
        )
        return
    await show_links(update, context)


async def show_links(update: Update, context: Context) -> None:
    tr = context.tr
    linked = await digest_store.links_of_chat(context.db, context.visit.chat_id)
    rows = [
        [(("✓ " if c.id in linked else "") + c.name(tr.lang), callbacks.pack("linkgrp", c.id))]
        for c in await constituencies.list_all(context.db, lang=context.tr.lang)
    ]
    text = tr.gettext(
        "Which networks' digests should come to this group too? Press a network to link it, or "
        "press it again to unlink it."
    )
    await answer_with(update, context, text, keyboard(*rows))


@requires(Role.COORDINATOR)
async def linkgroup_pressed(update: Update, context: Context) -> None:
    """Link or unlink this group and a network."""
    query = update.callback_query
    assert query is not None
    parsed = callbacks.parse(query.data)
    cid = parsed.int_arg(0) if parsed else None
    chat_id = context.visit.chat_id
    place = await constituencies.get(context.db, cid) if cid is not None else None
    if place is None or context.visit.private:
        await query.answer()
        return
    if await digest_store.link_group(context.db, chat_id, place.id, context.tr.lang):
        action = "group.linked"
    else:
        await digest_store.unlink_group(context.db, chat_id, place.id)
        action = "group.unlinked"
    await audit.record(context.db, member_id(context), action, f"constituency {place.id}")
    await show_links(update, context)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("digest").names, digest_command),
        CommandHandler(command("digesttime").names, digesttime_command),
        CommandHandler(command("linkgroup").names, linkgroup_command),
        CallbackQueryHandler(digest_pressed, pattern=callbacks.pattern("digest")),
        CallbackQueryHandler(digesttime_pressed, pattern=callbacks.pattern("dsched")),
        CallbackQueryHandler(linkgroup_pressed, pattern=callbacks.pattern("linkgrp")),
    ]
