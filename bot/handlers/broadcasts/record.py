"""/broadcasts (/negeseuon): the record of recent broadcasts and how their delivery went."""

from __future__ import annotations

from telegram import Update

from bot import broadcasts as broadcasting
from bot import delivery
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.broadcasts.common import people as _people
from bot.storage import broadcasts, delivery_batches
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import reply


@requires(Role.REPRESENTATIVE, private=True)  # counts and who sent what: not for a group
async def broadcasts_command(update: Update, context: Context) -> None:
    """/broadcasts (/negeseuon): recent broadcasts, who sent them, and how delivery went."""
    tr = context.tr
    access = context.visit.access
    member = context.visit.member
    assert member is not None
    shown = [
        b
        for b in await broadcasts.recent_sent(context.db)
        if access.coordinator
        or b.author_id == member.id
        or any(access.speaks_for(c) for c in b.constituency_ids)
    ][:10]
    if not shown:
        await reply(update, context, tr.gettext("No messages have been sent yet."))
        return
    minimum = context.settings.min_group
    blocks = [tr.gettext("<b>Recent messages</b>")]
    for item in shown:
        batch = await delivery_batches.batch(context.db, item.batch_id) if item.batch_id else None
        assert item.kind is not None
        assert item.sent_at is not None
        if item.author_id == member.id:
            who = tr.gettext("Sent by you")
        elif item.author_id is None:
            who = tr.gettext("Sent by someone who has since left")
        elif item.author_role == "coordinator":
            who = tr.gettext("Sent by a coordinator")
        else:
            who = tr.gettext("Sent by a representative")
        lines = [
            "",
            f"<b>#{item.id} {esc(tr.gettext(broadcasting.KIND_TITLES[item.kind]))}</b>, {tr.datetime(item.sent_at)}",
        ]
        if batch is not None:
            total = delivery.shown_total(item.recipients, minimum, batch.counting)
            lines.append(
                f"{who}. "
                + tr.gettext("Recipients: {people}").format(people=_people(context, total))
            )
            lines += delivery.count_lines(tr, batch.people, minimum, batch.counting)
        else:
            lines.append(f"{who}.")
        blocks.append("\n".join(lines))
    await reply(update, context, "\n".join(blocks))
