"""What the involvement journey's parts share: buttons, questions, the record as shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from telegram import InlineKeyboardMarkup, Update

from bot import involvement
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.involvement import Period
from bot.storage import involvement as store
from bot.storage.db import to_db, utcnow
from bot.storage.involvement import Hours
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply
from bot.views import today

SHOWN = 5  # latest entries shown with the record


@dataclass(frozen=True, slots=True)
class InvolvementButton(CallbackData, prefix="involve"):
    """Adding hours (the day, no note), and removing the latest entry (`entry` names it)."""

    action: Literal["add", "today", "yesterday", "day", "nonote", "remove", "sure", "keep"]
    entry: int | None = None


@dataclass(frozen=True, slots=True)
class ExportButton(CallbackData, prefix="involvex"):
    """Everyone's record as a spreadsheet, for a period (None: ask which)."""

    period: Period | None = None


AGAIN = N_("Please choose with the buttons above, or send /involvement to start again.")
CHOOSING = steps.kind("involvement.choose", Role.REPRESENTATIVE, hint=AGAIN)
HOURS = steps.kind("involvement.hours", Role.REPRESENTATIVE)
DAY = steps.kind("involvement.day", Role.REPRESENTATIVE, hint=AGAIN)  # data: {"minutes"}
DAY_TYPED = steps.kind("involvement.day_typed", Role.REPRESENTATIVE)  # data: {"minutes"}
NOTE = steps.kind("involvement.note", Role.REPRESENTATIVE)  # data: {"minutes", "day"}
ATTENDING = steps.kind(  # data: {"meeting": id}
    "involvement.attendance",
    Role.REPRESENTATIVE,
    hint=N_(
        "Please press each representative who came, then “That's everyone who came”, or send "
        "/involvement to start again."
    ),
)
REMOVING = steps.kind(
    "involvement.remove",
    Role.REPRESENTATIVE,
    buttons=(N_("Yes, remove this entry"), N_("No, keep this entry")),
)
PERIOD_NAMES: dict[Period, str] = {
    "year": N_("This financial year (from 1 April)"),
    "12m": N_("The last 12 months"),
    "all": N_("All time"),
}


def rep_id(context: Context) -> int:
    return context.visit.member_id


@dataclass(frozen=True, slots=True)
class AttendanceButton(CallbackData, prefix="attend"):
    """Choose a meeting, tick or untick a representative (`member`), or finish."""

    action: Literal["list", "meeting", "toggle", "done"]
    meeting: int | None = None
    member: int | None = None


CONFIRM_DAYS = 90  # how long after a meeting its attendance may still be confirmed
MEETINGS_SHOWN = 8


async def may_confirm(context: Context) -> list[int]:
    """The meetings that have started whose attendance this person may confirm, newest first:
    their own as organiser, or any as a coordinator."""
    now = utcnow()
    return await store.meetings_held(
        context.db,
        organiser_id=None if context.visit.access.coordinator else rep_id(context),
        after=to_db(now - timedelta(days=CONFIRM_DAYS)),
        until=to_db(now),
        limit=MEETINGS_SHOWN,
    )


def entry_line(tr: Tr, entry: Hours) -> str:
    text = tr.gettext("• {date}: {hours}").format(
        date=tr.date(entry.on_day), hours=involvement.hours_text(tr, entry.minutes)
    )
    return text + (f" ({esc(entry.what)})" if entry.what else "")


async def record_view(context: Context) -> tuple[str, InlineKeyboardMarkup]:
    """The representative's own record: this financial year and all time, the latest hours."""
    tr = context.tr
    me = rep_id(context)
    now = today(context.settings)
    start = involvement.period_start("year", now)
    assert start is not None
    year = await involvement.record_of(context.db, me, start)
    ever = await involvement.record_of(context.db, me, None)
    since = tr.date(start)
    moment = to_db(utcnow())
    said_year = await store.said_they_would_come(context.db, me, start, moment)
    said_ever = await store.said_they_would_come(context.db, me, None, moment)
    lines = [
        tr.gettext("<b>Your involvement on record</b>"),
        tr.gettext(
            "For reward and recognition: what you have done as a representative, counted from the "
            "records. Only you and the coordinators see it."
        ),
        "",
        tr.gettext("Polls you ran: {year} since {date} · {all} in all").format(
            year=year.polls, all=ever.polls, date=since
        ),
        tr.gettext("Outcomes you reported: {year} since {date} · {all} in all").format(
            year=year.outcomes, all=ever.outcomes, date=since
        ),
        tr.gettext("Progress you added to outcomes: {year} since {date} · {all} in all").format(
            year=year.progress, all=ever.progress, date=since
        ),
        tr.gettext(
            "Meetings you came to, as their organisers confirmed: {year} since {date} · {all} in all"
        ).format(year=year.meetings, all=ever.meetings, date=since),
        tr.gettext(
            "Meetings you said you would come to: {year} since {date} · {all} in all"
        ).format(year=said_year, all=said_ever, date=since),
        tr.gettext("Hours you gave: {year} since {date} · {all} in all").format(
            year=involvement.hours_text(tr, year.minutes),
            all=involvement.hours_text(tr, ever.minutes),
            date=since,
        ),
    ]
    latest = await store.hours_of(context.db, me, SHOWN)
    if latest:
        lines += ["", tr.gettext("<b>Hours you recorded lately</b>")]
        lines += [entry_line(tr, e) for e in latest]
    buttons: list[ButtonSpec] = [
        (tr.gettext("Add hours you gave"), InvolvementButton("add").pack())
    ]
    if latest:
        buttons.append(
            (
                tr.gettext("Remove the latest entry"),
                InvolvementButton("remove", latest[0].id).pack(),
            )
        )
    if await may_confirm(context):
        buttons.append(
            (tr.gettext("Confirm who came to a meeting"), AttendanceButton("list").pack())
        )
    if context.visit.access.coordinator:
        buttons.append((tr.gettext("Everyone's record, as a spreadsheet"), ExportButton().pack()))
    return "\n".join(lines), column(buttons)


async def show(update: Update, context: Context, note: str | None = None) -> None:
    text, markup = await record_view(context)
    await answer_with(update, context, f"{note}\n\n{text}" if note else text, markup)
    await steps.ask(context, CHOOSING)


@requires(Role.REPRESENTATIVE, private=True)
async def involvement_command(update: Update, context: Context) -> None:
    """/involvement (/cyfranogiad): your record for reward and recognition, and your hours."""
    text, markup = await record_view(context)
    await reply(update, context, text, markup)
    await steps.ask(context, CHOOSING)
