"""Declaring or changing an interest: Welsh, English, since when (each with "keep" when
changing); and the name members see."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot import interests, representatives
from bot.context import Context
from bot.domain.dates import Since, read_since, since_text
from bot.handlers.interests.common import (
    NAME,
    SINCE,
    WHAT_CY,
    WHAT_EN,
    InterestButton,
    rep_id,
    show,
)
from bot.i18n import Tr
from bot.storage import audit
from bot.storage import representatives as rep_store
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply
from bot.views import today


def _keep(tr: Tr, label: str, interest_id: int | None) -> InlineKeyboardMarkup | None:
    return (
        None
        if interest_id is None
        else column([(label, InterestButton("keep", interest_id).pack())])
    )


async def ask(update: Update, context: Context, asked: steps.Kind, data: dict[str, Any]) -> None:
    """Ask the next question about a new or changed interest, with "keep" when changing."""
    tr = context.tr
    old = await interests.own(context.db, rep_id(context), data["id"]) if data.get("id") else None
    await steps.ask(context, asked, data)
    limits = tr.gettext("({low} to {high} characters)").format(
        low=interests.WHAT_MIN, high=interests.WHAT_MAX
    )
    if asked is WHAT_CY:
        text = tr.gettext("What is the interest? Write it <b>in Welsh</b> first.") + " " + limits
        keep = tr.gettext("Keep the Welsh as it is")
        now = old.what_cy if old else None
    elif asked is WHAT_EN:
        text = tr.gettext("Now write the same <b>in English</b>.") + " " + limits
        keep = tr.gettext("Keep the English as it is")
        now = old.what_en if old else None
    else:
        text = tr.gettext(
            "Since when? A year, a month or a day: for example 2021, March 2021 or 3/2021."
        )
        keep = tr.gettext("Keep “since {when}”").format(
            when=since_text(old.since, tr.locale) if old else ""
        )
        now = None
    if now:
        text += "\n\n" + tr.gettext("Now: {text}").format(text=esc(now))
    await answer_with(update, context, text, _keep(tr, keep, old.id if old else None))


async def _typed_what(update: Update, context: Context) -> str | None:
    message = update.effective_message
    text = interests.clean(message.text or "") if message else ""
    if interests.WHAT_MIN <= len(text) <= interests.WHAT_MAX:
        return text
    tr = context.tr
    await reply(
        update,
        context,
        tr.gettext("Please write {low} to {high} characters.").format(
            low=interests.WHAT_MIN, high=interests.WHAT_MAX
        ),
    )
    return None


def _interest_id(waiting: steps.Waiting) -> int | None:
    value = waiting.data.get("id")
    return value if isinstance(value, int) else None


@steps.takes_text(WHAT_CY)
async def what_cy_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The interest in Welsh; then the English."""
    text = await _typed_what(update, context)
    if text is not None:
        await ask(update, context, WHAT_EN, {"id": _interest_id(waiting), "cy": text})


@steps.takes_text(WHAT_EN)
async def what_en_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The interest in English; then since when."""
    text = await _typed_what(update, context)
    if text is not None:
        await ask(update, context, SINCE, {**waiting.data, "en": text})


@steps.takes_text(SINCE)
async def since_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """Since when; then the interest is declared (or changed)."""
    message = update.effective_message
    since = read_since(message.text or "", today(context.settings)) if message else None
    if since is None:
        await reply(
            update,
            context,
            context.tr.gettext(
                "I couldn't read that as a date that has already come. Please send a year, a "
                "month or a day, for example 2021, March 2021 or 3/2021."
            ),
        )
        return
    await save(update, context, waiting.data, since)


async def save(update: Update, context: Context, data: dict[str, Any], since: Since) -> None:
    tr = context.tr
    me = rep_id(context)
    what_cy, what_en, interest_id = data.get("cy"), data.get("en"), data.get("id")
    old = await interests.own(context.db, me, interest_id) if isinstance(interest_id, int) else None
    if not isinstance(what_cy, str) or not isinstance(what_en, str) or (interest_id and not old):
        await steps.done(context)
        await show(
            update, context, tr.gettext("That interest can't be changed now: nothing was saved.")
        )
        return
    if old is None:
        await interests.declare(context.db, me, what_cy, what_en, since)
        note = tr.gettext("Declared. Members of the networks you speak for see it now with /reps.")
    else:
        await interests.update(context.db, me, old.id, what_cy, what_en, since)
        note = tr.gettext("Changed. Members see the new wording now, marked as updated today.")
    await show(update, context, note)


@steps.takes_text(NAME)
async def name_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The name members see."""
    message = update.effective_message
    name = representatives.clean_name(message.text or "") if message else None
    tr = context.tr
    if name is None:
        await reply(
            update,
            context,
            tr.gettext("Please send a name of {low} to {high} characters.").format(
                low=representatives.NAME_MIN, high=representatives.NAME_MAX
            ),
        )
        return
    me = rep_id(context)
    await rep_store.set_display_name(context.db, me, name)
    await audit.record(context.db, me, "representative.named")
    await show(
        update, context, tr.gettext("Done: members now see you as {name}.").format(name=esc(name))
    )
