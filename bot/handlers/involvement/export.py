"""Everyone's involvement on record, as a spreadsheet: for coordinators."""

from __future__ import annotations

from io import BytesIO

from telegram import Update

from bot import involvement
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.involvement.common import PERIOD_NAMES, ExportButton
from bot.tg.auth import requires
from bot.tg.ui import answer_with, column
from bot.views import today


@requires(Role.COORDINATOR, private=True)
async def export_pressed(update: Update, context: Context, data: ExportButton) -> None:
    """Which period; then everyone's record as a CSV file, in the coordinator's language."""
    tr = context.tr
    if data.period is None:
        rows = [(tr.gettext(PERIOD_NAMES[p]), ExportButton(p).pack()) for p in involvement.PERIODS]
        await answer_with(
            update, context, tr.gettext("Everyone's record for which period?"), column(rows)
        )
        return
    name, content = await involvement.export(
        context.db, tr, context.settings, data.period, today(context.settings)
    )
    query = update.callback_query
    if query is not None:
        await query.answer()
    await context.bot.send_document(
        context.visit.chat_id,
        BytesIO(content),
        filename=name,
        caption=tr.gettext(
            "Everyone's involvement on record ({period}): one row each, with their role, "
            "networks, polls run, outcomes reported, progress added, meetings attended and hours "
            "given."
        ).format(period=tr.gettext(PERIOD_NAMES[data.period])),
    )
