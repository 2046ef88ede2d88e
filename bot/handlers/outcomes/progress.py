"""Reporting progress on an outcome: an update in Welsh and English joins its history, may
go to the network's members, and the next review day is chosen.

Started from the review reminder's button or from /outcomes; anyone who speaks for the
outcome's network may add one (the promise to report back is the network's).
"""

from __future__ import annotations

from telegram import Update

from bot import outcomes
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import add_months, read_day
from bot.handlers.outcomes.common import (
    checked_text,
    member_id,
    review_choices,
    review_day_problem,
)
from bot.i18n import LANGS, N_, Lang, Tr, translator
from bot.outcomes_review import ProgressAction, ProgressButton
from bot.storage import outcomes as store
from bot.storage.outcomes import Outcome, Progress
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import pack_blocks
from bot.tg.ui import ButtonSpec, answer_with, column, reply
from bot.views import today

TEXT = steps.kind("progress.text", Role.REPRESENTATIVE)  # data: {"update": id, "lang": "cy"}
PREVIEW = steps.kind(
    "progress.preview",
    Role.REPRESENTATIVE,
    buttons=(
        N_("Add it and send it to members"),
        N_("Add it without sending"),
        N_("Cancel, don't add anything"),
    ),
)
NEXT = steps.kind(
    "progress.next",
    Role.REPRESENTATIVE,
    hint=N_("Please choose with the buttons above when I should remind you next."),
)
NEXT_DAY = steps.kind("progress.next_day", Role.REPRESENTATIVE)  # data: {"outcome": id}
NO_LONGER = N_("This update is no longer being written. To add one, send /outcomes.")


def _button(outcome: Outcome, action: ProgressAction, value: object = None) -> str:
    return ProgressButton(outcome.id, action, None if value is None else str(value)).pack()


async def _outcome(update: Update, context: Context, outcome_id: int) -> Outcome | None:
    """A recorded outcome of a network the presser speaks for; else a kind word and None."""
    outcome = await store.get(context.db, outcome_id)
    if (
        outcome is None
        or outcome.status != "recorded"
        or not context.visit.access.speaks_for(outcome.constituency_id)
    ):
        await finished(update, context, N_("To see the outcomes, send /outcomes."))
        return None
    return outcome


async def _draft(context: Context, outcome: Outcome, value: object) -> Progress | None:
    """The presser's own unfinished update of this outcome named by `value`, or None."""
    update_id = int(value) if isinstance(value, str) and value.isdigit() else value
    found = await store.get_progress(context.db, update_id) if isinstance(update_id, int) else None
    if (
        found is None
        or found.outcome_id != outcome.id
        or found.author_id != member_id(context)
        or found.status != "draft"
    ):
        return None
    return found


async def ask(update: Update, context: Context, progress: Progress, lang: Lang) -> None:
    tr = context.tr
    await steps.ask(context, TEXT, {"update": progress.id, "lang": lang})
    text = (
        (
            tr.gettext("What has happened since? Write the update <b>in Welsh</b>.")
            if lang == "cy"
            else tr.gettext("Now the same update <b>in English</b>.")
        )
        + " "
        + tr.gettext("Up to {max} characters.").format(max=f"{outcomes.MAX_CHARS:,}")
    )
    await answer_with(update, context, text)


@steps.takes_text(TEXT)
async def text_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The Welsh, then the English of a progress update."""
    tr = context.tr
    raw = waiting.data.get("update")
    progress = await store.get_progress(context.db, raw) if isinstance(raw, int) else None
    outcome = await store.get(context.db, progress.outcome_id) if progress else None
    if (
        progress is None
        or outcome is None
        or progress.author_id != member_id(context)
        or progress.status != "draft"
        or not context.visit.access.speaks_for(outcome.constituency_id)
    ):
        await steps.done(context)
        await reply(update, context, tr.gettext(NO_LONGER))
        return
    text = await checked_text(update, context)
    if text is None:
        return
    lang: Lang = "en" if waiting.data.get("lang") == "en" else "cy"
    await store.set_progress_text(context.db, progress.id, lang, text)
    fresh = await store.get_progress(context.db, progress.id)
    assert fresh is not None
    if lang == "cy":
        await ask(update, context, fresh, "en")
    else:
        await preview(update, context, outcome, fresh)


async def preview(update: Update, context: Context, outcome: Outcome, progress: Progress) -> None:
    tr = context.tr
    tz = context.settings.timezone
    reached = len(await outcomes.recipients(context.db, outcome.constituency_id))
    blocks = [tr.gettext("<b>Check the progress update before it is added.</b>")]
    for lang in LANGS:
        blocks.append(
            tr.gettext("⬇️ Welsh readers will receive this:")
            if lang == "cy"
            else tr.gettext("⬇️ English readers will receive this:")
        )
        blocks.append(
            await outcomes.render_progress(context.db, translator(lang, tz), outcome, progress)
        )
    blocks.append(
        tr.gettext(
            "Add it to the outcome's history, and send it to the network's members? It would "
            "reach {people}."
        ).format(people=outcomes.people(tr, reached, context.settings.min_group))
    )
    markup = column(
        [
            (tr.gettext("Add it and send it to members"), _button(outcome, "send", progress.id)),
            (tr.gettext("Add it without sending"), _button(outcome, "add", progress.id)),
            (tr.gettext("Cancel, don't add anything"), _button(outcome, "cancel", progress.id)),
        ]
    )
    messages = pack_blocks(blocks)
    for message in messages[:-1]:
        await reply(update, context, message)
    await reply(update, context, messages[-1], markup)
    await steps.ask(context, PREVIEW, {"update": progress.id})


async def ask_next(update: Update, context: Context, outcome: Outcome, note: str) -> None:
    tr = context.tr
    rows: list[ButtonSpec] = [
        (label, _button(outcome, "next", value)) for label, value in review_choices(tr)
    ]
    await steps.ask(context, NEXT, {"outcome": outcome.id})
    await answer_with(
        update,
        context,
        note + "\n\n" + tr.gettext("When should I remind you to report progress again?"),
        column(rows),
    )


def _next_done(tr: Tr, outcome: Outcome) -> str:
    if outcome.review_on is None:
        return tr.gettext(
            "No more reminders for this outcome. You can still add updates with /outcomes."
        )
    return tr.gettext("I'll remind you on {date}.").format(date=tr.date(outcome.review_on, "full"))


@requires(Role.REPRESENTATIVE, private=True)
async def progress_pressed(update: Update, context: Context, data: ProgressButton) -> None:
    """Start an update, add it (and send it), cancel it, or set the next review."""
    tr = context.tr
    outcome = await _outcome(update, context, data.outcome)
    if outcome is None:
        return
    if data.action == "start":
        progress_id = await store.create_progress(context.db, outcome.id, member_id(context))
        progress = await store.get_progress(context.db, progress_id)
        assert progress is not None
        await ask(update, context, progress, "cy")
        return
    if data.action == "next":
        await _next_pressed(update, context, outcome, data.value)
        return
    progress = await _draft(context, outcome, data.value)
    if progress is None or await steps.expecting(context, PREVIEW, TEXT) is None:
        await finished(update, context, NO_LONGER)
        return
    if data.action == "cancel":
        await store.discard_progress(context.db, progress.id)
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing was added."))
        return
    if not progress.text_cy or not progress.text_en:
        await ask(update, context, progress, "en" if progress.text_cy else "cy")
        return
    count = await outcomes.add_progress(
        context.db,
        outcome,
        progress,
        send=data.action == "send",
        author_id=member_id(context),
        report_chat_id=context.visit.chat_id,
        report_lang=tr.lang,
        tz=context.settings.timezone,
    )
    if count is None:
        await finished(update, context, NO_LONGER)
        return
    if count:
        context.services.delivery.wake()
        note = tr.gettext("Added to the outcome's history, and sending to {people} now.").format(
            people=outcomes.people(tr, count, context.settings.min_group)
        )
    else:
        note = tr.gettext("Added to the outcome's history.")
    await ask_next(update, context, outcome, note)


async def _next_pressed(
    update: Update, context: Context, outcome: Outcome, value: str | None
) -> None:
    tr = context.tr
    if await steps.expecting(context, NEXT) is None:
        await finished(update, context)
        return
    if value == "day":
        await steps.ask(context, NEXT_DAY, {"outcome": outcome.id})
        await answer_with(
            update,
            context,
            tr.gettext("Send the review day, for example 3/6/2027 or 3 June 2027."),
        )
        return
    months = (
        int(value) if value and value.isdigit() and int(value) in outcomes.REVIEW_MONTHS else None
    )
    day = add_months(today(context.settings), months) if months else None
    await store.set_review(context.db, outcome.id, day)
    await steps.done(context)
    fresh = await store.get(context.db, outcome.id)
    assert fresh is not None
    await answer_with(update, context, _next_done(tr, fresh))


@steps.takes_text(NEXT_DAY)
async def next_day_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The next review day, typed."""
    tr = context.tr
    raw = waiting.data.get("outcome")
    outcome = await store.get(context.db, raw) if isinstance(raw, int) else None
    if outcome is None or not context.visit.access.speaks_for(outcome.constituency_id):
        await steps.done(context)
        await reply(update, context, tr.gettext(NO_LONGER))
        return
    message = update.effective_message
    now = today(context.settings)
    day = read_day(message.text or "", now) if message else None
    if day is None or not outcomes.review_ok(day, now):
        await reply(update, context, review_day_problem(tr))
        return
    await store.set_review(context.db, outcome.id, day)
    await steps.done(context)
    fresh = await store.get(context.db, outcome.id)
    assert fresh is not None
    await reply(update, context, _next_done(tr, fresh))


__all__ = ["progress_pressed"]
