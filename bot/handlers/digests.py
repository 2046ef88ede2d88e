"""Representatives' side of views: /digest, /digesttime, /linkgroup, and the schedule.

Every button names a constituency or topic in its callback_data, and every press is
re-checked with `speaks_for`: a representative acts only for their own constituencies.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from io import BytesIO
from typing import Literal

from babel.dates import get_day_names
from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context, Services
from bot.digests import csv_caption, csv_document, gather, render
from bot.digests_schedule import change, run_due, this_and_last
from bot.domain.access import Role
from bot.domain.periods import so_far
from bot.i18n import N_
from bot.storage import audit, constituencies
from bot.storage import digests as digest_store
from bot.storage.constituencies import Constituency
from bot.tg import clock, steps
from bot.tg.acting_for import allowed, member_id, pick, refuse
from bot.tg.auth import requires
from bot.tg.buttons import button_handler
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, keyboard, reply, send
from bot.views import now, today

log = logging.getLogger("cydlais.digests")
TIMES = ("08:00", "09:00", "12:00", "15:00", "17:00", "19:00")
TODAY_TOMORROW = N_(
    "Views given today show from tomorrow, so that nobody can tell when a view was given."
)


@dataclass(frozen=True, slots=True)
class DigestButton(CallbackData, prefix="digest"):
    network: int
    week: Literal["this", "last"] | None = None  # None: ask which week


@dataclass(frozen=True, slots=True)
class DigestTimeButton(CallbackData, prefix="dsched"):
    network: int
    weekday: int | None = None  # 0 = Monday; None: ask which day
    at: Literal["0800", "0900", "1200", "1500", "1700", "1900"] | None = None


@dataclass(frozen=True, slots=True)
class LinkGroupButton(CallbackData, prefix="linkgrp"):
    network: int


CHOOSING_DIGEST = steps.kind(
    "digests.choose",
    Role.REPRESENTATIVE,
    hint=N_("Please choose with the buttons above, or send /digest to start again."),
)
CHOOSING_TIME = steps.kind(
    "digests.time",
    Role.REPRESENTATIVE,
    hint=N_("Please choose with the buttons above, or send /digesttime to start again."),
)


@clock.due_work("digests")
async def digests_due(services: Services, now: datetime) -> bool:
    """Queue every weekly digest that is owed (the database says which)."""
    return await run_due(services.db, services.settings, now) > 0


# ------------------------------------------------------------------ /digest


@requires(Role.REPRESENTATIVE, private=True)
async def digest_command(update: Update, context: Context) -> None:
    """/digest (/crynodeb): the views of a network now, this week so far or last week."""
    tr = context.tr
    await steps.ask(context, CHOOSING_DIGEST)
    place = await pick(context, update, tr.gettext("Which network's views?"), DigestButton)
    if place is not None:
        await offer_periods(update, context, place)


async def offer_periods(
    update: Update, context: Context, place: Constituency, first: str | None = None
) -> None:
    tr = context.tr
    markup = keyboard(
        [(tr.gettext("This week so far"), DigestButton(place.id, "this").pack())],
        [(tr.gettext("Last week"), DigestButton(place.id, "last").pack())],
    )
    text = tr.gettext("Views from {name}: which week?").format(name=esc(place.name(tr.lang)))
    text += "\n\n" + tr.gettext(TODAY_TOMORROW)
    if first:
        text = first + "\n\n" + text
    await answer_with(update, context, text, markup)


@requires(Role.REPRESENTATIVE, private=True)
async def digest_pressed(update: Update, context: Context, button: DigestButton) -> None:
    """A network, then a week: send that digest here, with the views as a CSV file."""
    query = update.callback_query
    assert query is not None
    cid = button.network
    if not allowed(context, cid):
        await refuse(update, context)
        return
    place = await constituencies.get(context.db, cid)
    if place is None:
        await query.answer()
        return
    which = button.week
    if which is None:
        await offer_periods(update, context, place)
        return
    await steps.done(context)
    tr = context.tr
    day = today(context.settings)
    current, last = await this_and_last(context.db, cid, day)
    period = so_far(current, day) if which == "this" else last
    if period is None:
        nothing = tr.gettext("This week has only just begun: there is nothing to show yet.")
        await offer_periods(update, context, place, nothing)
        return
    settings = context.settings
    data = await gather(
        context.db,
        place,
        period,
        minimum=settings.min_group,
        coordinators=settings.coordinators,
        so_far=which == "this",
    )
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
            caption=csv_caption(tr),
        )


# ------------------------------------------------------------------ /digesttime


@requires(Role.REPRESENTATIVE, private=True)
async def digesttime_command(update: Update, context: Context) -> None:
    """/digesttime (/amser_crynodeb): the day and time a network's weekly digest arrives."""
    tr = context.tr
    await steps.ask(context, CHOOSING_TIME)
    place = await pick(
        context, update, tr.gettext("The digest of which network?"), DigestTimeButton
    )
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
    rows = [[(days[d], DigestTimeButton(place.id, d).pack())] for d in range(7)]
    await answer_with(update, context, text, keyboard(*rows))


@requires(Role.REPRESENTATIVE, private=True)
async def digesttime_pressed(update: Update, context: Context, data: DigestTimeButton) -> None:
    """A network, then a day, then a time: the schedule is saved."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    cid = data.network
    if not allowed(context, cid):
        await refuse(update, context)
        return
    place = await constituencies.get(context.db, cid)
    if place is None:
        await query.answer()
        return
    weekday = data.weekday
    if weekday is None or not 0 <= weekday <= 6:
        await offer_days(update, context, place)
        return
    days = get_day_names("wide", locale=tr.locale)
    if data.at is None:
        rows = [
            [(t, DigestTimeButton(cid, weekday, t.replace(":", "")).pack())]  # type: ignore[arg-type]  # TIMES are the Literal's values with a colon
            for t in TIMES
        ]
        await answer_with(
            update,
            context,
            tr.gettext("{day}: at what time?").format(day=days[weekday]),
            keyboard(*rows),
        )
        return
    chosen = next(t for t in TIMES if t.replace(":", "") == data.at)
    await steps.done(context)
    at = time.fromisoformat(chosen)
    goes, covers = await change(context.db, cid, weekday, at, now(context.settings))
    await audit.record(
        context.db,
        member_id(context),
        "digest.scheduled",
        network=cid,
        weekday=weekday,
        time=chosen,
    )
    saved = tr.gettext("Saved. Weekly digest for {name}: {day}, {time}.").format(
        name=esc(place.name(tr.lang)), day=days[weekday], time=chosen
    )
    # Which days the next one covers: after a change of day, more than a week (never a day
    # twice, never two digests within a week), so say so rather than surprise anyone.
    nextone = tr.gettext(
        "The next one goes on {date} and covers the views given from {first} to {last}."
    ).format(date=tr.date(goes, "full"), first=tr.date(covers.first), last=tr.date(covers.last))
    await answer_with(update, context, saved + "\n" + nextone)


# ------------------------------------------------------------------ /linkgroup


@requires(Role.COORDINATOR)
async def linkgroup_command(update: Update, context: Context) -> None:
    """/linkgroup (/cysylltu_grwp), in a group: choose networks whose digests come here too."""
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
        [(("✓ " if c.id in linked else "") + c.name(tr.lang), LinkGroupButton(c.id).pack())]
        for c in await constituencies.list_all(context.db, lang=context.tr.lang)
    ]
    text = tr.gettext(
        "Which networks' digests should come to this group too? Press a network to link it, or "
        "press it again to unlink it."
    )
    await answer_with(update, context, text, keyboard(*rows))


@requires(Role.COORDINATOR)
async def linkgroup_pressed(update: Update, context: Context, data: LinkGroupButton) -> None:
    """Link or unlink this group and a network."""
    query = update.callback_query
    assert query is not None
    chat_id = context.visit.chat_id
    place = await constituencies.get(context.db, data.network)
    if place is None or context.visit.private:
        await query.answer()
        return
    if await digest_store.link_group(context.db, chat_id, place.id, context.tr.lang):
        linked = True
    else:
        await digest_store.unlink_group(context.db, chat_id, place.id)
        linked = False
    action: audit.Action = "group.linked" if linked else "group.unlinked"
    await audit.record(context.db, member_id(context), action, network=place.id)
    await show_links(update, context)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("digest").names, digest_command),
        CommandHandler(command("digesttime").names, digesttime_command),
        CommandHandler(command("linkgroup").names, linkgroup_command),
        button_handler(DigestButton, digest_pressed),
        button_handler(DigestTimeButton, digesttime_pressed),
        button_handler(LinkGroupButton, linkgroup_pressed),
    ]
