"""Archiving a network (after a question), and the archived ones: listed, and restored.

Archiving keeps members, representatives and views; restoring brings the network back as it
was, but invitation-only and without the links that were withdrawn, so nobody walks in by a
link or /join that a coordinator has not opened again on purpose.
"""

from __future__ import annotations

from telegram import Update

from bot import constituencies as constituency_admin
from bot import roles as roles_service
from bot.context import Context
from bot.handlers.constituencies.common import (
    BROWSING,
    NetworkButton,
    detail_view,
    gone,
    list_view,
    names,
)
from bot.storage import constituencies
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import answer_with, column


async def archive_pressed(
    update: Update, context: Context, place: Constituency, *, sure: bool
) -> None:
    """[Archive this network] asks first; [Yes, archive it] archives and withdraws its links."""
    tr = context.tr
    name = esc(place.name(tr.lang))
    if not sure:
        await answer_with(
            update,
            context,
            tr.gettext(
                "Archive {name}? Nobody will be able to join it, and its unused invitation links "
                "will stop working. Its members and representatives are kept."
            ).format(name=name),
            column(
                [
                    (
                        tr.gettext("Yes, archive this network"),
                        NetworkButton("sure", place.id).pack(),
                    ),
                    (tr.gettext("No, keep it as it is"), NetworkButton("show", place.id).pack()),
                ]
            ),
        )
        return
    if await constituency_admin.archive(context.db, context.visit.member_id, place.id):
        # Its representatives no longer act for it: their menus change now, not on their next visit.
        await roles_service.refresh_menus_of_representatives(
            context.bot, context.db, context.settings, place.id
        )
    note = tr.gettext("Archived: {name}.").format(name=name)
    await answer_with(update, context, *await list_view(context, note))


async def archived_pressed(update: Update, context: Context, network: int | None) -> None:
    """[Archived networks]: each one a button; one of them: what restoring it does."""
    tr = context.tr
    await steps.ask(context, BROWSING)
    back = (tr.gettext("Back to all networks"), NetworkButton("show").pack())
    if network is None:
        places = await constituencies.archived(context.db, lang=tr.lang)
        if not places:
            await answer_with(update, context, *await list_view(context))
            return
        text = tr.gettext(
            "<b>Archived networks</b>\nNobody can join them; their members and representatives "
            "are kept. Choose one to restore it."
        )
        rows = [(p.name(tr.lang), NetworkButton("archived", p.id).pack()) for p in places]
        await answer_with(update, context, text, column([*rows, back]))
        return
    place = await constituencies.get(context.db, network)
    if place is None or not place.archived:
        await not_archived(update, context, place)
        return
    text = (
        names(place)
        + "\n\n"
        + tr.gettext(
            "Archived. If you restore it, its representatives act for it again and its members can "
            "give views to it again. It comes back invitation-only: the links withdrawn when it "
            "was archived stay withdrawn."
        )
    )
    markup = column(
        [
            (tr.gettext("Restore this network"), NetworkButton("restore", place.id).pack()),
            (tr.gettext("Back to archived networks"), NetworkButton("archived").pack()),
            back,
        ]
    )
    await answer_with(update, context, text, markup)


async def not_archived(update: Update, context: Context, place: Constituency | None) -> None:
    """An old button for a network restored since (by this coordinator or another)."""
    if place is None:
        await gone(update, context)
        return
    query = update.callback_query
    assert query is not None
    text = context.tr.gettext("That network is not archived: it has been restored already.")
    await query.answer(text, show_alert=True)


async def restore_pressed(update: Update, context: Context, network: int | None) -> None:
    """[Restore this network]: back in the list, invitation-only; its representatives' menus
    change at once. A second press (or an old button) finds it restored and changes nothing."""
    tr = context.tr
    place = await constituencies.get(context.db, network) if network is not None else None
    if place is None or not place.archived:
        await not_archived(update, context, place)
        return
    if await constituency_admin.restore(context.db, context.visit.member_id, place.id):
        await roles_service.refresh_menus_of_representatives(
            context.bot, context.db, context.settings, place.id
        )
    restored = await constituencies.get(context.db, place.id)
    assert restored is not None
    await steps.ask(context, BROWSING)
    text, markup = detail_view(tr, restored)
    note = tr.gettext("Restored: {name}.").format(name=esc(restored.name(tr.lang)))
    await answer_with(update, context, note + "\n\n" + text, markup)
