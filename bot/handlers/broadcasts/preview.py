"""A broadcast's preview (exactly what each reader receives) and sending it."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import broadcasts as broadcasting
from bot import delivery
from bot.context import Context
from bot.domain import jargon
from bot.domain.access import Role
from bot.domain.counting import Shown
from bot.handlers.broadcasts.common import PREVIEWING, button, cancel, people, reload
from bot.i18n import LANGS, Tr
from bot.storage import broadcasts as store
from bot.storage import constituencies
from bot.storage.broadcasts import Broadcast
from bot.tg import steps
from bot.tg.auth import deny
from bot.tg.text import esc, pack_blocks
from bot.tg.ui import answer_with, column, reply


def controls(context: Context, draft: Broadcast) -> InlineKeyboardMarkup:
    tr = context.tr
    rows = [
        (tr.gettext("Send the message"), button(draft, "send")),
        (tr.gettext("Edit the Welsh"), button(draft, "edit", "cy")),
        (tr.gettext("Edit the English"), button(draft, "edit", "en")),
    ]
    if context.settings.quiet_hours is not None:  # urgency only means "despite quiet hours"
        urgent = (
            tr.gettext("It isn't urgent after all")
            if draft.urgent
            else tr.gettext("Mark it urgent: send even in quiet hours")
        )
        rows.append((urgent, button(draft, "urgent")))
    return column([*rows, cancel(tr, draft)])


def controls_text(context: Context, draft: Broadcast, count: Shown) -> str:
    tr = context.tr
    at = delivery.going_out_at(context.settings, urgent=draft.urgent)
    # TRANSLATORS: {people} is “12 people” or “fewer than 5 people”: in Welsh keep it after a colon
    # or in brackets, where “llai” needs no mutation.
    lines = [tr.gettext("<b>Send this to {people}?</b>").format(people=people(context, count))]
    if draft.urgent:
        lines.append(tr.gettext("Marked urgent: it goes out straight away, even in quiet hours."))
    elif at is None:
        lines.append(tr.gettext("It will go out straight away."))
    else:
        lines.append(
            tr.gettext(
                "It is quiet hours, so it will go out on {when}. If it can't wait (a meeting "
                "cancelled today), mark it urgent."
            ).format(when=tr.datetime(at))
        )
    return "\n".join(lines)


def _jargon_lines(tr: Tr, draft: Broadcast) -> list[str]:
    lines: list[str] = []
    for lang in LANGS:
        hits = jargon.find(draft.text(lang))
        if not hits:
            continue
        if not lines:
            lines += [
                "",
                tr.gettext(
                    "<b>Plain language check.</b> Some readers may not know these words; you can still send as it is."
                ),
            ]
        lines.append(
            tr.gettext("In the Welsh text:") if lang == "cy" else tr.gettext("In the English text:")
        )
        # The plain alternative in the text's own language: that is what could replace it.
        lines += [f"• {esc(h.found)}: {esc(h.entry.plain(lang))}" for h in hits]
    return lines


def _label(tr: Tr, lang: str, n: int) -> str:
    if lang == "cy":
        text = tr.ngettext(
            "⬇️ Welsh readers will receive this ({n} message):",
            "⬇️ Welsh readers will receive this ({n} messages):",
            n,
        )
    else:
        text = tr.ngettext(
            "⬇️ English readers will receive this ({n} message):",
            "⬇️ English readers will receive this ({n} messages):",
            n,
        )
    return text.format(n=n)


async def preview(update: Update, context: Context, draft: Broadcast) -> None:
    """The summary, each language's text as its readers get it, and the controls: as few
    messages as Telegram's length limit allows (a burst of six trips its flood control)."""
    tr = context.tr
    db = context.db
    # No split by language: beside /members' languages and statuses, the Welsh and English
    # among those receiving messages would give away how many of each had stopped.
    reached = await broadcasting.reach(db, draft, context.settings.min_group)
    places = await broadcasting.place_names(db, draft.constituency_ids, tr.lang)
    audience = {
        "everyone": tr.gettext("everyone who has joined"),
        "constituencies": esc(", ".join(places)),
        "representatives": tr.gettext("representatives")
        + (f" ({esc(', '.join(places))})" if places else ""),
    }[draft.audience or "everyone"]
    assert draft.kind is not None
    summary = [
        tr.gettext("<b>Check your message before it goes.</b>"),
        # TRANSLATORS: {kind} is “Progress update”, “News” or “Change to a meeting”.
        tr.gettext("Kind: {kind}").format(kind=tr.gettext(broadcasting.KIND_TITLES[draft.kind])),
        tr.gettext("To: {audience}").format(audience=audience),
        tr.gettext("Recipients: {people}").format(people=people(context, reached.total)),
        *await _network_lines(context, reached),
        *_jargon_lines(tr, draft),
    ]
    blocks = ["\n".join(summary)]
    texts = await broadcasting.rendered(db, draft, context.settings.timezone)
    for lang in LANGS:
        parts = broadcasting.parts(texts[lang])
        # Each part exactly as delivery sends it: a block of its own, never merged.
        blocks.append(_label(tr, lang, len(parts)))
        blocks += parts
    blocks.append(controls_text(context, draft, reached.total))
    messages = pack_blocks(blocks)
    for message in messages[:-1]:
        await reply(update, context, message)
    await reply(update, context, messages[-1], controls(context, draft))
    await steps.ask(context, PREVIEWING)


async def toggle_urgent(update: Update, context: Context, draft: Broadcast) -> None:
    await store.set_urgent(context.db, draft.id, not draft.urgent)
    draft = await reload(context, draft)
    reached = await broadcasting.reach(context.db, draft, context.settings.min_group)
    await answer_with(
        update, context, controls_text(context, draft, reached.total), controls(context, draft)
    )


async def _network_lines(context: Context, reached: broadcasting.Reach) -> list[str]:
    """Network by network, for a message to several: each can be asked for alone anyway."""
    if not reached.networks:
        return []
    tr = context.tr
    names = {c.id: c.name(tr.lang) for c in await constituencies.list_all(context.db)}
    lines = [
        f"• {esc(names.get(cid, '?'))}: {people(context, shown)}" for cid, shown in reached.networks
    ]
    lines.append(
        tr.gettext(
            "Someone in more than one of these gets it once. The number in all is never exact, "
            "so that nobody can work out a small group by comparing two messages."
        )
    )
    return lines


async def send(update: Update, context: Context, draft: Broadcast) -> None:
    tr = context.tr
    member = context.visit.member
    assert member is not None
    if not broadcasting.may_send(context.visit.access, draft):
        await deny(update, context, Role.COORDINATOR)
        return
    try:
        sent = await broadcasting.send(
            context.db,
            draft,
            author_id=member.id,
            report_chat_id=context.visit.chat_id,
            report_lang=tr.lang,
            tz=context.settings.timezone,
            minimum=context.settings.min_group,
        )
    except broadcasting.AlreadySent:
        sent = None
    if sent is None:
        await answer_with(
            update,
            context,
            tr.gettext("Nobody would receive this yet: no active members are in that audience."),
            controls(context, draft),
        )
        return
    await steps.done(context)
    context.services.delivery.wake()
    _, reached = sent
    at = delivery.going_out_at(context.settings, urgent=draft.urgent)
    text = (
        tr.gettext("Sending to {people} now. I'll tell you when it has all gone.")
        if at is None
        else tr.gettext(
            "It will go to {people} on {when}, after quiet hours. I'll tell you when it has all gone."
        )
    )
    await answer_with(
        update,
        context,
        text.format(people=people(context, reached.total), when=tr.datetime(at) if at else ""),
    )
