"""/roles (/rolau), /audit (/archwilio) and /members (/aelodau): who holds which role, what
was done, and how many members each network has (never a small group's number)."""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, BaseHandler, CommandHandler

from bot import audit as audit_log
from bot import roles as roles_service
from bot.commands import command
from bot.context import Context, Services
from bot.domain import counting
from bot.domain.access import Role
from bot.domain.counting import MEMBERS
from bot.i18n import N_, Tr, translator
from bot.storage import audit, constituencies, members
from bot.storage.constituencies import Constituency, MemberCount
from bot.storage.roles import RoleGrant
from bot.tg import pages, steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply, send

AUDIT_ENTRIES = 20


@dataclass(frozen=True, slots=True)
class RoleButton(CallbackData, prefix="rolex"):
    """In /roles: a role to remove (None: back to the list), and whether it is confirmed."""

    grant: int | None = None
    sure: bool = False


@dataclass(frozen=True, slots=True)
class RolesPage(CallbackData, prefix="rolep"):
    """In /roles: the page of roles from `start`."""

    start: int


CHOOSING_ROLE = steps.kind(
    "admin.roles",
    Role.COORDINATOR,
    hint=N_("Please choose with the buttons above, or send /roles to see the list again."),
)
STATUSES = {
    "active": N_("receiving messages"),
    "stopped": N_("stopped messages"),
    "unreachable": N_("unreachable"),
}


async def role_text(context: Context, tr: Tr, grant: RoleGrant) -> str:
    if grant.role == "coordinator":
        what = tr.gettext("coordinator")
    else:
        place = (
            await constituencies.get(context.db, grant.constituency_id)
            if grant.constituency_id
            else None
        )
        name = esc(place.name(tr.lang)) if place else "?"
        what = tr.gettext("representative of {name}").format(name=name)
    return tr.gettext("Member no. {member}: {role}").format(member=grant.member_id, role=what)


async def roles_view(
    context: Context, tr: Tr, start: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    grants = await roles_service.holders(context.db)
    shown = pages.page_of(grants, start)
    lines = [tr.gettext("<b>Roles</b>")]
    buttons: list[ButtonSpec] = []
    for grant in shown.items:
        lines.append(f"{grant.id}. " + await role_text(context, tr, grant))
        buttons.append(
            (
                tr.gettext("Remove role {number}").format(number=grant.id),
                RoleButton(grant.id).pack(),
            )
        )
    if not grants:
        lines.append(tr.gettext("Nobody holds a role through an invitation yet."))
    where = pages.which(tr, shown)
    if where is not None:
        lines += ["", where]
    buttons += pages.turning(tr, shown, N_("Earlier roles"), N_("More roles"), RolesPage)
    named = len(context.settings.coordinators)
    lines.append("")
    lines.append(
        tr.ngettext(
            "{n} coordinator is named in the settings (CYDLAIS_COORDINATORS); change the setting to remove them.",
            "{n} coordinators are named in the settings (CYDLAIS_COORDINATORS); change the setting to remove them.",
            named,
        ).format(n=named)
    )
    return "\n".join(lines), column(buttons) if buttons else None


@requires(Role.COORDINATOR, private=True)
async def roles_command(update: Update, context: Context) -> None:
    """/roles (/rolau): every role held, each with a button to remove it."""
    text, markup = await roles_view(context, context.tr)
    await reply(update, context, text, markup)
    if markup is not None:
        await steps.ask(context, CHOOSING_ROLE)


@requires(Role.COORDINATOR, private=True)
async def remove_pressed(update: Update, context: Context, data: RoleButton) -> None:
    """[Remove role N] asks first; [Yes, remove this role] removes it and updates their menu."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    if data.grant is None:
        await answer_with(update, context, *await roles_view(context, tr))
        return
    grant = await roles_service.get(context.db, data.grant)
    if grant is None:
        await query.answer(tr.gettext("That role has already been removed."), show_alert=True)
        return
    if grant.role == "coordinator" and grant.member_id == context.visit.member_id:
        await query.answer(
            tr.gettext("You can't remove your own coordinator role: ask another coordinator."),
            show_alert=True,
        )
        return
    described = await role_text(context, tr, grant)
    if not data.sure:
        await answer_with(
            update,
            context,
            tr.gettext("Remove this role? {role}").format(role=described),
            column(
                [
                    (tr.gettext("Yes, remove this role"), RoleButton(grant.id, sure=True).pack()),
                    (tr.gettext("No, keep this role"), RoleButton().pack()),
                ]
            ),
        )
        return
    listed = [g.id for g in await roles_service.holders(context.db)]
    place = listed.index(grant.id) if grant.id in listed else 0  # its page, shown again
    removed = await roles_service.remove(
        context.db, context.settings, context.visit.member_id, grant.id
    )
    if removed is not None:
        await roles_service.refresh_menu(
            context.bot, context.db, context.settings, removed.member_id
        )
        await _tell_holder(context, removed)
    text, markup = await roles_view(context, tr, pages.page_containing(place))
    note = tr.gettext("Removed: {role}").format(role=described)
    await answer_with(update, context, note + "\n\n" + text, markup)


@requires(Role.COORDINATOR, private=True)
async def page_pressed(update: Update, context: Context, data: RolesPage) -> None:
    """[Earlier roles] / [More roles]: another page of the list."""
    await answer_with(update, context, *await roles_view(context, context.tr, data.start))


async def _tell_holder(context: Context, grant: RoleGrant) -> None:
    """Let the person know, in their language, that they no longer hold the role."""
    holder = await members.by_id(context.db, grant.member_id)
    if holder is None or holder.status != "active":
        return
    tr = translator(holder.language, context.settings.timezone)
    if grant.role == "coordinator":
        text = tr.gettext("You are no longer a coordinator of this service.")
    else:
        place = (
            await constituencies.get(context.db, grant.constituency_id)
            if grant.constituency_id
            else None
        )
        text = tr.gettext("You are no longer a representative of {name}.").format(
            name=esc(place.name(tr.lang)) if place else "?"
        )
    with contextlib.suppress(TelegramError):  # blocked or gone: the removal stands
        await send(context, holder.chat_id, text)


@requires(Role.COORDINATOR, private=True)
async def audit_command(update: Update, context: Context) -> None:
    """/audit (/archwilio): the latest privileged actions, newest first."""
    tr = context.tr
    entries = await audit.latest(context.db, AUDIT_ENTRIES)
    if not entries:
        await reply(update, context, tr.gettext("Nothing has been recorded yet."))
        return
    lines = [tr.gettext("<b>Latest actions</b>")]
    lines += await audit_log.lines(context.db, tr, entries, context.settings.min_group)
    await reply(update, context, "\n".join(lines))


def members_lines(
    tr: Tr, place: Constituency, counts: list[MemberCount], minimum: int
) -> list[str]:
    """One network's counts: the total, by language, by status; small numbers never shown."""
    total = sum(c.count for c in counts)
    headline = counting.counted(tr, counting.count(total, minimum), MEMBERS)
    languages: Counter[str] = Counter({"cy": 0, "en": 0})
    statuses: Counter[str] = Counter(dict.fromkeys(STATUSES, 0))
    for c in counts:
        languages[c.language] += c.count
        statuses[c.status] += c.count
    by_language = {k: counting.label(tr, v) for k, v in counting.parts(languages, minimum).items()}
    by_status = {k: counting.label(tr, v) for k, v in counting.parts(statuses, minimum).items()}
    return [
        f"<b>{esc(place.name(tr.lang))}</b>: {headline}",
        # TRANSLATORS: members counted by the language they chose; each {…} is a number or “fewer
        # than 5”.
        tr.gettext("Welsh: {cy} · English: {en}").format(
            cy=by_language["cy"], en=by_language["en"]
        ),
        " · ".join(
            tr.gettext("{status}: {n}").format(status=tr.gettext(label), n=by_status[key])
            for key, label in STATUSES.items()
        ),
    ]


@requires(Role.REPRESENTATIVE, private=True)
async def members_command(update: Update, context: Context) -> None:
    """/members (/aelodau): counts per network, for coordinators all, for representatives theirs."""
    tr = context.tr
    access = context.visit.access
    places = [
        p
        for p in await constituencies.list_all(context.db, lang=context.tr.lang)
        if access.speaks_for(p.id)
    ]
    if not places:
        await reply(update, context, tr.gettext("There are no networks yet."))
        return
    minimum = context.settings.min_group
    counts = await constituencies.member_counts(context.db, [p.id for p in places])
    lines = [tr.gettext("<b>Members</b>")]
    for place in places:
        lines.append("")
        lines += members_lines(
            tr, place, [c for c in counts if c.constituency_id == place.id], minimum
        )
    lines.append("")
    lines.append(counting.note(tr, minimum))
    await reply(update, context, "\n".join(lines))


async def on_startup(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Give every representative and coordinator their own command menu, in their language."""
    services: Services = app.bot_data["services"]
    db, settings = services.db, services.settings
    member_ids = {g.member_id for g in await roles_service.holders(db)}
    for telegram_id in settings.coordinators:
        member = await members.by_telegram_id(db, telegram_id)
        if member is not None:
            member_ids.add(member.id)
    for member_id in sorted(member_ids):
        await roles_service.refresh_menu(app.bot, db, settings, member_id)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("roles").names, roles_command),
        CommandHandler(command("audit").names, audit_command),
        CommandHandler(command("members").names, members_command),
        button_handler(RoleButton, remove_pressed),
        button_handler(RolesPage, page_pressed),
    ]
