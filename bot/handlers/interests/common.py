"""What the interests journey's parts share: its button, its questions, the overview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update

from bot import interests
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.representatives import interest_line
from bot.i18n import N_
from bot.storage import representatives as rep_store
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply

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


def rep_id(context: Context) -> int:
    member = context.visit.member
    assert member is not None  # @requires(REPRESENTATIVE): a member
    return member.id


async def overview(context: Context) -> tuple[str, InlineKeyboardMarkup]:
    """The representative's interests and name as members see them, with what to do next."""
    tr = context.tr
    me = rep_id(context)
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
