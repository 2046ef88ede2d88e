"""Starting a view, choosing where it goes, and the words: checked, then previewed."""

from __future__ import annotations

from telegram import Update

from bot import views as view_service
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.handlers import fallback
from bot.handlers.feedback.common import (
    GROUP_REFUSAL,
    PLACE,
    PREVIEW,
    TOPIC,
    WRITING,
    ViewButton,
    cancel_button,
    draft_of,
)
from bot.handlers.feedback.preview import show_preview
from bot.storage import constituencies
from bot.storage import topics as topic_store
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.text import utf16_len
from bot.tg.ui import answer_with, keyboard, reply
from bot.views import Draft


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
    if await view_service.left_today(context.db, context.services.secrets, settings, member) <= 0:
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
    rows.append([cancel_button(tr)])
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
    rows.append([cancel_button(tr)])
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
        "addresses, postcodes, NHS numbers, dates of birth, ward names, usernames and links "
        "anyway, and names where I can tell they are names. Nothing is sent until you have seen "
        "it and pressed “Send anonymously”."
    )
    await answer_with(update, context, text, keyboard([cancel_button(tr)]))


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
    if utf16_len(text) > view_service.MAX_LENGTH:  # as Telegram counts it (an emoji is two)
        await reply(
            update,
            context,
            tr.gettext(
                "That's longer than I can take: {n} characters, and the most is {max}. Please "
                "shorten it and send it again."
            ).format(n=utf16_len(text), max=view_service.MAX_LENGTH),
        )
        return None
    return text


@steps.takes_text(WRITING)
async def take_text(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The member's words: checked, then previewed. Never stored yet."""
    draft = draft_of(waiting)
    if draft is None:
        return
    steps.touch(context)
    text = await _checked(update, context)
    if text is None:
        return
    draft.text = text
    draft.lang = await view_service.language_of(text)  # the words' language, not the member's
    if safety.suggests_crisis(text):
        await reply(update, context, safety.support_message(context.tr))
    await show_preview(update, context, draft)


@steps.takes_text(PLACE)
@steps.takes_text(TOPIC)
async def text_before_choosing(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """Words typed before choosing where they go: kept if they read as a view."""
    draft = draft_of(waiting)
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
    draft.lang = await view_service.language_of(text)
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


@requires(Role.ANYONE)
async def media(update: Update, context: Context) -> None:
    """A photo, sticker or voice note: kindly say only typed text is taken for a view."""
    waiting = await steps.expecting(context, WRITING, PREVIEW)
    if waiting is None:
        await fallback.media(update, context)
        return
    tr = context.tr
    if waiting.kind is PREVIEW:  # the words are in: what is left is a press, not typing
        text = tr.gettext(
            "I can only take typed text for a view for now, not pictures, stickers, voice notes "
            "or files."
        )
        await reply(update, context, f"{text} {steps.use_buttons(tr, PREVIEW)}")
        return
    await reply(
        update,
        context,
        tr.gettext(
            "I can only take typed text for a view for now, not pictures, stickers, voice notes "
            "or files. Your draft is still open: please type your view as a message."
        ),
    )
