"""Recording an outcome: network, what it answers, what people said and what was done (in
Welsh, then English), a review day, then a preview of exactly what members receive."""

from __future__ import annotations

from typing import cast

from telegram import Update

from bot import outcomes
from bot.context import Context
from bot.domain.access import Role
from bot.domain.dates import add_months, read_day
from bot.handlers.outcomes.common import (
    CHOOSING,
    NO_LONGER,
    PREVIEW,
    REVIEW_DAY,
    TEXT,
    OutcomeButton,
    button,
    cancel_button,
    checked_text,
    member_id,
    own_draft,
    review_choices,
    review_day_problem,
)
from bot.handlers.outcomes.preview import finish, preview
from bot.i18n import LANGS, Tr
from bot.outcomes import shorten
from bot.storage import meetings as meeting_store
from bot.storage import outcomes as store
from bot.storage import polls as poll_store
from bot.storage import suggestions as suggestion_store
from bot.storage import topics as topic_store
from bot.storage.outcomes import FIELDS, Field, Outcome
from bot.tg import steps
from bot.tg.acting_for import places_for
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply
from bot.views import today

LINKS_SHOWN = 6  # of each: the newest closed polls and topics


def _question(tr: Tr, field: Field) -> str:
    # Each sentence spelled out for the catalog (a msgid must be a literal to be extracted).
    texts = {
        "said_cy": tr.gettext("What did people say? Write it <b>in Welsh</b>."),
        "said_en": tr.gettext("Now what people said <b>in English</b>."),
        "did_cy": tr.gettext(
            "What was decided or changed because of it? Write it <b>in Welsh</b>."
        ),
        "did_en": tr.gettext("Now what was decided or changed, <b>in English</b>."),
    }
    return texts[field]


async def start(update: Update, context: Context) -> None:
    """Choose the network (if several), then what the outcome answers."""
    tr = context.tr
    places = await places_for(context)
    if not places:
        await answer_with(
            update, context, tr.gettext("There are no networks for you to act for yet.")
        )
        return
    if len(places) == 1:
        await new_draft(update, context, places[0].id)
        return
    await steps.ask(context, CHOOSING)
    rows = [(p.name(tr.lang), OutcomeButton(None, "net", str(p.id)).pack()) for p in places]
    await answer_with(update, context, tr.gettext("An outcome for which network?"), column(rows))


async def new_draft(update: Update, context: Context, cid: int) -> None:
    """Make the draft, then ask what it answers: a closed poll, a topic put on a meeting's
    agenda, or a digest topic of the network."""
    tr = context.tr
    draft_id = await store.create_draft(context.db, member_id(context), cid)
    draft = await store.get(context.db, draft_id)
    assert draft is not None
    polls = await poll_store.closed_in(context.db, cid, LINKS_SHOWN)
    suggested = await suggestion_store.on_agenda_in(context.db, cid, LINKS_SHOWN)
    found = sorted(
        (await topic_store.all_in(context.db, cid)).values(), key=lambda t: t.id, reverse=True
    )[:LINKS_SHOWN]
    rows = [
        (tr.gettext("Poll: {question}").format(question=shorten(p.question(tr.lang), 60)),
         button(draft, "poll", p.id))
        for p in polls
    ]  # fmt: skip
    rows += [
        (
            tr.gettext("Suggested for a meeting: {topic}").format(topic=shorten(s.text, 50)),
            button(draft, "sugg", s.id),
        )
        for s in suggested
    ]
    rows += [
        (tr.gettext("Topic: {title}").format(title=t.title(tr.lang)), button(draft, "topic", t.id))
        for t in found
    ]
    rows.append((tr.gettext("None of these"), button(draft, "topic", "none")))
    rows.append(cancel_button(tr, draft))
    await steps.ask(context, CHOOSING)
    await answer_with(
        update,
        context,
        tr.gettext(
            "What does this outcome answer? Choose the poll, the meeting topic or the topic "
            "members gave their views on, so they can see what came of it."
        ),
        column(rows),
    )


async def ask_text(update: Update, context: Context, draft: Outcome, then: list[str]) -> None:
    """Ask for the next text in `then` (fields, then "review" and/or "preview")."""
    step, rest = then[0], then[1:]
    if step == "review":
        await ask_review(update, context, draft)
        return
    if step not in FIELDS:
        await preview(update, context, draft)
        return
    field = step
    tr = context.tr
    await steps.ask(context, TEXT, {"draft": draft.id, "field": field, "then": rest})
    text = (
        _question(tr, field)
        + " "
        + tr.gettext("Up to {max} characters.").format(max=f"{outcomes.MAX_CHARS:,}")
    )
    rows: list[ButtonSpec] = []
    if draft.text(field):
        text += "\n\n" + tr.gettext("Now: {text}").format(text=esc(draft.text(field)))
        rows.append((tr.gettext("Keep it as it is"), button(draft, "keep")))
    rows.append(cancel_button(tr, draft))
    await answer_with(update, context, text, column(rows))


@steps.takes_text(TEXT)
async def text_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """One of the four texts of an outcome."""
    draft_id = waiting.data.get("draft")
    field = waiting.data.get("field")
    draft = await store.get(context.db, draft_id) if isinstance(draft_id, int) else None
    if (
        draft is None
        or field not in FIELDS
        or draft.author_id != member_id(context)
        or draft.status != "draft"
        or not context.visit.access.speaks_for(draft.constituency_id)
    ):
        await steps.done(context)
        await reply(update, context, context.tr.gettext(NO_LONGER))
        return
    text = await checked_text(update, context)
    if text is None:
        return
    await store.set_text(context.db, draft.id, cast(Field, field), text)
    await _next(update, context, draft.id, waiting.data.get("then"))


async def _next(update: Update, context: Context, draft_id: int, then: object) -> None:
    draft = await store.get(context.db, draft_id)
    assert draft is not None
    steps_left = [s for s in then if isinstance(s, str)] if isinstance(then, list) else []
    await ask_text(update, context, draft, steps_left or ["preview"])


async def ask_review(update: Update, context: Context, draft: Outcome) -> None:
    tr = context.tr
    await steps.ask(context, CHOOSING)
    rows: list[ButtonSpec] = [
        (label, button(draft, "day") if value == "day" else button(draft, "review", value))
        for label, value in review_choices(tr)
    ]
    rows.append(cancel_button(tr, draft))
    await answer_with(
        update,
        context,
        tr.gettext(
            "When should I remind you to report progress to members? On that day I'll ask you "
            "what has happened since."
        ),
        column(rows),
    )


@steps.takes_text(REVIEW_DAY)
async def review_day_typed(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """A review day typed in Welsh or English."""
    tr = context.tr
    draft_id = waiting.data.get("draft")
    draft = await store.get(context.db, draft_id) if isinstance(draft_id, int) else None
    if draft is None or draft.author_id != member_id(context) or draft.status != "draft":
        await steps.done(context)
        await reply(update, context, tr.gettext(NO_LONGER))
        return
    message = update.effective_message
    now = today(context.settings)
    day = read_day(message.text or "", now) if message else None
    if day is None or not outcomes.review_ok(day, now):
        await reply(update, context, review_day_problem(tr))
        return
    await store.set_review(context.db, draft.id, day)
    fresh = await store.get(context.db, draft.id)
    assert fresh is not None
    await preview(update, context, fresh)


# ------------------------------------------------------------------ buttons


@requires(Role.REPRESENTATIVE, private=True)
async def outcome_pressed(update: Update, context: Context, data: OutcomeButton) -> None:
    """Every button of recording an outcome; the draft and the network are re-checked."""
    tr = context.tr
    if data.action == "new":
        await start(update, context)
        return
    if data.action == "net":
        cid = int(data.value) if data.value and data.value.isdigit() else None
        if cid is None or not context.visit.access.speaks_for(cid):
            await own_draft(update, context, None)  # says finished; changes nothing
            return
        await new_draft(update, context, cid)
        return
    draft = await own_draft(update, context, data.draft)
    if draft is None:
        return
    waiting = await steps.current(context)
    if data.action == "cancel":
        await store.discard_draft(context.db, draft.id)
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing was recorded."))
    elif data.action in ("topic", "poll", "sugg"):
        await _link_chosen(update, context, draft, data.action, data.value)
    elif data.action == "keep" and waiting is not None and waiting.kind is TEXT:
        if waiting.data.get("draft") == draft.id:
            await _next(update, context, draft.id, waiting.data.get("then"))
    elif data.action == "review":
        months = int(data.value) if data.value and data.value.isdigit() else None
        day = add_months(today(context.settings), months) if months else None
        await store.set_review(context.db, draft.id, day)
        await preview(update, context, await _fresh(context, draft))
    elif data.action == "day":
        await steps.ask(context, REVIEW_DAY, {"draft": draft.id})
        await answer_with(
            update,
            context,
            tr.gettext("Send the review day, for example 3/6/2027 or 3 June 2027."),
        )
    elif data.action == "edit" and data.value in LANGS:
        await ask_text(
            update, context, draft, [f"said_{data.value}", f"did_{data.value}", "preview"]
        )
    elif data.action in ("send", "record") and waiting is not None and waiting.kind is PREVIEW:
        await finish(update, context, draft, send=data.action == "send")
    else:
        assert update.callback_query is not None
        await update.callback_query.answer()


async def _link_chosen(
    update: Update, context: Context, draft: Outcome, kind: str, value: str | None
) -> None:
    """A topic or a closed poll of the draft's own network (or neither); anything else is
    an old or forged button and changes nothing."""
    chosen = int(value) if value and value.isdigit() else None
    topic_id = poll_id = suggestion_id = None
    if kind == "sugg":
        suggestion = await suggestion_store.get(context.db, chosen) if chosen is not None else None
        meeting = await meeting_store.get(context.db, suggestion.meeting_id) if suggestion else None
        if (
            suggestion is None
            or not suggestion.on_agenda
            or meeting is None
            or draft.constituency_id not in meeting.network_ids
        ):
            await own_draft(update, context, None)
            return
        suggestion_id = suggestion.id
    elif kind == "poll":
        poll = await poll_store.get(context.db, chosen) if chosen is not None else None
        if poll is None or poll.status != "closed" or draft.constituency_id not in poll.networks:
            await own_draft(update, context, None)
            return
        poll_id = poll.id
    elif chosen is not None:
        topic = await topic_store.get(context.db, chosen)
        if topic is None or topic.constituency_id != draft.constituency_id:
            await own_draft(update, context, None)
            return
        topic_id = topic.id
    await store.set_link(
        context.db, draft.id, topic_id=topic_id, poll_id=poll_id, suggestion_id=suggestion_id
    )
    await ask_text(update, context, await _fresh(context, draft), [*FIELDS, "review"])


async def _fresh(context: Context, draft: Outcome) -> Outcome:
    found = await store.get(context.db, draft.id)
    assert found is not None
    return found


__all__ = ["outcome_pressed", "review_day_problem", "start"]
