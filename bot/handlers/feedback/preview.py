"""The preview of a view (exactly what representatives will read) and sending it."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import views as view_service
from bot.context import Context
from bot.domain.redaction import redact
from bot.handlers.feedback.common import PREVIEW, ViewButton, cancel_button
from bot.i18n import Tr
from bot.storage import constituencies
from bot.storage import topics as topic_store
from bot.tg import steps
from bot.tg.text import esc
from bot.tg.ui import answer_with, clear_buttons, keyboard, reply
from bot.views import Draft


def preview_text(tr: Tr, draft: Draft, place: str, topic: str, *, small: int = 0) -> str:
    """The preview; `small`: the network has fewer members than this minimum (0: it hasn't)."""
    assert draft.text is not None
    redacted = redact(draft.text, draft.lang)
    lines = [
        tr.gettext(
            "<b>This is exactly what your representatives will see.</b> It does not show who "
            "you are."
        ),
        "",
    ]
    if small:
        lines += [
            tr.gettext(
                "<b>Please read this first.</b> {name} has fewer than {n} members besides the "
                "people who read its views. That is too few for a view to stay anonymous: "
                "whoever reads it may be able to tell who wrote it. You can still send it, "
                "knowing that, or cancel."
            ).format(name=esc(place), n=small),
            "",
        ]
    lines += [
        tr.gettext("Network: {name}").format(name=esc(place)),
        tr.gettext("Topic: {title}").format(title=esc(topic)),
        tr.gettext("Language: {language} (as far as I can tell from the words)").format(
            language=tr.language(draft.lang)
        ),
        "",
        f"<blockquote>{esc(redacted.text)}</blockquote>",
    ]
    if redacted.removed:
        lines += ["", tr.gettext("I took out some personal details: they show in [brackets].")]
    return "\n".join(lines)


def preview_keyboard(tr: Tr, draft: Draft, *, small: bool = False) -> InlineKeyboardMarkup:
    other = (
        tr.gettext("It's written in English")
        if draft.lang == "cy"
        else tr.gettext("It's written in Welsh")
    )
    send = (
        (tr.gettext("Send it anyway, knowing I may be recognised"), ViewButton("anyway").pack())
        if small
        else (tr.gettext("Send anonymously"), ViewButton("send").pack())
    )
    return keyboard(
        [send],
        [(tr.gettext("Edit"), ViewButton("edit").pack())],
        [cancel_button(tr)],
        [(other, ViewButton("lang").pack())],
    )


async def show_preview(update: Update, context: Context, draft: Draft) -> None:
    tr = context.tr
    assert draft.constituency_id is not None
    place = await constituencies.get(context.db, draft.constituency_id)
    topic = await topic_store.get(context.db, draft.topic_id) if draft.topic_id else None
    await steps.ask(context, PREVIEW, payload=draft)
    settings = context.settings
    small = await view_service.too_small(context.db, settings, draft.constituency_id)
    text = preview_text(
        tr,
        draft,
        place.name(tr.lang) if place else "?",
        topic.title(tr.lang) if topic else tr.gettext("Something else"),
        small=settings.min_group if small else 0,
    )
    # Long views: the preview may take two messages, split outside the quote's markup, and
    # the buttons come on the last (`bot.tg.text.split_message`).
    await answer_with(update, context, text, preview_keyboard(tr, draft, small=small))


async def send_view(
    update: Update, context: Context, draft: Draft, *, knowingly: bool = False
) -> None:
    """Send the view; to a network too small to stay anonymous only `knowingly` (after the
    member saw why and pressed "Send it anyway"), else they are shown the preview again."""
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
    if not knowingly and await view_service.too_small(context.db, context.settings, cid):
        await show_preview(update, context, draft)  # it became small since: they must know
        return
    given = await view_service.give(
        context.db,
        context.services.secrets,
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
