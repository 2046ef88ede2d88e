"""A poll's preview (exactly what a Welsh and an English member receive), and sending it."""

from __future__ import annotations

from typing import cast

from telegram import InlineKeyboardMarkup, Update

from bot.broadcasts import place_names
from bot.context import App, Context
from bot.domain import jargon
from bot.domain import polls as rules
from bot.domain.access import Role
from bot.handlers.polls.common import PREVIEWING, button, cancel
from bot.i18n import LANGS, N_, Tr
from bot.polls import counts
from bot.polls.opening import NotOpened, may_ask, open_poll, ready, rendered
from bot.storage import poll_readers, polls
from bot.storage.db import utcnow
from bot.storage.polls import Poll
from bot.tg import clock, steps
from bot.tg.auth import deny
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, reply

KINDS = {
    "single": N_("one answer each"),
    "multiple": N_("one or more answers each"),
    "open": N_("an answer in their own words (it joins the network's anonymous views)"),
}


def controls(tr: Tr, draft: Poll) -> InlineKeyboardMarkup:
    rows = [
        (tr.gettext("Send the poll"), button(draft, "send")),
        (tr.gettext("Change the question"), button(draft, "edit", "q")),
    ]
    if draft.kind != "open":
        rows.append((tr.gettext("Change the answers"), button(draft, "edit", "o")))
    rows.append((tr.gettext("Change the closing time"), button(draft, "edit", "c")))
    return column([*rows, cancel(tr, draft)])


def _jargon(tr: Tr, draft: Poll) -> list[str]:
    lines: list[str] = []
    for lang in LANGS:
        text = "\n".join([draft.question(lang), *(o.label(lang) for o in draft.options)])
        hits = jargon.find(text)
        if not hits:
            continue
        if not lines:
            lines += [
                "",
                tr.gettext(
                    "<b>Plain language check.</b> Some readers may not know these words; you "
                    "can still send as it is."
                ),
            ]
        lines.append(
            tr.gettext("In the Welsh text:") if lang == "cy" else tr.gettext("In the English text:")
        )
        lines += [f"• {esc(h.found)}: {esc(h.entry.plain(lang))}" for h in hits]
    return lines


async def preview(update: Update, context: Context, draft: Poll) -> None:
    """The summary, each language's message with its buttons (pressing them counts for
    nothing), and the controls."""
    tr = context.tr
    db = context.db
    settings = context.settings
    assert draft.closes_at is not None
    assert draft.kind is not None
    people = await poll_readers.members_of(db, draft.networks)
    by_lang = {lang: sum(p.language == lang for p in people) for lang in LANGS}
    split = counts.split(tr, {str(k): v for k, v in by_lang.items()}, settings.min_group)
    places = await place_names(db, draft.networks, tr.lang)
    summary = [
        tr.gettext("<b>Check your poll before it goes.</b>"),
        tr.gettext("To: {places}").format(places=esc(", ".join(places))),
        tr.gettext("Asked: {people} (in Welsh: {cy}; in English: {en})").format(
            people=counts.asked(tr, len(people), len(draft.networks), settings.min_group),
            cy=split["cy"],
            en=split["en"],
        ),
        tr.gettext("Members give {how}.").format(how=tr.gettext(KINDS[draft.kind])),
        tr.gettext("It closes on {when}.").format(when=tr.datetime(draft.closes_at)),
        tr.gettext("Reminder 24 hours before it closes, to those who haven't answered.")
        if draft.remind
        else tr.gettext("No reminder."),
        tr.gettext("Results to the members, the representatives and you.")
        if draft.share
        else tr.gettext("Results to the representatives and you only."),
        tr.gettext(
            "While it is open, nobody sees how people are answering: you see only how many "
            "have answered, with /polls."
        ),
        *_jargon(tr, draft),
    ]
    await reply(update, context, "\n".join(summary))
    messages = await rendered(db, draft, settings.min_group, settings.timezone)
    for lang in LANGS:
        label = (
            tr.gettext("⬇️ Welsh readers will receive this:")
            if lang == "cy"
            else tr.gettext("⬇️ English readers will receive this:")
        )
        text, markup = messages[lang]
        await reply(update, context, label + "\n\n" + text, markup)
    await reply(
        update,
        context,
        tr.gettext("<b>Send this poll to {people}?</b>").format(
            people=counts.asked(tr, len(people), len(draft.networks), settings.min_group)
        ),
        controls(tr, draft),
    )
    await steps.ask(context, PREVIEWING)


async def send(update: Update, context: Context, draft: Poll) -> None:
    tr = context.tr
    member = context.visit.member
    assert member is not None
    if not may_ask(context.visit.access, draft):
        await deny(update, context, Role.COORDINATOR)
        return
    if not ready(draft, utcnow()):
        await answer_with(
            update,
            context,
            tr.gettext(
                "The closing time has passed while you were writing: please choose another."
            ),
            controls(tr, draft),
        )
        return
    try:
        asked = await open_poll(
            context.services,
            draft,
            author_id=member.id,
            report_chat_id=context.visit.chat_id,
            report_lang=tr.lang,
        )
    except NotOpened:
        asked = None
    if asked is None:
        await answer_with(
            update,
            context,
            tr.gettext("Nobody would receive this yet: no active members are in those networks."),
            controls(tr, draft),
        )
        return
    await steps.done(context)
    context.services.delivery.wake()
    opened = await polls.get(context.db, draft.id)
    assert opened is not None
    assert opened.closes_at is not None
    app = cast(App, context.application)  # PTB types it by its own context class, not ours
    clock.wake_at(app, opened.closes_at)
    if opened.remind:
        clock.wake_at(app, opened.closes_at - rules.REMIND_BEFORE)
    await answer_with(
        update,
        context,
        tr.gettext(
            "Your poll is on its way to {people}. It closes on {when}. Until then, /polls shows "
            "how many have answered; the results come to you when it closes."
        ).format(
            people=counts.asked(tr, asked, len(draft.networks), context.settings.min_group),
            when=tr.datetime(opened.closes_at),
        ),
    )
