"""/invite (/gwahodd) makes an invitation link with buttons; /invites (/gwahoddiadau) lists them.

The choices so far travel in callback_data (`InviteButton`), so each press re-checks all of
them against the presser's rights before anything is made, and only while this person's
slot still holds the flow (an old keyboard cannot make a second link).
Coordinators invite anyone; a representative invites members to the networks they speak for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import invites as invitations
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.invites import Uses, invite_for
from bot.storage import constituencies, invites
from bot.storage.constituencies import Constituency
from bot.storage.invites import Invite, InviteRole
from bot.tg import pages, steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler, finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec, answer_with, column, reply, tell

RoleCode = Literal["m", "r", "c"]
ROLE_CODES: dict[RoleCode, InviteRole] = {"m": "member", "r": "representative", "c": "coordinator"}
CODE_OF: dict[InviteRole, RoleCode] = {v: k for k, v in ROLE_CODES.items()}
ROLE_BUTTONS: dict[InviteRole, str] = {
    "member": N_("A member of a network"),
    "representative": N_("A representative of a network"),
    "coordinator": N_("A coordinator of the whole service"),
}
USE_CODES: dict[str, Uses] = {"1": "one", "n": "many"}


@dataclass(frozen=True, slots=True)
class InviteButton(CallbackData, prefix="inv"):
    """The choices made so far; the next missing one is asked."""

    role: RoleCode | None = None
    network: int | None = None
    uses: Literal["1", "n"] | None = None
    days: int | None = None


@dataclass(frozen=True, slots=True)
class WithdrawButton(CallbackData, prefix="invx"):
    invite: int


@dataclass(frozen=True, slots=True)
class LinksPage(CallbackData, prefix="invp"):
    """In /invites: the page of links from `start`."""

    start: int


INVITING = steps.kind(
    "invites.choose",
    Role.REPRESENTATIVE,
    hint=N_("Please choose with the buttons above, or send /invite to start again."),
)


def _step_keyboard(buttons: list[ButtonSpec], tr: Tr) -> InlineKeyboardMarkup:
    return column([*buttons, (tr.gettext("Start again"), InviteButton().pack())])


@requires(Role.REPRESENTATIVE, private=True)
async def invite_command(update: Update, context: Context) -> None:
    """/invite (/gwahodd): start making an invitation link."""
    await steps.ask(context, INVITING)
    await _ask_next(update, context, InviteButton())


@requires(Role.REPRESENTATIVE, private=True)
async def invite_pressed(update: Update, context: Context, data: InviteButton) -> None:
    """Each choice (role, network, uses, how long) leads to the next, then to the link."""
    if await steps.expecting(context, INVITING) is None:
        await finished(update, context, N_("To make another link, send /invite."))
        return
    await _ask_next(update, context, data)


async def _ask_next(update: Update, context: Context, chosen: InviteButton) -> None:
    """Check every choice made so far, then ask the next one or make the link."""
    tr = context.tr
    access = context.visit.access
    if chosen.role is None:
        if access.coordinator:  # a coordinator chooses the role first
            buttons = [
                (tr.gettext(ROLE_BUTTONS[r]), InviteButton(role=CODE_OF[r]).pack())
                for r in invitations.roles_for(access)
            ]
            await answer_with(
                update, context, tr.gettext("Who is the invitation for?"), column(buttons)
            )
            return
        chosen = replace(chosen, role="m")  # a representative makes only member links
    assert chosen.role is not None
    role = ROLE_CODES[chosen.role]
    place: Constituency | None = None
    if role == "coordinator":
        if chosen.network is not None:
            await _refuse(update, context)
            return
    elif chosen.network is None:
        await _ask_network(update, context, chosen)
        return
    else:
        place = await constituencies.get(context.db, chosen.network)
        if place is None or place.archived:
            await _refuse(update, context)
            return
    if not invitations.may_invite(access, role, place.id if place else None):
        await _refuse(update, context)
        return
    what = invite_for(tr, role, place)
    if role != "member":
        chosen = replace(chosen, uses="1")  # links that give a role work once only
    if chosen.uses is None:
        buttons = [
            (tr.gettext("One person only"), replace(chosen, uses="1").pack()),
            (tr.gettext("Several people, until it expires"), replace(chosen, uses="n").pack()),
        ]
        text = tr.gettext("An invitation for {what}. Who can use the link?").format(what=what)
        await answer_with(update, context, text, _step_keyboard(buttons, tr))
        return
    if chosen.days is None:
        buttons = [
            (
                tr.ngettext("It works for {n} day", "It works for {n} days", n).format(n=n),
                replace(chosen, days=n).pack(),
            )
            for n in invitations.DAYS
        ]
        text = tr.gettext("An invitation for {what}. How long should the link work?").format(
            what=what
        )
        await answer_with(update, context, text, _step_keyboard(buttons, tr))
        return
    if chosen.days not in invitations.DAYS:
        await _refuse(update, context)
        return
    await steps.done(context)
    invite, token = await invitations.create(
        context.db,
        context.visit.member_id,
        role,
        place.id if place else None,
        USE_CODES[chosen.uses],
        chosen.days,
    )
    await answer_with(update, context, created_text(tr, invite, what, context.bot.username, token))


async def _ask_network(update: Update, context: Context, chosen: InviteButton) -> None:
    tr = context.tr
    access = context.visit.access
    places = [
        p
        for p in await constituencies.list_all(context.db, lang=context.tr.lang)
        if access.speaks_for(p.id)
    ]
    if not places:
        await answer_with(
            update, context, tr.gettext("There are no networks to invite people to yet.")
        )
        return
    buttons = [(p.name(tr.lang), replace(chosen, network=p.id).pack()) for p in places]
    await answer_with(
        update, context, tr.gettext("Which network is it for?"), _step_keyboard(buttons, tr)
    )


async def _refuse(update: Update, context: Context) -> None:
    await tell(update, context, context.tr.gettext("You can't make that invitation."))


def created_text(tr: Tr, invite: Invite, what: str, username: str, token: str) -> str:
    link = invitations.deep_link(username, token)
    lines = [
        tr.gettext("<b>Your invitation link</b>"),
        tr.gettext("For {what}.").format(what=what),
        tr.gettext("It works until {when}.").format(when=tr.datetime(invite.expires_at)),
        "",
        link,
        "",
    ]
    if invite.max_uses == 1:
        lines.append(
            tr.gettext(
                "Send it only to the person it is for: the first person to open it uses it up."
            )
        )
    else:
        lines.append(tr.gettext("Anyone with this link can use it until it expires."))
    lines.append(tr.gettext("To withdraw it, send /invites."))
    return "\n".join(lines)


async def _manageable(context: Context) -> list[Invite]:
    access = context.visit.access
    return [i for i in await invites.list_active(context.db) if invitations.may_manage(access, i)]


async def list_view(
    context: Context, tr: Tr, start: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    active = await _manageable(context)
    if not active:
        return tr.gettext("There are no invitation links in use."), None
    shown = pages.page_of(active, start)
    lines = [tr.gettext("<b>Invitation links still in use</b>")]
    buttons: list[ButtonSpec] = []
    for invite in shown.items:
        place = (
            await constituencies.get(context.db, invite.constituency_id)
            if invite.constituency_id
            else None
        )
        if invite.max_uses == 1:
            uses = tr.gettext("one person")
        else:
            uses = tr.ngettext(
                "several people, used {n} time so far",
                "several people, used {n} times so far",
                invite.uses,
            ).format(n=invite.uses)
        lines.append(
            tr.gettext("{number}. For {what}; {uses}; until {when}.").format(
                number=invite.id,
                what=invite_for(tr, invite.role, place),
                uses=uses,
                when=tr.datetime(invite.expires_at),
            )
        )
        buttons.append(
            (
                tr.gettext("Withdraw link {number}").format(number=invite.id),
                WithdrawButton(invite.id).pack(),
            )
        )
    where = pages.which(tr, shown)
    if where is not None:
        lines += ["", where]
    buttons += pages.turning(tr, shown, N_("Earlier links"), N_("More links"), LinksPage)
    return "\n".join(lines), column(buttons)


@requires(Role.REPRESENTATIVE, private=True)
async def invites_command(update: Update, context: Context) -> None:
    """/invites (/gwahoddiadau): the links still in use, each with a button to withdraw it."""
    text, markup = await list_view(context, context.tr)
    await reply(update, context, text, markup)


@requires(Role.REPRESENTATIVE, private=True)
async def revoke_pressed(update: Update, context: Context, data: WithdrawButton) -> None:
    """[Withdraw link N]: only an invite this person may manage, and only once."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    invite = await invites.get(context.db, data.invite)
    if invite is None or not invitations.may_manage(context.visit.access, invite):
        await query.answer(tr.gettext("You can't withdraw that link."), show_alert=True)
        return
    listed = [i.id for i in await _manageable(context)]
    place = listed.index(invite.id) if invite.id in listed else 0  # its page, shown again
    withdrawn = await invitations.revoke(context.db, context.visit.member_id, invite.id)
    note = (
        tr.gettext("Link {number} is withdrawn: it no longer works.")
        if withdrawn
        else tr.gettext("Link {number} was already withdrawn.")
    ).format(number=invite.id)
    text, markup = await list_view(context, tr, pages.page_containing(place))
    await answer_with(update, context, note + "\n\n" + text, markup)


@requires(Role.REPRESENTATIVE, private=True)
async def page_pressed(update: Update, context: Context, data: LinksPage) -> None:
    """[Earlier links] / [More links]: another page of the list."""
    await answer_with(update, context, *await list_view(context, context.tr, data.start))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("invite").names, invite_command),
        CommandHandler(command("invites").names, invites_command),
        button_handler(InviteButton, invite_pressed),
        button_handler(WithdrawButton, revoke_pressed),
        button_handler(LinksPage, page_pressed),
    ]
