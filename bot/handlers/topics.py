"""/topics (/pynciau): representatives and coordinators open and close topics for views.

Every press names a network or topic and is re-checked with `speaks_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.domain.access import Role
from bot.domain.plain import one_line
from bot.i18n import N_
from bot.storage import audit, constituencies
from bot.storage import topics as topic_store
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.acting_for import allowed, member_id, pick, refuse
from bot.tg.auth import requires
from bot.tg.buttons import button_handler
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, keyboard, reply

TITLE_MAX = 60


@dataclass(frozen=True, slots=True)
class TopicButton(CallbackData, prefix="topic"):
    """Show a network's topics, open a new one there, or close a topic (`id` names which)."""

    action: Literal["show", "new", "close"]
    id: int


def _show(network_id: int) -> TopicButton:
    return TopicButton("show", network_id)


TITLE_CY = steps.kind("topics.title_cy", Role.REPRESENTATIVE)  # data: {"cid"}
TITLE_EN = steps.kind("topics.title_en", Role.REPRESENTATIVE)  # data: {"cid", "cy"}
CHOOSING = steps.kind(
    "topics.choose",
    Role.REPRESENTATIVE,
    hint=N_("Please choose with the buttons above, or send /topics to start again."),
)


@requires(Role.REPRESENTATIVE, private=True)
async def topics_command(update: Update, context: Context) -> None:
    """/topics (/pynciau): open and close topics members can give views on."""
    tr = context.tr
    await steps.ask(context, CHOOSING)
    place = await pick(context, update, tr.gettext("Topics for which network?"), _show)
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
                TopicButton("close", t.id).pack(),
            )
        ]
        for t in found
    ]
    rows.append([(tr.gettext("Open a new topic"), TopicButton("new", place.id).pack())])
    text = "\n".join(lines)
    await answer_with(update, context, text, keyboard(*rows))
    await steps.ask(context, CHOOSING)


@requires(Role.REPRESENTATIVE, private=True)
async def topic_pressed(update: Update, context: Context, data: TopicButton) -> None:
    """Choose a network, open a topic (asks for its titles) or close one."""
    tr = context.tr
    if data.action == "close":
        topic = await topic_store.get(context.db, data.id)
        if topic is None or not allowed(context, topic.constituency_id):
            await refuse(update, context)
            return
        await topic_store.close_topic(context.db, topic.id)
        await audit.record(
            context.db,
            member_id(context),
            "topic.closed",
            topic=topic.id,
            network=topic.constituency_id,
        )
        place = await constituencies.get(context.db, topic.constituency_id)
        if place is not None:
            await show_topics(update, context, place)
        return
    place = await constituencies.get(context.db, data.id)
    if place is None or not allowed(context, place.id):
        await refuse(update, context)
        return
    if data.action == "show":
        await show_topics(update, context, place)
        return
    await steps.ask(context, TITLE_CY, {"cid": place.id})
    await answer_with(
        update,
        context,
        tr.gettext("Send the topic's title in Welsh (at most {n} characters).").format(n=TITLE_MAX),
    )


async def _valid_title(update: Update, context: Context) -> str | None:
    """The typed title, or None after asking again for one of the right length."""
    message = update.effective_message
    title = one_line(message.text or "") if message else ""
    if 2 <= len(title) <= TITLE_MAX:
        return title
    text = context.tr.gettext("Please send a title of 2 to {n} characters.").format(n=TITLE_MAX)
    await reply(update, context, text)
    return None


@steps.takes_text(TITLE_CY)
async def topic_title_cy(update: Update, context: Context, waiting: steps.Waiting) -> None:
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
    await steps.ask(context, TITLE_EN, {"cid": cid, "cy": title})
    await reply(update, context, tr.gettext("Now send the same title in English."))


@steps.takes_text(TITLE_EN)
async def topic_title_en(update: Update, context: Context, waiting: steps.Waiting) -> None:
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
    await audit.record(context.db, member_id(context), "topic.opened", topic=topic_id, network=cid)
    await reply(update, context, tr.gettext("The topic is open: members can choose it now."))
    place = await constituencies.get(context.db, cid)
    if place is not None:
        await show_topics(update, context, place)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("topics").names, topics_command),
        button_handler(TopicButton, topic_pressed),
    ]
