"""/leave (/gadael): leave a network, after a question that says what leaving means.

Leaving the last network changes more than leaving one of several: no view can be given
(a view goes to a network's representatives) and only messages to everyone still come, so
the question says that plainly before anything changes. A network that is invitation-only
can't be joined again with /join, and the question says that too.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.storage import constituencies
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply, tell


@dataclass(frozen=True, slots=True)
class LeaveButton(CallbackData, prefix="leave"):
    network: int | None  # None: "Cancel" / "No, stay in it"
    sure: bool = False  # False: ask first


CHOOSING_LEAVE = steps.kind(
    "onboarding.leave",
    Role.MEMBER,
    hint=N_("Please choose with the buttons above which network to leave, or press “Cancel”."),
)
CONFIRMING_LEAVE = steps.kind(
    "onboarding.leave_sure",
    Role.MEMBER,
    buttons=(N_("Yes, leave this network"), N_("No, stay in it")),
)
AGAIN = N_("To leave a network, send /leave.")


@requires(Role.MEMBER, private=True)
async def leave_command(update: Update, context: Context) -> None:
    """/leave (/gadael): which network to leave (if there are several), then a question."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    places = await constituencies.of_member(context.db, member.id, lang=tr.lang)
    if not places:
        await steps.done(context)
        await reply(
            update,
            context,
            tr.gettext("You don't belong to any network. To join one, send /join."),
        )
        return
    if len(places) == 1:
        await ask_sure(update, context, places[0], places)
        return
    rows = [(p.name(tr.lang), LeaveButton(p.id).pack()) for p in places]
    rows.append((tr.gettext("Cancel"), LeaveButton(None).pack()))
    await reply(update, context, tr.gettext("Which network would you like to leave?"), column(rows))
    await steps.ask(context, CHOOSING_LEAVE)


def question(tr: Tr, place: Constituency, last: bool, representative: bool) -> str:
    """What leaving means, before it happens."""
    name = esc(place.name(tr.lang))
    if last:
        text = tr.gettext(
            "Leave {name}? It is the only network you belong to, so after this:\n"
            "• you can't give views, because a view goes to a network's representatives;\n"
            "• you won't receive messages sent to its members.\n"
            "Messages for everyone who uses Cydlais still come (to stop those too, send /stop), "
            "and your details are kept until you send /forget."
        ).format(name=name)
    else:
        text = tr.gettext(
            "Leave {name}? You won't receive messages sent to its members, and your views "
            "won't go to its representatives any more."
        ).format(name=name)
    text += " " + tr.gettext(
        "Views you have already given stay in its digests: they were never linked to you."
    )
    if place.self_join:
        text += "\n\n" + tr.gettext("You can join it again at any time with /join.")
    else:
        text += "\n\n" + tr.gettext(
            "It is invitation-only: to join it again you would need a new invitation link."
        )
    if representative:
        text += "\n\n" + tr.gettext(
            "You stay its representative: that is a role, which a coordinator can remove."
        )
    return text


async def ask_sure(
    update: Update, context: Context, place: Constituency, mine: list[Constituency]
) -> None:
    tr = context.tr
    access = context.visit.access
    text = question(
        tr,
        place,
        last=len(mine) == 1,
        representative=access.speaks_for(place.id) and not access.coordinator,
    )
    markup = column(
        [
            (tr.gettext("Yes, leave this network"), LeaveButton(place.id, sure=True).pack()),
            (tr.gettext("No, stay in it"), LeaveButton(None).pack()),
        ]
    )
    await steps.ask(context, CONFIRMING_LEAVE, {"network": place.id})
    if update.callback_query is not None:
        await answer_with(update, context, text, markup)
    else:
        await reply(update, context, text, markup)


@requires(Role.MEMBER, private=True)
async def leave_pressed(update: Update, context: Context, data: LeaveButton) -> None:
    """A network chosen, "Yes, leave" or "No": only for the question now waiting."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    waiting = await steps.expecting(context, CONFIRMING_LEAVE) or await steps.expecting(
        context, CHOOSING_LEAVE
    )
    asked = waiting.data.get("network") if waiting is not None else None
    if waiting is None or (data.sure and asked != data.network):
        await finished(update, context, AGAIN)  # an old question's button
        return
    if data.network is None:
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Nothing has changed."))
        return
    mine = await constituencies.of_member(context.db, member.id, lang=tr.lang)
    place = next((p for p in mine if p.id == data.network), None)
    if place is None:  # left meanwhile, archived, or never theirs
        await steps.done(context)
        await tell(update, context, tr.gettext("You are not a member of that network."))
        return
    if not data.sure:
        await ask_sure(update, context, place, mine)
        return
    await steps.done(context)
    await constituencies.leave(context.db, member.id, place.id)
    name = esc(place.name(tr.lang))
    if len(mine) == 1:
        text = tr.gettext(
            "Done: you have left {name}, and you now belong to no network. To join one, send /join."
        ).format(name=name)
    else:
        text = tr.gettext("Done: you have left {name}.").format(name=name)
    await answer_with(update, context, text)
