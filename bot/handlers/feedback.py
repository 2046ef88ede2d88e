"""Giving an anonymous view: choose the network and topic, write, preview, send.

The draft lives in memory only (`bot.drafts`): never in the database, python-telegram-bot's
user_data or a log. In a group the bot never takes a view, because a group is not
anonymous. A view that suggests crisis is still accepted, and support lines are offered
at once (`bot.safety`).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import views as view_service
from bot.commands import command
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.domain.redaction import redact
from bot.drafts import Draft
from bot.i18n import N_, Tr
from bot.storage import constituencies, pending
from bot.storage import topics as topic_store
from bot.tg import callbacks, fallback, steps
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import answer_with, clear_buttons, keyboard, reply

VERB = "view"
GROUP_REFUSAL = N_(
    "A group is not anonymous, so I never take views here. Please write to me in a private "
    "chat and send /feedback there."
)
LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}


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
    # A question another journey asked earlier (a topic's title, a broadcast's text) is
    # dropped: the words of the view must never be taken as its answer and stored.
    await steps.done(context)
    draft = context.services.drafts.start(context.visit.telegram_id, tr.lang)
    if len(places) == 1:
        await choose_topic(update, context, draft, places[0].id)
        return
    rows = [[(p.name(tr.lang), callbacks.pack(VERB, "c", p.id))] for p in places]
    rows.append([(tr.gettext("Cancel"), callbacks.pack(VERB, "cancel"))])
    await reply(update, context, tr.gettext("Which network is your view for?"), keyboard(*rows))


async def choose_topic(update: Update, context: Context, draft: Draft, cid: int) -> None:
    tr = context.tr
    draft.constituency_id = cid
    open_topics = await topic_store.open_in(context.db, cid)
    if not open_topics:
        await ask_for_text(update, context, draft)
        return
    draft.stage = "topic"
    rows = [[(t.title(tr.lang), callbacks.pack(VERB, "t", t.id))] for t in open_topics]
    rows.append([(tr.gettext("Something else"), callbacks.pack(VERB, "t", 0))])
    rows.append([(tr.gettext("Cancel"), callbacks.pack(VERB, "cancel"))])
    text = tr.gettext("What is your view about? Choose a topic, or “Something else”.")
    await respond(update, context, text, keyboard(*rows))


async def ask_for_text(update: Update, context: Context, draft: Draft) -> None:
    if draft.text is not None:  # they wrote it before choosing: straight to the preview
        await show_preview(update, context, draft)
        return
    tr = context.tr
    draft.stage = "writing"
    text = tr.gettext(
        "Write your view in one message, in Welsh or English, in your own words.\n\n"
        "Please leave out names and contact details. I take out phone numbers, e-mail "
        "addresses, postcodes, NHS numbers, usernames and links anyway. Nothing is sent until "
        "you have seen it and pressed “Send anonymously”."
    )
    markup = keyboard([(tr.gettext("Cancel"), callbacks.pack(VERB, "cancel"))])
    await respond(update, context, text, markup)


async def respond(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message, or reply to a command."""
    await answer_with(update, context, text, markup)


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
        [(tr.gettext("Send anonymously"), callbacks.pack(VERB, "send"))],
        [(tr.gettext("Edit"), callbacks.pack(VERB, "edit"))],
        [(tr.gettext("Cancel"), callbacks.pack(VERB, "cancel"))],
        [(other, callbacks.pack(VERB, "lang"))],
    )


async def show_preview(update: Update, context: Context, draft: Draft) -> None:
    tr = context.tr
    assert draft.constituency_id is not None
    place = await constituencies.get(context.db, draft.constituency_id)
    topic = await topic_store.get(context.db, draft.topic_id) if draft.topic_id else None
    draft.stage = "preview"
    text = preview_text(
        tr,
        draft,
        place.name(tr.lang) if place else "?",
        topic.title(tr.lang) if topic else tr.gettext("Something else"),
    )
    await respond(update, context, text, preview_keyboard(tr, draft))


@steps.memory_step
async def take_text(update: Update, context: Context) -> bool:
    """The member's words while writing a view: checked, then previewed. Never stored yet."""
    message = update.effective_message
    member = context.visit.member
    if message is None or message.text is None or member is None:
        return False
    store = context.services.drafts
    draft = store.get(context.visit.telegram_id)
    if draft is None:
        return False
    if draft.stage == "preview" and await pending.get(context.db, member.id) is not None:
        return False  # another journey asked a question since: the text is its answer
    tr = context.tr
    text = message.text.strip()
    store.touch(draft)
    if len(text) < view_service.MIN_LENGTH:
        await reply(
            update,
            context,
            tr.gettext(
                "That's very short. Please write at least {n} characters, or press Cancel."
            ).format(n=view_service.MIN_LENGTH),
        )
        return True
    if len(text) > view_service.MAX_LENGTH:
        await reply(
            update,
            context,
            tr.gettext(
                "That's longer than I can take: {n} characters, and the most is {max}. Please "
                "shorten it and send it again."
            ).format(n=len(text), max=view_service.MAX_LENGTH),
        )
        return True
    draft.text = text
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(tr))
    if draft.stage in ("place", "topic"):
        # Written before choosing where it goes: keep the words, ask for the choice first.
        await reply(
            update,
            context,
            tr.gettext(
                "Thank you, I've kept what you wrote. First, please choose with the buttons above "
                "where it should go; then you'll see it before anything is sent."
            ),
        )
        return True
    await show_preview(update, context, draft)
    return True


@requires(Role.MEMBER)
async def view_pressed(update: Update, context: Context) -> None:
    """Every button of the view journey; the draft and the member's networks are re-checked."""
    query = update.callback_query
    assert query is not None
    member = context.visit.member
    assert member is not None
    tr = context.tr
    if not context.visit.private:
        await query.answer(tr.gettext(GROUP_REFUSAL)[:200], show_alert=True)
        return
    parsed = callbacks.parse(query.data)
    action = parsed.arg(0, ("c", "t", "send", "edit", "cancel", "lang")) if parsed else None
    store = context.services.drafts
    draft = store.get(context.visit.telegram_id)
    if parsed is None or action is None:
        await query.answer()
        return
    if action == "cancel":
        store.discard(context.visit.telegram_id)
        await answer_with(
            update, context, tr.gettext("Cancelled. Your draft is deleted and nothing was sent.")
        )
        return
    if draft is None:
        await answer_with(
            update,
            context,
            tr.gettext(
                "This draft is no longer open: drafts are deleted after 15 minutes, or when "
                "they are sent or cancelled. Send /feedback to start again."
            ),
        )
        return
    store.touch(draft)
    if action == "c":
        cid = parsed.int_arg(1)
        mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
        if cid is None or cid not in mine:
            await query.answer(tr.gettext("You are not a member of that network."), show_alert=True)
            return
        await choose_topic(update, context, draft, cid)
    elif action == "t":
        tid = parsed.int_arg(1)
        topic = await topic_store.get(context.db, tid) if tid else None
        if tid and (
            topic is None or not topic.open or topic.constituency_id != draft.constituency_id
        ):
            await query.answer(tr.gettext("That topic is closed now."), show_alert=True)
            return
        draft.topic_id = topic.id if topic else None
        await ask_for_text(update, context, draft)
    elif action == "edit" and draft.text is not None:
        await query.answer()
        await clear_buttons(update)
        draft.stage = "writing"
        await reply(
            update,
            context,
            tr.gettext(
                "Send your view again, as you would like it to read. You can copy your words "
                "from the preview above."
            ),
            keyboard([(tr.gettext("Cancel"), callbacks.pack(VERB, "cancel"))]),
        )
    elif action == "lang" and draft.text is not None:
        draft.lang = "en" if draft.lang == "cy" else "cy"
        await show_preview(update, context, draft)
    elif action == "send" and draft.text is not None:
        await send_view(update, context, draft)
    else:
        await query.answer()


async def send_view(update: Update, context: Context, draft: Draft) -> None:
    member = context.visit.member
    assert member is not None
    assert draft.text is not None
    assert draft.constituency_id is not None
    tr = context.tr
    cid = draft.constituency_id
    store = context.services.drafts
    mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
    if cid not in mine:
        store.discard(context.visit.telegram_id)
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
    store.discard(context.visit.telegram_id)
    await query_done(update)
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


async def query_done(update: Update) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer()
        await clear_buttons(update)


@requires(Role.ANYONE)
async def media(update: Update, context: Context) -> None:
    """A photo, sticker or voice note: kindly say only typed text is taken for a view."""
    draft = context.services.drafts.get(context.visit.telegram_id)
    if draft is None or draft.stage not in ("writing", "preview"):
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
        CallbackQueryHandler(view_pressed, pattern=callbacks.pattern(VERB)),
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, media
        ),
    ]


__all__ = ["handlers"]
