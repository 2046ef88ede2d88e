"""/outcomes (/canlyniadau): a network's outcomes for its members, newest first, each with
what it answers and its history; representatives also record outcomes and add progress."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import outcomes, representatives
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.outcomes.common import OutcomeButton, OutcomesPage, member_id
from bot.i18n import Tr
from bot.outcomes_review import ProgressButton
from bot.storage import constituencies
from bot.storage import outcomes as store
from bot.storage.constituencies import Constituency
from bot.storage.outcomes import Outcome, Progress
from bot.tg.auth import requires
from bot.tg.text import esc, pack_blocks
from bot.tg.ui import ButtonSpec, column, reply

PAGE = 5


async def outcome_block(context: Context, tr: Tr, outcome: Outcome, history: list[Progress]) -> str:
    assert outcome.recorded_at is not None
    lines = [f"<b>#{outcome.id} · {tr.date(outcome.recorded_at)}</b>"]
    link = await outcomes.link_lines(context.db, tr, outcome, context.settings.min_group)
    lines += [f"<i>{line}</i>" for line in link]
    lines += [
        tr.gettext("<b>You said:</b> {text}").format(text=esc(outcome.said(tr.lang))),
        tr.gettext("<b>We did:</b> {text}").format(text=esc(outcome.did(tr.lang))),
    ]
    if history:
        lines.append(tr.gettext("<b>Progress</b>"))
        lines += [
            tr.gettext("• {date}: {text}").format(
                date=tr.date(p.added_at or outcome.recorded_at), text=esc(p.text(tr.lang))
            )
            for p in history
        ]
    if outcome.review_on is not None:
        lines.append(
            "<i>"
            + tr.gettext("Next report on progress due by {date}.").format(
                date=tr.date(outcome.review_on)
            )
            + "</i>"
        )
    return "\n".join(lines)


async def show_page(update: Update, context: Context, place: Constituency, offset: int) -> None:
    """One page of a network's outcomes, in as few messages as Telegram allows."""
    tr = context.tr
    db = context.db
    total = await store.count_recorded(db, place.id)
    page = await store.recorded_in(db, place.id, limit=PAGE, offset=offset)
    history = await store.history(db, [o.id for o in page])
    blocks = [
        tr.gettext("<b>You said, we did: {network}</b>").format(network=esc(place.name(tr.lang)))
    ]
    if not page:
        blocks.append(
            tr.gettext(
                "Nothing recorded yet. When your representatives report what changed because of "
                "what members said, it will be here."
            )
        )
    blocks += [await outcome_block(context, tr, o, history[o.id]) for o in page]
    messages = pack_blocks(blocks)
    markup = _buttons(context, place, page, offset, total)
    for message in messages[:-1]:
        await reply(update, context, message)
    await reply(update, context, messages[-1], markup)


def _buttons(
    context: Context, place: Constituency, page: list[Outcome], offset: int, total: int
) -> InlineKeyboardMarkup | None:
    tr = context.tr
    rows: list[ButtonSpec] = []
    if offset + PAGE < total:
        rows.append((tr.gettext("Older outcomes"), OutcomesPage(place.id, offset + PAGE).pack()))
    if context.visit.access.speaks_for(place.id):
        rows += [
            (
                tr.gettext("Add progress to #{number}").format(number=o.id),
                ProgressButton(o.id).pack(),
            )
            for o in page
        ]
        rows.append((tr.gettext("Record an outcome"), OutcomeButton(None, "new").pack()))
    return column(rows) if rows else None


async def _places(context: Context) -> list[Constituency]:
    return await representatives.networks_for(
        context.db, context.visit.access, member_id(context), context.tr.lang
    )


@requires(Role.MEMBER)
async def outcomes_command(update: Update, context: Context) -> None:
    """/outcomes (/canlyniadau): what changed because members spoke, network by network."""
    tr = context.tr
    places = await _places(context)
    if not places:
        await reply(
            update,
            context,
            tr.gettext(
                "You haven't joined a network yet. Send /join to choose one; then you'll see "
                "here what changed because its members spoke."
            ),
        )
        return
    if len(places) == 1:
        await show_page(update, context, places[0], 0)
        return
    rows = [(p.name(tr.lang), OutcomesPage(p.id).pack()) for p in places]
    await reply(update, context, tr.gettext("Outcomes for which network?"), column(rows))


@requires(Role.MEMBER)
async def page_pressed(update: Update, context: Context, data: OutcomesPage) -> None:
    """A network's outcomes, or an older page of them (only networks this person may see)."""
    query = update.callback_query
    assert query is not None
    place = await constituencies.get(context.db, data.network)
    if place is None or place.id not in {p.id for p in await _places(context)} or data.offset < 0:
        await query.answer(
            context.tr.gettext("You can only see the outcomes of your own networks."),
            show_alert=True,
        )
        return
    await query.answer()
    await show_page(update, context, place, data.offset)
