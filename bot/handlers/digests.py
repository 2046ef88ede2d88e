"""Representatives' side of views: /digest, /topics, /digesttime, /linkgroup, and the schedule.

Every button names a constituency or topic in its callback_data, and every press is
re-checked with `speaks_for`: a representative acts only for their own constituencies.
"""

from __future__ import annotations

import logging
from datetime import time
from io import BytesIO
from typing import TYPE_CHECKING

from babel.dates import get_day_names
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import callbacks, delivery
from bot.auth import Role, requires
from bot.commands import command
from bot.context import Context
from bot.digest import csv_document, gather, last_week, render, this_week
from bot.digest_schedule import run_due
from bot.handlers import steps
from bot.i18n import N_
from bot.storage import audit, constituencies, pending
from bot.storage import digests as digest_store
from bot.storage import topics as topic_store
from bot.storage.constituencies import Constituency
from bot.storage.db import utcnow
from bot.text import esc
from bot.ui import answer_with, keyboard, reply, send
from bot.views import today

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("cydlais.digests")
TIMES = ("08:00", "09:00", "12:00", "15:00", "17:00", "19:00")
TITLE_MAX = 60
PRIVATE_ONLY = N_("Please ask me for this in a private chat.")


async def on_startup(app: App) -> None:
    """One repeating job; what is due is read from the database each time."""
    if app.job_queue is not None:
        app.job_queue.run_repeating(tick, interval=60, first=10, name="digests:due")


async def tick(context: Context) -> None:
    """Every minute: queue owed digests, and let go of expired drafts."""
    services = context.services
    drafts = services.extras.get("drafts")
    if drafts is not None:
        drafts.sweep()
    if await run_due(services.db, services.settings, utcnow()):
        delivery.wake(context.application)


async def places_for(context: Context) -> list[Constituency]:
    access = context.visit.access
    return [c for c in await constituencies.list_all(context.db) if access.speaks_for(c.id)]


async def pick(context: Context, update: Update, verb: str, question: str) -> Constituency | None:
    """The only constituency, or None after offering buttons for each."""
    tr = context.tr
    places = await places_for(context)
    if len(places) == 1:
        return places[0]
    if not places:
        await reply(update, context, tr.gettext("There are no networks for you to act for yet."))
        return None
    rows = [[(p.name(tr.lang), callbacks.pack(verb, "c", p.id))] for p in places]
    await reply(update, context, question, keyboard(*rows))
    return None


def allowed(context: Context, cid: int | None) -> bool:
    return cid is not None and context.visit.access.speaks_for(cid)


async def refuse(update: Update, context: Context) -> None:
    query = update.callback_query
    text = context.tr.gettext("You can only do this for networks you speak for.")
    if query is not None:
        await query.answer(text, show_alert=True)
    else:
        await reply(update, context, text)


# ------------------------------------------------------------------ /digest


@requires(Role.REPRESENTATIVE)
async def digest_command(update: Update, context: Context) -> None:
    """/digest (/crynodeb): the views of a network now, this week so far or last week."""
    tr = context.tr
    if not context.visit.private:
        await reply(update, context, tr.gettext(PRIVATE_ONLY))
        return
    place = await pick(context, update, "digest", tr.gettext("Which network's views?"))
    if place is not None:
        await offer_periods(update, context, place)


async def offer_periods(update: Update, context: Context, place: Constituency) -> None:
    tr = context.tr
    markup = keyboard(
        [(tr.gettext("This week so far"), callbacks.pack("digest", "p", place.id, "this"))],
        [(tr.gettext("Last week"), callbacks.pack("digest", "p", place.id, "last"))],
    )
    text = tr.gettext("Views from {name}: which week?").format(name=esc(place.name(tr.lang)))
    if update.callback_query is not None:
        await answer_with(update, context, text, markup)
    else:
        await reply(update, context, text, markup)


@requires(Role.REPRESENTATIVE)
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
    period = (this_week if which == "this" else last_week)(day, schedule.weekday)
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


# ------------------------------------------------------------------ /topics


@requires(Role.REPRESENTATIVE)
async def topics_command(update: Update, context: Context) -> None:
    """/topics (/pynciau): open and close topics members can give views on."""
    tr = context.tr
    if not context.visit.private:
        await reply(update, context, tr.gettext(PRIVATE_ONLY))
        return
    place = await pick(context, update, "topic", tr.gettext("Topics for which network?"))
    if place is not None:
        await show_topics(update, context, place)


async def show_topics(update: Update, context: Context, place: Constituency) -> None:
    tr = context.tr
    found = await topic_store.open_in(context.db, place.id)
    lines = [tr.gettext("<b>Open topics for {name}</b>").format(name=esc(place.name(tr.lang)))]
    lines += [f"• {esc(t.title_cy)} / {esc(t.title_en)}" for t in found] or [
        tr.gettext("None yet. Members can always give a view on “something else”.")
    ]
    rows = [
        [
            (
                tr.gettext("Close: {title}").format(title=t.title(tr.lang)),
                callbacks.pack("topic", "x", t.id),
            )
        ]
        for t in found
    ]
    rows.append([(tr.gettext("Open a new topic"), callbacks.pack("topic", "n", place.id))])
    text = "\n".join(lines)
    if update.callback_query is not None:
        await answer_with(update, context, text, keyboard(*rows))
    else:
        await reply(update, context, text, keyboard(*rows))


@requires(Role.REPRESENTATIVE)
async def topic_pressed(update: Update, context: Context) -> None:
    """Choose a network, open a topic (asks for its titles) or close one."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = callbacks.parse(query.data)
    action = parsed.arg(0, ("c", "n", "x")) if parsed else None
    number = parsed.int_arg(1) if parsed else None
    if action is None or number is None:
        await query.answer()
        return
    if action == "x":
        topic = await topic_store.get(context.db, number)
        if topic is None or not allowed(context, topic.constituency_id):
            await refuse(update, context)
            return
        await topic_store.close_topic(context.db, topic.id)
        await audit.record(context.db, member_id(context), "topic.closed", f"topic {topic.id}")
        place = await constituencies.get(context.db, topic.constituency_id)
        if place is not None:
            await show_topics(update, context, place)
        return
    place = await constituencies.get(context.db, number)
    if place is None or not allowed(context, place.id):
        await refuse(update, context)
        return
    if action == "c":
        await show_topics(update, context, place)
        return
    drafts = context.services.extras.get("drafts")
    if drafts is not None:  # the titles must not be taken for a view being written
        drafts.discard(context.visit.telegram_id)
    await steps.ask(context, "topic_cy", {"cid": place.id})
    await answer_with(
        update,
        context,
        tr.gettext("Send the topic's title in Welsh (at most {n} characters).").format(n=TITLE_MAX),
    )


def member_id(context: Context) -> int | None:
    return context.visit.member.id if context.visit.member else None


def _title(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message else ""


@steps.step("topic_cy", Role.REPRESENTATIVE)
async def topic_title_cy(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The Welsh title; then ask for the English one."""
    tr = context.tr
    cid = waiting.data.get("cid")
    if not isinstance(cid, int) or not allowed(context, cid):
        await steps.done(context)
        await refuse(update, context)
        return
    title = _title(update)
    if not 2 <= len(title) <= TITLE_MAX:
        await reply(
            update,
            context,
            tr.gettext("Please send a title of 2 to {n} characters.").format(n=TITLE_MAX),
        )
        return
    await steps.ask(context, "topic_en", {"cid": cid, "cy": title})
    await reply(update, context, tr.gettext("Now send the same title in English."))


@steps.step("topic_en", Role.REPRESENTATIVE)
async def topic_title_en(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The English title; then the topic is open."""
    tr = context.tr
    cid = waiting.data.get("cid")
    title_cy = waiting.data.get("cy")
    if not isinstance(cid, int) or not isinstance(title_cy, str) or not allowed(context, cid):
        await steps.done(context)
        await refuse(update, context)
        return
    title = _title(update)
    if not 2 <= len(title) <= TITLE_MAX:
        await reply(
            update,
            context,
            tr.gettext("Please send a title of 2 to {n} characters.").format(n=TITLE_MAX),
        )
        return
    topic_id = await topic_store.open_topic(context.db, cid, title_cy, title)
    await steps.done(context)
    await audit.record(context.db, member_id(context), "topic.opened", f"topic {topic_id} in {cid}")
    await reply(update, context, tr.gettext("The topic is open: members can choose it now."))
    place = await constituencies.get(context.db, cid)
    if place is not None:
        await show_topics(update, context, place)


# ------------------------------------------------------------------ /digesttime


@requires(Role.REPRESENTATIVE)
async def digesttime_command(update: Update, context: Context) -> None:
    """/digesttime (/amsercrynodeb): the day and time a network's weekly digest arrives."""
    tr = context.tr
    if not context.visit.private:
        await reply(update, context, tr.gettext(PRIVATE_ONLY))
        return
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
    if update.callback_query is not None:
        await answer_with(update, context, text, keyboard(*rows))
    else:
        await reply(update, context, text, keyboard(*rows))


@requires(Role.REPRESENTATIVE)
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
        for c in await constituencies.list_all(context.db)
    ]
    text = tr.gettext(
        "Which networks' digests should come to this group too? Press a network to link it, or "
        "press it again to unlink it."
    )
    if update.callback_query is not None:
        await answer_with(update, context, text, keyboard(*rows))
    else:
        await reply(update, context, text, keyboard(*rows))


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
        CommandHandler(command("topics").names, topics_command),
        CommandHandler(command("digesttime").names, digesttime_command),
        CommandHandler(command("linkgroup").names, linkgroup_command),
        CallbackQueryHandler(digest_pressed, pattern=callbacks.pattern("digest")),
        CallbackQueryHandler(topic_pressed, pattern=callbacks.pattern("topic")),
        CallbackQueryHandler(digesttime_pressed, pattern=callbacks.pattern("dsched")),
        CallbackQueryHandler(linkgroup_pressed, pattern=callbacks.pattern("linkgrp")),
    ]
