"""After consent, and any time with /join: choosing networks, and the optional question of
how someone is involved; then what they can do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.menus import menu_text
from bot.storage import constituencies, members
from bot.storage.members import SelfDescription
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import answer_with, keyboard, reply


@dataclass(frozen=True, slots=True)
class JoinButton(CallbackData, prefix="join"):
    network: int | None  # None: "I've finished choosing"
    then: Literal["describe", "menu"]  # at sign-up the optional question follows


@dataclass(frozen=True, slots=True)
class SelfButton(CallbackData, prefix="self"):
    answer: SelfDescription


JOINING = steps.kind(
    "onboarding.join",
    Role.MEMBER,
    hint=N_("Please choose networks with the buttons above, then press “I've finished choosing”."),
)
DESCRIBING = steps.kind(
    "onboarding.describe",
    Role.MEMBER,
    buttons=(
        N_("I use or have used services"),
        N_("I care for someone"),
        N_("Both of these"),
        N_("I'd rather not say"),
    ),
)
SELF_LABELS: dict[SelfDescription, str] = {
    "service_user": N_("I use or have used services"),
    "carer": N_("I care for someone"),
    # TRANSLATORS: a button: the person both uses services and cares for someone.
    "both": N_("Both of these"),
    "prefer_not": N_("I'd rather not say"),
}


async def offer_join(
    update: Update, context: Context, tr: Tr, member_id: int, *, then_describe: bool
) -> None:
    """List the networks open to joining, each a button, ✓ beside those already joined."""
    open_ones = await constituencies.open_to_join(context.db, lang=tr.lang)
    if not open_ones:
        if then_describe:
            await ask_self_description(update, context, tr)
        else:
            await reply(
                update,
                context,
                tr.gettext(
                    "There are no networks open to join just now. A coordinator can send you an invitation link."
                ),
            )
        return
    mine = {c.id for c in await constituencies.of_member(context.db, member_id)}
    then: Literal["describe", "menu"] = "describe" if then_describe else "menu"
    rows = [
        [(("✓ " if c.id in mine else "") + c.name(tr.lang), JoinButton(c.id, then).pack())]
        for c in open_ones
    ]
    rows.append([(tr.gettext("I've finished choosing"), JoinButton(None, then).pack())])
    text = tr.gettext(
        "Which network or forum would you like to join? You can choose more than one."
    )
    pressed = update.callback_query
    if pressed is not None and JoinButton.matches(pressed.data):  # update the list in place
        await answer_with(update, context, text, keyboard(*rows))
    else:
        await reply(update, context, text, keyboard(*rows))
    await steps.ask(context, JOINING)


@requires(Role.MEMBER)
async def join_command(update: Update, context: Context) -> None:
    """/join (/ymuno): choose networks to join at any time."""
    member = context.visit.member
    assert member is not None
    await offer_join(update, context, context.tr, member.id, then_describe=False)


@requires(Role.MEMBER)
async def join_pressed(update: Update, context: Context, data: JoinButton) -> None:
    """A network button toggles membership; only networks open to self-joining are accepted."""
    query = update.callback_query
    assert query is not None
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if await steps.expecting(context, JOINING) is None:
        await finished(update, context, N_("To join or leave a network, send /join."))
        return
    if data.network is None:
        await steps.done(context)
        if data.then == "describe":
            await ask_self_description(update, context, tr)
        else:
            count = len(await constituencies.of_member(context.db, member.id))
            await answer_with(
                update,
                context,
                tr.ngettext(
                    "Saved: you belong to {n} network.", "Saved: you belong to {n} networks.", count
                ).format(n=count),
            )
        return
    place = await constituencies.get(context.db, data.network)
    if place is None or not place.self_join or place.archived:
        await query.answer(tr.gettext("That network isn't open to join."), show_alert=True)
        return
    if not await constituencies.join(context.db, member.id, place.id):
        await constituencies.leave(context.db, member.id, place.id)
    await offer_join(update, context, tr, member.id, then_describe=data.then == "describe")


async def ask_self_description(update: Update, context: Context, tr: Tr) -> None:
    rows = [[(tr.gettext(label), SelfButton(key).pack())] for key, label in SELF_LABELS.items()]
    # TRANSLATORS: “involved” means their connection with mental health services (the answers say
    # which), not taking part in Cydlais.
    text = tr.gettext(
        "One optional question: how are you involved? Your answer is only ever counted in groups "
        "of at least {n} people, never shown on its own."
    ).format(n=context.settings.min_group)
    await reply(update, context, text, keyboard(*rows))
    await steps.ask(context, DESCRIBING)


@requires(Role.MEMBER)
async def self_described(update: Update, context: Context, data: SelfButton) -> None:
    """Store the optional self-description, then show what the member can do."""
    member = context.visit.member
    assert member is not None
    if await steps.expecting(context, DESCRIBING) is None:
        await finished(update, context)
        return
    await steps.done(context)
    value = data.answer
    stored = None if value == "prefer_not" else cast(SelfDescription, value)
    await members.set_self_description(context.db, member.id, stored)
    await answer_with(update, context, context.tr.gettext("Thank you."))
    await show_menu(update, context)


async def show_menu(update: Update, context: Context) -> None:
    tr = context.tr
    text = (
        tr.gettext("<b>You're all set.</b> Here is what you can do:")
        + "\n"
        + menu_text(tr, context.visit.access.top)
    )
    await reply(update, context, text)
