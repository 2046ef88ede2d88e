"""/interests (/buddiannau): a representative declares, changes and withdraws interests, and
chooses the name members see.

An interest is written in Welsh, then in English, then since when (a year, a month or a
day). Changing one asks the same three questions, each with a button to keep what is there.
Every press names an interest by id and is checked against the presser's own current ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import interests, representatives
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import Since, read_since, since_text
from bot.handlers.representatives import interest_line
from bot.i18n import N_, Tr
from bot.storage import audit
from bot.storage import representatives as rep_store
from bot.storage.interests import Interest
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler, finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply
from bot.views import today

Action = Literal[
    "new",  # declare an interest
    "change",  # change interest `id`
    "keep",  # keep the current answer to the question being asked about interest `id`
    "withdraw",  # ask before withdrawing interest `id`
    "sure",  # withdraw it
    "list",  # back to the list, nothing changed
    "name",  # choose the name members see
    "noname",  # remove it
]


@dataclass(frozen=True, slots=True)
class InterestButton(CallbackData, prefix="interest"):
    action: Action
    id: int | None = None


AGAIN = N_("Please choose with the buttons above, or send /interests to start again.")
CHOOSING = steps.kind("interests.choose", Role.REPRESENTATIVE, hint=AGAIN)
# Data: {"id": the interest being changed, or None for a new one; then "cy", then "en"}.
WHAT_CY = steps.kind("interests.what_cy", Role.REPRESENTATIVE)
WHAT_EN = steps.kind("interests.what_en", Role.REPRESENTATIVE)
SINCE = steps.kind("interests.since", Role.REPRESENTATIVE)
NAME = steps.kind("interests.name", Role.REPRESENTATIVE)
WITHDRAWING = steps.kind(
    "interests.withdraw",
    Role.REPRESENTATIVE,
    buttons=(N_("Yes, withdraw this interest"), N_("No, keep this interest")),
)
QUESTIONS = (WHAT_CY, WHAT_EN, SINCE)


def _me(context: Context) -> int:
    member = context.visit.member
    assert member is not None  # @requires(REPRESENTATIVE): a member
    return member.id


async def overview(context: Context) -> tuple[str, InlineKeyboardMarkup]:
    """The representative's interests and name as members see them, with what to do next."""
    tr = context.tr
    me = _me(context)
    mine = await interests.current(context.db, me)
    name = await rep_store.display_name(context.db, me)
    lines = [tr.gettext("<b>Your declared interests</b>")]
    if mine:
        lines += [f"{n}. " + interest_line(tr, i).removeprefix("• ") for n, i in enumerate(mine, 1)]
    else:
        lines.append(tr.gettext("You have declared no interests."))
    lines += [
        "",
        tr.gettext(
            "Declare anything that could bear on what you decide: paid work or volunteering for "
            "the health board, a council or a charity, or a close relative who works there. "
            "Members of the networks you speak for see these with /reps."
        ),
        "",
        tr.gettext("Members see you as: <b>{name}</b>").format(name=esc(name))
        if name
        else tr.gettext(
            "You haven't chosen a name, so members see you as “Representative” and a number."
        ),
    ]
    if not context.visit.access.rep_of:
        lines += ["", tr.gettext("You don't speak for a network now, so members don't see these.")]
    buttons: list[ButtonSpec] = [(tr.gettext("Declare an interest"), InterestButton("new").pack())]
    for n, interest in enumerate(mine, 1):
        buttons.append(
            (
                tr.gettext("Change interest {n}").format(n=n),
                InterestButton("change", interest.id).pack(),
            )
        )
        buttons.append(
            (
                tr.gettext("Withdraw interest {n}").format(n=n),
                InterestButton("withdraw", interest.id).pack(),
            )
        )
    buttons.append(
        (
            tr.gettext("Change the name members see")
            if name
            else tr.gettext("Choose the name members see"),
            InterestButton("name").pack(),
        )
    )
    if name:
        buttons.append((tr.gettext("Remove my name"), InterestButton("noname").pack()))
    return "\n".join(lines), column(buttons)


async def show(update: Update, context: Context, note: str | None = None) -> None:
    text, markup = await overview(context)
    await answer_with(update, context, f"{note}\n\n{text}" if note else text, markup)
    await steps.ask(context, CHOOSING)


@requires(Role.REPRESENTATIVE, private=True)
async def interests_command(update: Update, context: Context) -> None:
    """/interests (/buddiannau): your declared interests, and the name members see."""
    text, markup = await overview(context)
    await reply(update, context, text, markup)
    await steps.ask(context, CHOOSING)


# ------------------------------------------------------------------ asking


def _keep(tr: Tr, label: str, interest_id: int | None) -> InlineKeyboardMarkup | None:
    return (
        None
        if interest_id is None
        else column([(label, InterestButton("keep", interest_id).pack())])
    )


async def ask(update: Update, context: Context, asked: steps.Kind, data: dict[str, Any]) -> None:
    """Ask the next question about a new or changed interest, with "keep" when changing."""
    tr = context.tr
    old = await interests.own(context.db, _me(context), data["id"]) if data.get("id") else None
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
    me = _me(context)
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
    me = _me(context)
    await rep_store.set_display_name(context.db, me, name)
    await audit.record(context.db, me, "representative.named")
    await show(
        update, context, tr.gettext("Done: members now see you as {name}.").format(name=esc(name))
    )


# ------------------------------------------------------------------ buttons


@requires(Role.REPRESENTATIVE, private=True)
async def interest_pressed(update: Update, context: Context, data: InterestButton) -> None:
    """Declare, change, keep, withdraw; the name members see."""
    tr = context.tr
    me = _me(context)
    waiting = await steps.expecting(context, CHOOSING, WITHDRAWING, *QUESTIONS, NAME)
    if waiting is None:
        await finished(update, context, N_("To see your interests, send /interests."))
        return
    if data.action == "list":
        await show(update, context)
    elif data.action == "new":
        await ask(update, context, WHAT_CY, {"id": None})
    elif data.action == "name":
        await steps.ask(context, NAME)
        await answer_with(
            update,
            context,
            tr.gettext(
                "Send the name members should see, {low} to {high} characters: your first name, "
                "or a name and what you do, for example “Rhys, carer”. Members of the networks you "
                "speak for see it."
            ).format(low=representatives.NAME_MIN, high=representatives.NAME_MAX),
        )
    elif data.action == "noname":
        await rep_store.set_display_name(context.db, me, None)
        await audit.record(context.db, me, "representative.unnamed")
        await show(update, context, tr.gettext("Done: your name is removed."))
    else:
        await _about_one(update, context, data, waiting)


async def _about_one(
    update: Update, context: Context, data: InterestButton, waiting: steps.Waiting
) -> None:
    """A press that names one interest: it must be the presser's own, and still current."""
    tr = context.tr
    me = _me(context)
    interest = await interests.own(context.db, me, data.id) if data.id is not None else None
    if interest is None:
        await finished(update, context, N_("To see your interests, send /interests."))
        return
    if data.action == "change":
        await ask(update, context, WHAT_CY, {"id": interest.id})
    elif data.action == "withdraw":
        await steps.ask(context, WITHDRAWING, {"id": interest.id})
        await answer_with(
            update,
            context,
            tr.gettext("Withdraw this interest? Members will no longer see it.\n\n{line}").format(
                line=interest_line(tr, interest)
            ),
            column(
                [
                    (
                        tr.gettext("Yes, withdraw this interest"),
                        InterestButton("sure", interest.id).pack(),
                    ),
                    (tr.gettext("No, keep this interest"), InterestButton("list").pack()),
                ]
            ),
        )
    elif data.action == "sure" and waiting.kind is WITHDRAWING:
        await interests.withdraw(context.db, me, interest.id)
        await show(update, context, tr.gettext("Withdrawn: members no longer see it."))
    elif (
        data.action == "keep"
        and waiting.kind in QUESTIONS
        and waiting.data.get("id") == interest.id
    ):
        await _kept(update, context, waiting, interest)
    else:
        await finished(update, context)


async def _kept(
    update: Update, context: Context, waiting: steps.Waiting, interest: Interest
) -> None:
    """Keep the current answer to the question being asked, and go on to the next one."""
    if waiting.kind is WHAT_CY:
        await ask(update, context, WHAT_EN, {"id": interest.id, "cy": interest.what_cy})
    elif waiting.kind is WHAT_EN:
        await ask(update, context, SINCE, {**waiting.data, "en": interest.what_en})
    else:
        await save(update, context, waiting.data, interest.since)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("interests").names, interests_command),
        button_handler(InterestButton, interest_pressed),
    ]


__all__ = ["InterestButton", "handlers"]
