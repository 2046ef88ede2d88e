"""/broadcast (/darlledu) composes a message in Welsh and English; /broadcasts lists them.

Composing: audience, kind, Welsh text, English text (free-text steps, the draft kept in the
database), then a preview of exactly what each reader receives, with jargon warnings.
Buttons carry `bc:<draft>:<action>[:<arg>]`; every press (and every text written for it)
re-checks that the draft is the presser's own and still open, and that they speak for every
network it names. The delivery worker is started by `bot.app`, not here.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import broadcasts as broadcasting
from bot import delivery
from bot.commands import command
from bot.context import Context
from bot.domain import counting as aggregation
from bot.domain import jargon
from bot.domain.access import Role
from bot.i18n import LANGS, Lang, Tr
from bot.storage import broadcasts, constituencies, deliveries, pending
from bot.storage.broadcasts import KINDS, Broadcast
from bot.storage.db import utcnow
from bot.tg import callbacks, steps
from bot.tg.auth import deny, requires
from bot.tg.callbacks import Callback
from bot.tg.text import esc, utf16_len
from bot.tg.ui import ButtonSpec, answer_with, column, reply

VERB = "bc"
TEXT_STEP = "broadcast.text"
DRAFT_REMINDER_HOURS = 24  # an older unfinished draft is not worth reminding anyone of


# ------------------------------------------------------------------ helpers
def _people(context: Context, n: int) -> str:
    """People, through the minimum-group rule (a small network's size is not given away)."""
    tr = context.tr
    return delivery.counted(
        n,
        context.settings.min_group,
        lambda k: tr.ngettext("{n} person", "{n} people", k),
        lambda k: tr.ngettext("fewer than {n} person", "fewer than {n} people", k),
    )


def _button(draft: Broadcast, action: str, *args: str | int) -> str:
    return callbacks.pack(VERB, draft.id, action, *args)


def _cancel(tr: Tr, draft: Broadcast) -> ButtonSpec:
    return (tr.gettext("Cancel, don't send anything"), _button(draft, "cancel"))


async def _open_draft(update: Update, context: Context) -> tuple[Broadcast, Callback] | None:
    """The presser's own open draft named in the button, or a kind word and None."""
    query = update.callback_query
    assert query is not None
    member = context.visit.member
    parsed = callbacks.parse(query.data)
    draft_id = parsed.int_arg(0) if parsed else None
    draft = await broadcasts.get(context.db, draft_id) if draft_id is not None else None
    if parsed is None or draft is None or member is None or draft.author_id != member.id:
        await query.answer()
        return None
    if draft.status != "draft":
        await answer_with(
            update,
            context,
            context.tr.gettext(
                "This message is no longer being written. To write a new one, send /broadcast."
            ),
        )
        return None
    if parsed.args[1:2] != ("cancel",) and not broadcasting.may_address(
        context.visit.access, draft
    ):
        await deny(update, context, Role.COORDINATOR)
        return None
    return draft, parsed


# ------------------------------------------------------------------ composing
@requires(Role.REPRESENTATIVE)
async def broadcast_command(update: Update, context: Context) -> None:
    """/broadcast (/darlledu): start a message to members, in Welsh and English."""
    member = context.visit.member
    assert member is not None
    access = context.visit.access
    draft_id = await broadcasts.create_draft(
        context.db, member.id, "coordinator" if access.coordinator else "representative"
    )
    draft = await broadcasts.get(context.db, draft_id)
    assert draft is not None
    await steps.done(context)
    tr = context.tr
    buttons: list[ButtonSpec] = []
    if access.coordinator:
        buttons.append((tr.gettext("Everyone who has joined"), _button(draft, "aud", "all")))
    buttons.append((tr.gettext("Members of networks I choose"), _button(draft, "aud", "net")))
    buttons.append((tr.gettext("Representatives only"), _button(draft, "aud", "reps")))
    buttons.append(_cancel(tr, draft))
    await reply(update, context, tr.gettext("Who should receive this message?"), column(buttons))


async def _networks(update: Update, context: Context, draft: Broadcast) -> None:
    tr = context.tr
    access = context.visit.access
    places = [
        p
        for p in await constituencies.list_all(context.db, lang=context.tr.lang)
        if access.speaks_for(p.id)
    ]
    rows: list[ButtonSpec] = [
        (
            ("✓ " if p.id in draft.constituency_ids else "") + p.name(tr.lang),
            _button(draft, "net", p.id),
        )
        for p in places
    ]
    if draft.constituency_ids:
        rows.append((tr.gettext("I've finished choosing networks"), _button(draft, "net", "done")))
    rows.append(_cancel(tr, draft))
    await answer_with(
        update,
        context,
        tr.gettext("Which networks? Press each one you want, then press the last button."),
        column(rows),
    )


async def _ask_kind(update: Update, context: Context, draft: Broadcast) -> None:
    tr = context.tr
    rows = [
        (tr.gettext(broadcasting.KIND_TITLES[kind]), _button(draft, "kind", kind)) for kind in KINDS
    ]
    await answer_with(
        update,
        context,
        tr.gettext("What kind of message is it?"),
        column([*rows, _cancel(tr, draft)]),
    )


def _ask_text_words(tr: Tr, lang: Lang) -> str:
    if lang == "cy":
        return tr.gettext(
            "Now write the message <b>in Welsh</b> and send it to me. (You'll write the English "
            "next.) Up to {max} characters."
        ).format(max=f"{broadcasting.MAX_CHARS:,}")
    return tr.gettext(
        "Now write the message <b>in English</b> and send it to me. Up to {max} characters."
    ).format(max=f"{broadcasting.MAX_CHARS:,}")


async def _ask_text(
    update: Update, context: Context, draft: Broadcast, lang: Lang, then: str
) -> None:
    await steps.ask(
        context, TEXT_STEP, {"draft": draft.id, "lang": lang, "then": then, "fresh": True}
    )
    await answer_with(update, context, _ask_text_words(context.tr, lang))


@requires(Role.REPRESENTATIVE)
async def pressed(update: Update, context: Context) -> None:
    """Any button of the composer: audience, networks, kind, and the preview's controls."""
    opened = await _open_draft(update, context)
    if opened is None:
        return
    draft, parsed = opened
    access = context.visit.access
    db = context.db
    action = parsed.args[1] if len(parsed.args) > 1 else ""
    arg = parsed.args[2] if len(parsed.args) > 2 else ""
    if action == "cancel":
        await broadcasts.cancel(db, draft.id)
        await steps.done(context)
        await answer_with(update, context, context.tr.gettext("Cancelled: nothing was sent."))
    elif action == "aud" and arg == "all":
        if not access.coordinator:
            await deny(update, context, Role.COORDINATOR)
            return
        await broadcasts.set_audience(db, draft.id, "everyone", [])
        await _ask_kind(update, context, draft)
    elif action == "aud" and arg == "reps":
        mine = [] if access.coordinator else sorted(access.rep_of)
        await broadcasts.set_audience(db, draft.id, "representatives", mine)
        await _ask_kind(update, context, draft)
    elif action == "aud" and arg == "net":
        await broadcasts.set_audience(db, draft.id, "constituencies", [])
        await _networks(update, context, await _reload(context, draft))
    elif action == "net":
        await _network_pressed(update, context, draft, parsed)
    elif action == "kind" and arg in KINDS:
        await broadcasts.set_kind(db, draft.id, arg)
        await _ask_text(update, context, draft, "cy", "en")
    elif action == "edit" and arg in LANGS:
        await _ask_text(update, context, draft, arg, "preview")
    elif action == "fin" and arg in LANGS:
        await _text_finished(update, context, draft)
    elif action == "urgent":
        await broadcasts.set_urgent(db, draft.id, not draft.urgent)
        draft = await _reload(context, draft)
        count = len(await broadcasting.recipients(db, draft))
        await answer_with(
            update, context, _controls_text(context, draft, count), _controls(context.tr, draft)
        )
    elif action == "send":
        await _send(update, context, draft)
    else:
        assert update.callback_query is not None
        await update.callback_query.answer()


async def _reload(context: Context, draft: Broadcast) -> Broadcast:
    fresh = await broadcasts.get(context.db, draft.id)
    assert fresh is not None
    return fresh


async def _network_pressed(
    update: Update, context: Context, draft: Broadcast, parsed: Callback
) -> None:
    if draft.audience != "constituencies":
        await _networks(update, context, draft)
        return
    if parsed.args[2:3] == ("done",):
        if draft.constituency_ids:
            await _ask_kind(update, context, draft)
        return
    place_id = parsed.int_arg(2)
    place = await constituencies.get(context.db, place_id) if place_id is not None else None
    if place is None or place.archived or not context.visit.access.speaks_for(place.id):
        await deny(update, context, Role.COORDINATOR)
        return
    chosen = set(draft.constituency_ids) ^ {place.id}
    await broadcasts.set_audience(context.db, draft.id, "constituencies", sorted(chosen))
    await _networks(update, context, await _reload(context, draft))


@steps.memory_step
async def text_between_buttons(update: Update, context: Context) -> bool:
    """Text typed while a fresh draft waits for a button: say how to go on, not "not sure"."""
    member = context.visit.member
    if member is None or not context.visit.access.has(Role.REPRESENTATIVE):
        return False
    if await pending.get(context.db, member.id) is not None:
        return False  # a step is waiting for exactly this text
    since = utcnow() - timedelta(hours=DRAFT_REMINDER_HOURS)
    if await broadcasts.open_draft(context.db, member.id, since) is None:
        return False
    await reply(
        update,
        context,
        context.tr.gettext(
            "You have a message to members in progress: please carry on with the buttons above, "
            "or cancel it there. Send /broadcast to start again."
        ),
    )
    return True


@steps.step(TEXT_STEP, Role.REPRESENTATIVE)
async def text_step(update: Update, context: Context, waiting: pending.Pending) -> None:
    """The Welsh or the English text of a broadcast being written."""
    message = update.effective_message
    member = context.visit.member
    draft = await broadcasts.get(context.db, int(waiting.data.get("draft", 0)))
    tr = context.tr
    if message is None or not message.text or member is None:
        return
    if draft is None or draft.author_id != member.id or draft.status != "draft":
        await steps.done(context)
        await reply(
            update,
            context,
            tr.gettext(
                "This message is no longer being written. To write a new one, send /broadcast."
            ),
        )
        return
    if not broadcasting.may_address(context.visit.access, draft):
        await steps.done(context)
        await deny(update, context, Role.COORDINATOR)
        return
    lang: Lang = "en" if waiting.data.get("lang") == "en" else "cy"
    text = message.text.strip()
    combined = text if waiting.data.get("fresh", True) else draft.text(lang) + "\n" + text
    if len(combined) > broadcasting.MAX_CHARS:
        await reply(
            update,
            context,
            tr.gettext(
                "That is too long: {n} characters, and the most is {max}. Please send a shorter "
                "version."
            ).format(n=f"{len(combined):,}", max=f"{broadcasting.MAX_CHARS:,}"),
        )
        return
    await broadcasts.set_text(context.db, draft.id, lang, combined)
    if utf16_len(text) >= broadcasting.CONTINUE_AT:
        # Telegram apps split a long paste into several messages (at 4,096 UTF-16 units, so
        # sooner with emoji): wait for the rest.
        await steps.ask(context, TEXT_STEP, {**waiting.data, "fresh": False})
        label = (
            tr.gettext("That's all of the Welsh")
            if lang == "cy"
            else tr.gettext("That's all of the English")
        )
        await reply(
            update,
            context,
            tr.gettext(
                "I've kept that ({n} characters so far). If your text goes on, send the rest now; "
                "if not, press the button."
            ).format(n=f"{len(combined):,}"),
            column([(label, _button(draft, "fin", lang)), _cancel(tr, draft)]),
        )
        return
    await _text_finished(update, context, await _reload(context, draft), waiting)


async def _text_finished(
    update: Update, context: Context, draft: Broadcast, waiting: pending.Pending | None = None
) -> None:
    member = context.visit.member
    assert member is not None
    waiting = waiting or await pending.get(context.db, member.id)
    if waiting is None or waiting.kind != TEXT_STEP or waiting.data.get("draft") != draft.id:
        await _preview(update, context, draft)
        return
    if waiting.data.get("then") == "en" and not draft.text_en:
        await _ask_text(update, context, draft, "en", "preview")
        return
    await steps.done(context)
    await _preview(update, context, draft)


# ------------------------------------------------------------------ preview and send
def _controls(tr: Tr, draft: Broadcast) -> InlineKeyboardMarkup:
    urgent = (
        tr.gettext("It isn't urgent after all")
        if draft.urgent
        else tr.gettext("Mark it urgent: send even in quiet hours")
    )
    return column(
        [
            (tr.gettext("Send the message"), _button(draft, "send")),
            (tr.gettext("Edit the Welsh"), _button(draft, "edit", "cy")),
            (tr.gettext("Edit the English"), _button(draft, "edit", "en")),
            (urgent, _button(draft, "urgent")),
            _cancel(tr, draft),
        ]
    )


def _controls_text(context: Context, draft: Broadcast, count: int) -> str:
    tr = context.tr
    at = delivery.going_out_at(context.settings, urgent=draft.urgent)
    lines = [tr.gettext("<b>Send this to {people}?</b>").format(people=_people(context, count))]
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


async def _preview(update: Update, context: Context, draft: Broadcast) -> None:
    tr = context.tr
    db = context.db
    people = await broadcasting.recipients(db, draft)
    by_lang = {lang: sum(p.language == lang for p in people) for lang in LANGS}
    split = aggregation.parts_text(tr, by_lang, context.settings.min_group)
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
        tr.gettext("Kind: {kind}").format(kind=tr.gettext(broadcasting.KIND_TITLES[draft.kind])),
        tr.gettext("To: {audience}").format(audience=audience),
        tr.gettext("Recipients: {people} (in Welsh: {cy}; in English: {en})").format(
            people=_people(context, len(people)), cy=split["cy"], en=split["en"]
        ),
        *_jargon_lines(tr, draft),
    ]
    await reply(update, context, "\n".join(summary))
    texts = await broadcasting.rendered(db, draft, context.settings.timezone)
    chat = context.visit.chat_id
    for lang in LANGS:
        parts = broadcasting.parts(texts[lang])
        label = (
            tr.ngettext(
                "⬇️ Welsh readers will receive this ({n} message):",
                "⬇️ Welsh readers will receive this ({n} messages):",
                len(parts),
            )
            if lang == "cy"
            else tr.ngettext(
                "⬇️ English readers will receive this ({n} message):",
                "⬇️ English readers will receive this ({n} messages):",
                len(parts),
            )
        )
        await context.bot.send_message(chat, label.format(n=len(parts)))
        for part in parts:
            await context.bot.send_message(chat, part)
    await reply(update, context, _controls_text(context, draft, len(people)), _controls(tr, draft))


async def _send(update: Update, context: Context, draft: Broadcast) -> None:
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
        )
    except broadcasting.AlreadySent:
        sent = None
    if sent is None:
        await answer_with(
            update,
            context,
            tr.gettext("Nobody would receive this yet: no active members are in that audience."),
            _controls(tr, draft),
        )
        return
    context.services.delivery.wake()
    _, count = sent
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
        text.format(people=_people(context, count), when=tr.datetime(at) if at else ""),
    )


# ------------------------------------------------------------------ the record
@requires(Role.REPRESENTATIVE)
async def broadcasts_command(update: Update, context: Context) -> None:
    """/broadcasts (/negeseuon): recent broadcasts, who sent them, and how delivery went."""
    tr = context.tr
    access = context.visit.access
    member = context.visit.member
    assert member is not None
    shown = [
        b
        for b in await broadcasts.recent_sent(context.db)
        if access.coordinator
        or b.author_id == member.id
        or any(access.speaks_for(c) for c in b.constituency_ids)
    ][:10]
    if not shown:
        await reply(update, context, tr.gettext("No messages have been sent yet."))
        return
    blocks = [tr.gettext("<b>Recent messages</b>")]
    for item in shown:
        batch = await deliveries.batch(context.db, item.batch_id) if item.batch_id else None
        assert item.kind is not None
        assert item.sent_at is not None
        if item.author_id == member.id:
            who = tr.gettext("Sent by you")
        elif item.author_id is None:
            who = tr.gettext("Sent by someone who has since left")
        elif item.author_role == "coordinator":
            who = tr.gettext("Sent by a coordinator")
        else:
            who = tr.gettext("Sent by a representative")
        lines = [
            "",
            f"<b>#{item.id} {esc(tr.gettext(broadcasting.KIND_TITLES[item.kind]))}</b>, {tr.datetime(item.sent_at)}",
            f"{who}. "
            + tr.gettext("Recipients: {people}").format(people=_people(context, item.recipients)),
        ]
        if batch is not None:
            lines += delivery.count_lines(tr, batch.counts, context.settings.min_group)
        blocks.append("\n".join(lines))
    await reply(update, context, "\n".join(blocks))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("broadcast").names, broadcast_command),
        CommandHandler(command("broadcasts").names, broadcasts_command),
        CallbackQueryHandler(pressed, pattern=callbacks.pattern(VERB)),
    ]
