"""/topics (/pynciau): representatives and coordinators open and close topics for views.

Every press names a network or topic and is re-checked with `speaks_for`.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.storage import audit, constituencies, pending
from bot.storage import topics as topic_store
from bot.storage.constituencies import Constituency
from bot.tg import callbacks, steps
from bot.tg.acting_for import allowed, member_id, pick, refuse
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import answer_with, keyboard, reply

TITLE_MAX = 60


@requires(Role.REPRESENTATIVE, private=True)
async def topics_command(update: Update, context: Context) -> None:
    """/topics (/pynciau): open and close topics members can give views on."""
    tr = context.tr
    place = await pick(context, update, "topic", tr.gettext("Topics for which network?"))
    if place is not None:
        await show_topics(update, context, place)


async def show_topics(update: Update, context: Context, place: Constituency) -> None:
    tr = context.tr
    found = await topic_store.open_in(context.db, place.id)
    lines = [tr.gettext("<b>Open topics for {name}</b>").format(name=esc(place.name(tr.lang)))]
    lines += [f"• {esc(t.title_cy)} / {esc(t.title_en)}" for t in found] or [
        tr.gettext("None yet. Members can always give a view on “something else”.")
    ]
    rows = [
        [
            (
                tr.gettext("Close: {title}").format(title=t.title(tr.lang)),
                callbacks.pack("topic", "x", t.id),
            )
        ]
        for t in found
    ]
    rows.append([(tr.gettext("Open a new topic"), callbacks.pack("topic", "n", place.id))])
    text = "\n".join(lines)
    await answer_with(update, context, text, keyboard(*rows))


@requires(Role.REPRESENTATIVE, private=True)
async def topic_pressed(update: Update, context: Context) -> None:
    """Choose a network, open a topic (asks for its titles) or close one."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = callbacks.parse(query.data)
    action = parsed.arg(0, ("c", "n", "x")) if parsed else None
    number = parsed.int_arg(1) if parsed else None
    if action is None or number is None:
        await query.answer()
        return
    if action == "x":
        topic = await topic_store.get(context.db, number)
        if topic is None or not allowed(context, topic.constituency_id):
            await refuse(update, context)
            return
        await topic_store.close_topic(context.db, topic.id)
        await audit.record(context.db, member_id(context), "topic.closed", f"topic {topic.id}")
        place = await constituencies.get(context.db, topic.constituency_id)
        if place is not None:
            await show_topics(update, context, place)
        return
    place = await constituencies.get(context.db, number)
    if place is None or not allowed(context, place.id):
        await refuse(update, context)
        return
    if action == "c":
        await show_topics(update, context, place)
        return
    # the titles must not be taken for a view being written
    context.services.drafts.discard(context.visit.telegram_id)
    await steps.ask(context, "topic_cy", {"cid": place.id})
    await answer_with(
        update,
        context,
        tr.gettext("Send the topic's title in Welsh (at most {n} characters).").format(n=TITLE_MAX),
    )


async def _valid_title(update: Update, context: Context) -> str | None:
    """The typed title, or None after asking again for one of the right length."""
    message = update.effective_message
    title = (message.text or "").strip() if message else ""
    if 2 <= len(title) <= TITLE_MAX:
        return title
    text = context.tr.gettext("Please send a title of 2 to {n} characters.").format(n=TITLE_MAX)
    await reply(update, context, text)
    return None


@steps.step("topic_cy", Role.REPRESENTATIVE)
async def topic_title_cy(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The Welsh title; then ask for the English one."""
    tr = context.tr
    cid = waiting.data.get("cid")
    if not isinstance(cid, int) or not allowed(context, cid):
        await steps.done(context)
        await refuse(update, context)
        return
    title = await _valid_title(update, context)
    if title is None:
        return
    await steps.ask(context, "topic_en", {"cid": cid, "cy": title})
    await reply(update, context, tr.gettext("Now send the same title in English."))


@steps.step("topic_en", Role.REPRESENTATIVE)
async def topic_title_en(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The English title; then the topic is open."""
    tr = context.tr
    cid = waiting.data.get("cid")
    title_cy = waiting.data.get("cy")
    if not isinstance(cid, int) or not isinstance(title_cy, str) or not allowed(context, cid):
        await steps.done(context)
        await refuse(update, context)
        return
    title = await _valid_title(update, context)
    if title is None:
        return
    topic_id = await topic_store.open_topic(context.db, cid, title_cy, title)
    await steps.done(context)
    await audit.record(context.db, member_id(context), "topic.opened", f"topic {topic_id} in {cid}")
    await reply(update, context, tr.gettext("The topic is open: members can choose it now."))
    place = await constituencies.get(context.db, cid)
    if place is not None:
        await show_topics(update, context, place)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("topics").names, topics_command),
        CallbackQueryHandler(topic_pressed, pattern=callbacks.pattern("topic")),
    ]
