"""/reps (/cynrychiolwyr): who speaks for a member, and the interests each has declared."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import representatives
from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import since_text
from bot.i18n import Tr
from bot.representatives import Card
from bot.storage.constituencies import Constituency
from bot.storage.interests import Interest
from bot.tg.auth import requires
from bot.tg.text import esc, pack_blocks
from bot.tg.ui import reply


def interest_line(tr: Tr, interest: Interest) -> str:
    """• what — since March 2021 (declared 3 December 2026)"""
    if interest.changed_at is not None:
        when = tr.gettext("updated {date}").format(date=tr.date(interest.changed_at))
    else:
        when = tr.gettext("declared {date}").format(date=tr.date(interest.declared_at))
    return tr.gettext("• {what}, since {since} ({when})").format(
        what=esc(interest.what(tr.lang)), since=since_text(interest.since, tr.locale), when=when
    )


def card_lines(tr: Tr, card: Card) -> list[str]:
    lines = [f"<b>{esc(representatives.shown_name(tr, card.rep))}</b>"]
    if not card.interests:
        lines.append(tr.gettext("Has declared no interests."))
        return lines
    lines.append(tr.gettext("Declared interests:"))
    lines += [interest_line(tr, i) for i in card.interests]
    return lines


async def network_block(context: Context, tr: Tr, place: Constituency) -> str:
    cards = await representatives.cards(context.db, place.id)
    lines = [f"<b>{esc(place.name(tr.lang))}</b>"]
    if not cards:
        lines.append(tr.gettext("No representative yet."))
    for card in cards:
        lines.append("")
        lines += card_lines(tr, card)
    return "\n".join(lines)


@requires(Role.MEMBER)
async def reps_command(update: Update, context: Context) -> None:
    """/reps (/cynrychiolwyr): the representatives of the member's networks, with their interests."""
    tr = context.tr
    member = context.visit.member
    assert member is not None
    places = await representatives.networks_for(
        context.db, context.visit.access, member.id, tr.lang
    )
    if not places:
        await reply(
            update,
            context,
            tr.gettext(
                "You haven't joined a network yet, so nobody speaks for you here yet. Send /join "
                "to choose one."
            ),
        )
        return
    blocks = [tr.gettext("<b>Who speaks for you</b>")]
    blocks += [await network_block(context, tr, place) for place in places]
    blocks.append(
        "<i>"
        + tr.gettext(
            "Representatives declare anything that could bear on what they decide, such as work "
            "for the health board or a charity. To write to one of them, send /contact."
        )
        + "</i>"
    )
    for message in pack_blocks(blocks):
        await reply(update, context, message)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [CommandHandler(command("reps").names, reps_command)]


__all__ = ["card_lines", "handlers", "interest_line"]
