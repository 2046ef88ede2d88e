"""Giving an anonymous view: choose the network and topic, write, preview, send.

The draft (`bot.views.Draft`) lives in the member's memory slot only (`bot.tg.steps`,
`memory=True` kinds): never in the database, python-telegram-bot's user_data or a log, and
it goes when anything else is asked of the member. In a group the bot never takes a view,
because a group is not anonymous. A view that suggests crisis is still accepted, and
support lines are offered at once (`bot.domain.safety`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot import views as view_service
from bot.commands import command
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.handlers import fallback
from bot.i18n import N_, Tr
from bot.storage import constituencies
from bot.storage import topics as topic_store
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import button_handler, finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, clear_buttons, keyboard, reply
from bot.views import Draft

GROUP_REFUSAL = N_(
    "A group is not anonymous, so I never take views here. Please write to me in a private "
    "chat and send /feedback there."
)
NO_DRAFT = N_(
    "This draft is no longer open: drafts are deleted after 15 minutes, or when they are sent "
    "or cancelled. Send /feedback to start again."
)
LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}


@dataclass(frozen=True, slots=True)
class ViewButton(CallbackData, prefix="view"):
    """A press while giving a view; `id` is the network or topic chosen (topic 0: other)."""

    action: Literal["network", "topic", "send", "edit", "cancel", "lang"]
    id: int | None = None


CHOOSE_HINT = N_(
    "Please choose with the buttons above where your view should go, or press “Cancel”."
)
# The steps of one view, held in memory with the draft as their payload.
PLACE = steps.kind("view.network", Role.MEMBER, hint=CHOOSE_HINT, memory=True)
TOPIC = steps.kind("view.topic", Role.MEMBER, hint=CHOOSE_HINT, memory=True)
WRITING = steps.kind("view.writing", Role.MEMBER, memory=True)
PREVIEW = steps.kind(
    "view.preview",
    Role.MEMBER,
    buttons=(N_("Send anonymously"), N_("Edit"), N_("Cancel")),
    memory=True,
)
STAGES = (PLACE, TOPIC, WRITING, PREVIEW)


def _cancel(tr: Tr) -> tuple[str, str]:
    return (tr.gettext("Cancel"), ViewButton("cancel").pack())


@requires(Role.MEMBER)
async def feedback_command(update: Update, context: Context) -> None:
    """/feedback (/adborth): start a view, privately."""
    tr = context.tr
    if not context.visit.private:
        await reply(update, context, tr.gettext(GROUP_REFUSAL))
        return
    member = context.visit.member
    assert member is not None
    settings = context.settings
    if await view_service.left_today(context.db, context.services.anonymity, settings, member) <= 0:
        await reply(
            update,
            context,
            tr.ngettext(
                "You have given {n} view today, the most anyone can give in one day. Thank you: "
                "please come back tomorrow.",
                "You have given {n} views today, the most anyone can give in one day. Thank you: "
                "please come back tomorrow.",
                settings.max_views_per_day,
            ).format(n=settings.max_views_per_day),
        )
        return
    places = await constituencies.of_member(context.db, member.id, lang=context.tr.lang)
    if not places:
        await reply(
            update,
            context,
            tr.gettext(
                "You haven't joined a network yet, so there is nobody to send a view to. Send "
                "/join to choose one."
            ),
        )
        return
    draft = Draft(lang=tr.lang)
    if len(places) == 1:
        await choose_topic(update, context, draft, places[0].id)
        return
    # Asking replaces any question another journey asked earlier (a topic's title, a
    # broadcast's text): the words of the view must never be taken as its answer and stored.
    await steps.ask(context, PLACE, payload=draft)
    rows = [[(p.name(tr.lang), ViewButton("network", p.id).pack())] for p in places]
    rows.append([_cancel(tr)])
    await reply(update, context, tr.gettext("Which network is your view for?"), keyboard(*rows))


async def choose_topic(update: Update, context: Context, draft: Draft, cid: int) -> None:
    tr = context.tr
    draft.constituency_id = cid
    open_topics = await topic_store.open_in(context.db, cid)
    if not open_topics:
        await ask_for_text(update, context, draft)
        return
    await steps.ask(context, TOPIC, payload=draft)
    rows = [[(t.title(tr.lang), ViewButton("topic", t.id).pack())] for t in open_topics]
    rows.append([(tr.gettext("Something else"), ViewButton("topic", 0).pack())])
    rows.append([_cancel(tr)])
    text = tr.gettext("What is your view about? Choose a topic, or “Something else”.")
    await answer_with(update, context, text, keyboard(*rows))


async def ask_for_text(update: Update, context: Context, draft: Draft) -> None:
    if draft.text is not None:  # they wrote it before choosing: straight to the preview
        await show_preview(update, context, draft)
        return
    tr = context.tr
    await steps.ask(context, WRITING, payload=draft)
    text = tr.gettext(
        "Write your view in one message, in Welsh or English, in your own words.\n\n"
        "Please leave out names and contact details. I take out phone numbers, e-mail "
        "addresses, postcodes, NHS numbers, usernames and links anyway. Nothing is sent until "
        "you have seen it and pressed “Send anonymously”."
    )
    await answer_with(update, context, text, keyboard([_cancel(tr)]))


def preview_text(tr: Tr, draft: Draft, place: str, topic: str) -> str:
    assert draft.text is not None
    redacted = redact(draft.text, draft.lang)
    lines = [
        tr.gettext(
            "<b>This is exactly what your representatives will see.</b> It does not show who "
            "you are."
        ),
        "",
        tr.gettext("Network: {name}").format(name=esc(place)),
        tr.gettext("Topic: {title}").format(title=esc(topic)),
        tr.gettext("Language: {language}").format(language=LANGUAGE_NAMES[draft.lang]),
        "",
        f"<blockquote>{esc(redacted.text)}</blockquote>",
    ]
    if redacted.removed:
        lines += ["", tr.gettext("I took out some personal details: they show in [brackets].")]
    return "\n".join(lines)


def preview_keyboard(tr: Tr, draft: Draft) -> InlineKeyboardMarkup:
    other = (
        tr.gettext("It's written in English")
        if draft.lang == "cy"
        else tr.gettext("It's written in Welsh")
    )
    return keyboard(
        [(tr.gettext("Send anonymously"), ViewButton("send").pack())],
        [(tr.gettext("Edit"), ViewButton("edit").pack())],
        [_cancel(tr)],
        [(other, ViewButton("lang").pack())],
    )


async def show_preview(update: Update, context: Context, draft: Draft) -> None:
    tr = context.tr
    assert draft.constituency_id is not None
    place = await constituencies.get(context.db, draft.constituency_id)
    topic = await topic_store.get(context.db, draft.topic_id) if draft.topic_id else None
    await steps.ask(context, PREVIEW, payload=draft)
    text = preview_text(
        tr,
        draft,
        place.name(tr.lang) if place else "?",
        topic.title(tr.lang) if topic else tr.gettext("Something else"),
    )
    await answer_with(update, context, text, preview_keyboard(tr, draft))


def _draft_of(waiting: steps.Waiting) -> Draft | None:
    return waiting.payload if isinstance(waiting.payload, Draft) else None


async def _checked(update: Update, context: Context) -> str | None:
    """The member's words if they are a view's length; else None after saying why."""
    message = update.effective_message
    assert message is not None
    tr = context.tr
    text = (message.text or "").strip()
    if len(text) < view_service.MIN_LENGTH:
        await reply(
            update,
            context,
            tr.gettext(
                "That's very short. Please write at least {n} characters, or press Cancel."
            ).format(n=view_service.MIN_LENGTH),
        )
        return None
    if len(text) > view_service.MAX_LENGTH:
        await reply(
            update,
            context,
            tr.gettext(
                "That's longer than I can take: {n} characters, and the most is {max}. Please "
                "shorten it and send it again."
            ).format(n=len(text), max=view_service.MAX_LENGTH),
        )
        return None
    return text


@steps.takes_text(WRITING)
async def take_text(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The member's words: checked, then previewed. Never stored yet."""
    draft = _draft_of(waiting)
    if draft is None:
        return
    steps.touch(context)
    text = await _checked(update, context)
    if text is None:
        return
    draft.text = text
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(context.tr))
    await show_preview(update, context, draft)


@steps.takes_text(PLACE)
@steps.takes_text(TOPIC)
async def text_before_choosing(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """Words typed before choosing where they go: kept if they read as a view."""
    draft = _draft_of(waiting)
    message = update.effective_message
    if draft is None or message is None:
        return
    tr = context.tr
    typed = (message.text or "").strip()
    if len(typed) < view_service.MIN_LENGTH or not any(c.isalpha() for c in typed):
        # "2", "-1", "ok": an answer meant for the buttons, not a view.
        await reply(update, context, steps.use_buttons(tr, waiting.kind))
        return
    text = await _checked(update, context)
    if text is None:
        return
    steps.touch(context)
    draft.text = text
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(tr))
    await reply(
        update,
        context,
        tr.gettext(
            "Thank you, I've kept what you wrote. First, please choose with the buttons above "
            "where it should go; then you'll see it before anything is sent."
        ),
    )


@requires(Role.MEMBER)
async def view_pressed(update: Update, context: Context, data: ViewButton) -> None:
    """Every button of the view journey; the draft and the member's networks are re-checked."""
    query = update.callback_query
    assert query is not None
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if not context.visit.private:
        await query.answer(tr.gettext(GROUP_REFUSAL)[:200], show_alert=True)
        return
    waiting = await steps.expecting(context, *STAGES)
    draft = _draft_of(waiting) if waiting is not None else None
    if waiting is None or draft is None:
        await finished(update, context, NO_DRAFT)
        return
    steps.touch(context)
    if data.action == "cancel":
        await steps.done(context)
        await answer_with(
            update, context, tr.gettext("Cancelled. Your draft is deleted and nothing was sent.")
        )
    elif data.action == "network":
        mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
        if data.id not in mine:
            await query.answer(tr.gettext("You are not a member of that network."), show_alert=True)
        elif waiting.kind is not PLACE:
            await finished(update, context)  # a button from an earlier step of this draft
        else:
            await choose_topic(update, context, draft, data.id)
    elif data.action == "topic" and data.id is not None:
        topic = await topic_store.get(context.db, data.id) if data.id else None
        if data.id and (
            topic is None or not topic.open or topic.constituency_id != draft.constituency_id
        ):
            await query.answer(tr.gettext("That topic is closed now."), show_alert=True)
        elif waiting.kind is not TOPIC:
            await finished(update, context)
        else:
            draft.topic_id = topic.id if topic else None
            await ask_for_text(update, context, draft)
    elif data.action == "edit" and waiting.kind is PREVIEW:
        await query.answer()
        await clear_buttons(update)
        draft.text = None
        await steps.ask(context, WRITING, payload=draft)
        await reply(
            update,
            context,
            tr.gettext(
                "Send your view again, as you would like it to read. You can copy your words "
                "from the preview above."
            ),
            keyboard([_cancel(tr)]),
        )
    elif data.action == "lang" and waiting.kind is PREVIEW:
        draft.lang = "en" if draft.lang == "cy" else "cy"
        await show_preview(update, context, draft)
    elif data.action == "send" and waiting.kind is PREVIEW:
        await send_view(update, context, draft)
    else:  # a button from an earlier step of this draft
        await finished(update, context)


async def send_view(update: Update, context: Context, draft: Draft) -> None:
    member = context.visit.member
    assert member is not None
    assert draft.text is not None
    assert draft.constituency_id is not None
    tr = context.tr
    cid = draft.constituency_id
    mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
    if cid not in mine:
        await steps.done(context)
        await answer_with(
            update,
            context,
            tr.gettext("You are no longer a member of that network, so the view was not sent."),
        )
        return
    given = await view_service.give(
        context.db,
        context.services.anonymity,
        context.settings,
        member,
        constituency_id=cid,
        topic_id=draft.topic_id,
        lang=draft.lang,
        text=draft.text,
    )
    await steps.done(context)
    query = update.callback_query
    if query is not None:
        await query.answer()
        await clear_buttons(update)
    if not given.stored:
        await reply(
            update,
            context,
            tr.ngettext(
                "You have reached today's limit of {n} view, so this one was not sent, and I "
                "have not kept it. Please come back tomorrow.",
                "You have reached today's limit of {n} views, so this one was not sent, and I "
                "have not kept it. Please come back tomorrow.",
                context.settings.max_views_per_day,
            ).format(n=context.settings.max_views_per_day),
        )
        return
    place = await constituencies.get(context.db, cid)
    await reply(
        update,
        context,
        tr.gettext(
            "Thank you. Your view has gone, anonymously, to the representatives of {name}. They "
            "will read it in their next digest, with other members' views. It matters: this is "
            "how the people who speak for you hear what you think."
        ).format(name=esc(place.name(tr.lang)) if place else ""),
    )


@requires(Role.ANYONE)
async def media(update: Update, context: Context) -> None:
    """A photo, sticker or voice note: kindly say only typed text is taken for a view."""
    if await steps.expecting(context, WRITING, PREVIEW) is None:
        await fallback.media(update, context)
        return
    await reply(
        update,
        context,
        context.tr.gettext(
            "I can only take typed text for a view for now, not pictures, stickers, voice notes "
            "or files. Your draft is still open: please type your view as a message."
        ),
    )


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler(command("feedback").names, feedback_command),
        button_handler(ViewButton, view_pressed),
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, media
        ),
    ]


__all__ = ["handlers"]
