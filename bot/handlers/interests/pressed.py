"""The interests journey's buttons: every press names an interest by id, checked against
the presser's own current ones."""

from __future__ import annotations

from telegram import Update

from bot import interests, representatives
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.interests.asking import ask, save
from bot.handlers.interests.common import (
    CHOOSING,
    NAME,
    QUESTIONS,
    SINCE,
    WHAT_CY,
    WHAT_EN,
    WITHDRAWING,
    InterestButton,
    rep_id,
    show,
)
from bot.handlers.representatives import interest_line
from bot.i18n import N_
from bot.storage import audit
from bot.storage import representatives as rep_store
from bot.storage.interests import Interest
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.ui import answer_with, column


@requires(Role.REPRESENTATIVE, private=True)
async def interest_pressed(update: Update, context: Context, data: InterestButton) -> None:
    """Declare, change, keep, withdraw; the name members see."""
    tr = context.tr
    me = rep_id(context)
    waiting = await steps.expecting(context, CHOOSING, WITHDRAWING, *QUESTIONS, NAME)
    if waiting is None:
        await finished(update, context, N_("To see your interests, send /interests."))
        return
    if data.action == "list":
        await show(update, context)
    elif data.action == "new":
        await ask(update, context, WHAT_CY, {"id": None})
    elif data.action == "name":
        await steps.ask(context, NAME)
        await answer_with(
            update,
            context,
            tr.gettext(
                "Send the name members should see, {low} to {high} characters: your first name, "
                "or a name and what you do, for example “Rhys, carer”. Members of the networks you "
                "speak for see it."
            ).format(low=representatives.NAME_MIN, high=representatives.NAME_MAX),
        )
    elif data.action == "noname":
        await rep_store.set_display_name(context.db, me, None)
        await audit.record(context.db, me, "representative.unnamed")
        await show(update, context, tr.gettext("Done: your name is removed."))
    else:
        await _about_one(update, context, data, waiting)


async def _about_one(
    update: Update, context: Context, data: InterestButton, waiting: steps.Waiting
) -> None:
    """A press that names one interest: it must be the presser's own, and still current."""
    tr = context.tr
    me = rep_id(context)
    interest = await interests.own(context.db, me, data.id) if data.id is not None else None
    if interest is None:
        await finished(update, context, N_("To see your interests, send /interests."))
        return
    if data.action == "change":
        await ask(update, context, WHAT_CY, {"id": interest.id})
    elif data.action == "withdraw":
        await steps.ask(context, WITHDRAWING, {"id": interest.id})
        await answer_with(
            update,
            context,
            tr.gettext("Withdraw this interest? Members will no longer see it.\n\n{line}").format(
                line=interest_line(tr, interest)
            ),
            column(
                [
                    (
                        tr.gettext("Yes, withdraw this interest"),
                        InterestButton("sure", interest.id).pack(),
                    ),
                    (tr.gettext("No, keep this interest"), InterestButton("list").pack()),
                ]
            ),
        )
    elif data.action == "sure" and waiting.kind is WITHDRAWING:
        await interests.withdraw(context.db, me, interest.id)
        await show(update, context, tr.gettext("Withdrawn: members no longer see it."))
    elif (
        data.action == "keep"
        and waiting.kind in QUESTIONS
        and waiting.data.get("id") == interest.id
    ):
        await _kept(update, context, waiting, interest)
    else:
        await finished(update, context)


async def _kept(
    update: Update, context: Context, waiting: steps.Waiting, interest: Interest
) -> None:
    """Keep the current answer to the question being asked, and go on to the next one."""
    if waiting.kind is WHAT_CY:
        await ask(update, context, WHAT_EN, {"id": interest.id, "cy": interest.what_cy})
    elif waiting.kind is WHAT_EN:
        await ask(update, context, SINCE, {**waiting.data, "en": interest.what_en})
    else:
        await save(update, context, waiting.data, interest.since)
