"""Reports of abuse, for coordinators: told at once, decided with a button, listed by /reports
(/adroddiadau). Nothing here names or counts the sender (see `bot.contact_blocks`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update

from bot import contact_blocks, delivery
from bot.context import Context
from bot.delivery import Outgoing
from bot.domain.access import Role
from bot.handlers.contact.common import network_name
from bot.i18n import Tr
from bot.storage import contact as store
from bot.storage.contact import Report
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply


@dataclass(frozen=True, slots=True)
class ReportButton(CallbackData, prefix="creport"):
    """A coordinator's decision on report `report`: stop the sender for `months`, close the
    report without stopping anyone, or end a stop early."""

    report: int
    action: Literal["block", "dismiss", "lift"]
    months: int | None = None


async def report_text(context: Context, tr: Tr, found: Report) -> str:
    lines = [
        tr.gettext("<b>Report {number}: abuse in a conversation with a member</b>").format(
            number=found.id
        ),
        tr.gettext("Network: {name}").format(
            name=await network_name(context, tr, found.constituency_id)
        ),
        tr.gettext("Reported on {date} by member no. {member}, a representative.").format(
            date=tr.date(found.reported_on), member=found.reported_by or "?"
        ),
        f"<blockquote>{esc(found.note)}</blockquote>"
        if found.note
        else "<i>" + tr.gettext("No note was given.") + "</i>",
    ]
    if found.status == "open":
        lines.append(
            tr.gettext(
                "You can stop this sender writing to any representative through me, or close the "
                "report. Nobody, you included, will learn who it was. If nobody decides by {date}, "
                "the report lapses."
            ).format(date=tr.date(found.decide_by))
        )
    elif found.status == "blocked" and found.blocked_until is not None:
        lines.append(
            tr.gettext("This sender can't write to representatives until {date}.").format(
                date=tr.date(found.blocked_until)
            )
        )
    else:
        lines.append(tr.gettext("This report is closed."))
    return "\n".join(lines)


def report_buttons(tr: Tr, found: Report) -> InlineKeyboardMarkup | None:
    if found.status == "open":
        rows = [
            (
                tr.ngettext(
                    "Stop them writing for {n} month", "Stop them writing for {n} months", n
                ).format(n=n),
                ReportButton(found.id, "block", n).pack(),
            )
            for n in contact_blocks.BLOCK_MONTHS
        ]
        rows.append(
            (
                tr.gettext("Close it without stopping anyone"),
                ReportButton(found.id, "dismiss").pack(),
            )
        )
        return column(rows)
    if found.status == "blocked":
        return column(
            [(tr.gettext("Let them write again now"), ReportButton(found.id, "lift").pack())]
        )
    return None


async def notify_coordinators(context: Context, report_id: int) -> None:
    """Every coordinator hears of a report at once, through the delivery queue."""
    found = await store.get_report(context.db, report_id)
    if found is None:
        return
    messages = []
    for coordinator in await contact_blocks.coordinators(context.db, context.settings):
        tr = context.tr_for(coordinator.language)
        messages.append(
            Outgoing(
                coordinator.chat_id,
                await report_text(context, tr, found),
                coordinator.id,
                markup=report_buttons(tr, found),
            )
        )
    if messages:
        await delivery.enqueue(
            context.db, kind="contact.report", messages=messages, urgent=True, label=f"#{report_id}"
        )
        context.services.delivery.wake()


@requires(Role.COORDINATOR, private=True)
async def reports_command(update: Update, context: Context) -> None:
    """/reports (/adroddiadau): reports waiting for a decision, and senders stopped now."""
    tr = context.tr
    found = await store.reports(context.db, ("open", "blocked"))
    if not found:
        await reply(update, context, tr.gettext("No reports are waiting, and nobody is stopped."))
        return
    for each in found[-20:]:
        await reply(update, context, await report_text(context, tr, each), report_buttons(tr, each))


@requires(Role.COORDINATOR, private=True)
async def report_pressed(update: Update, context: Context, data: ReportButton) -> None:
    """Stop the sender, close the report, or end a stop early; the report is read afresh."""
    found = await store.get_report(context.db, data.report)
    member = context.visit.member
    assert member is not None
    if found is None:
        await finished(update, context)
        return
    secrets = context.services.secrets
    done = False
    if data.action == "block" and data.months is not None:
        done = (
            await contact_blocks.block(context.db, secrets, found, data.months, member.id)
            is not None
        )
    elif data.action == "dismiss" and found.status == "open":
        done = await contact_blocks.dismiss(context.db, secrets, found, member.id)
    elif data.action == "lift" and found.status == "blocked":
        done = await contact_blocks.lift(context.db, secrets, found, member.id)
    if not done:
        await finished(update, context)
        return
    fresh = await store.get_report(context.db, found.id)
    assert fresh is not None
    tr = context.tr
    await answer_with(
        update, context, await report_text(context, tr, fresh), report_buttons(tr, fresh)
    )
