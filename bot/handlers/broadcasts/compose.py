"""Writing a broadcast: audience, networks, kind, then the Welsh and the English text."""

from __future__ import annotations

from telegram import Update

from bot import broadcasts as broadcasting
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.broadcasts.common import (
    CHOOSING,
    NO_LONGER,
    WRITING,
    BroadcastButton,
    button,
    cancel,
    open_draft,
    reload,
)
from bot.handlers.broadcasts.preview import preview, send, toggle_urgent
from bot.i18n import LANGS, Lang, Tr
from bot.storage import broadcasts, constituencies
from bot.storage.broadcasts import KINDS, Broadcast
from bot.tg import steps
from bot.tg.auth import deny, requires
from bot.tg.text import utf16_len
from bot.tg.ui import ButtonSpec, answer_with, column, reply


@requires(Role.REPRESENTATIVE)
async def broadcast_command(update: Update, context: Context) -> None:
    """/broadcast (/anfon_neges): start a message to members, in Welsh and English."""
    member = context.visit.member
    assert member is not None
    access = context.visit.access
    draft_id = await broadcasts.create_draft(
        context.db, member.id, "coordinator" if access.coordinator else "representative"
    )
    draft = await broadcasts.get(context.db, draft_id)
    assert draft is not None
    await steps.ask(context, CHOOSING)
    tr = context.tr
    buttons: list[ButtonSpec] = []
    if access.coordinator:
        buttons.append((tr.gettext("Everyone who has joined"), button(draft, "everyone")))
    buttons.append((tr.gettext("Members of networks I choose"), button(draft, "networks")))
    buttons.append((tr.gettext("Representatives only"), button(draft, "reps")))
    buttons.append(cancel(tr, draft))
    await reply(update, context, tr.gettext("Who should receive this message?"), column(buttons))


@requires(Role.REPRESENTATIVE)
async def pressed(update: Update, context: Context, data: BroadcastButton) -> None:
    """Any button of the composer: audience, networks, kind, and the preview's controls."""
    draft = await open_draft(update, context, data)
    if draft is None:
        return
    access = context.visit.access
    db = context.db
    value = data.value
    if data.action == "cancel":
        await broadcasts.cancel(db, draft.id)
        await steps.done(context)
        await answer_with(update, context, context.tr.gettext("Cancelled: nothing was sent."))
    elif data.action == "everyone":
        if not access.coordinator:
            await deny(update, context, Role.COORDINATOR)
            return
        await broadcasts.set_audience(db, draft.id, "everyone", [])
        await _ask_kind(update, context, draft)
    elif data.action == "reps":
        mine = [] if access.coordinator else sorted(access.rep_of)
        await broadcasts.set_audience(db, draft.id, "representatives", mine)
        await _ask_kind(update, context, draft)
    elif data.action == "networks":
        await broadcasts.set_audience(db, draft.id, "constituencies", [])
        await _networks(update, context, await reload(context, draft))
    elif data.action in ("network", "chosen"):
        await _network_pressed(update, context, draft, data)
    elif data.action == "kind" and value in KINDS:
        await broadcasts.set_kind(db, draft.id, value)
        await _ask_text(update, context, draft, "cy", "en")
    elif data.action == "edit" and value in LANGS:
        await _ask_text(update, context, draft, value, "preview")
    elif data.action == "fin" and value in LANGS:
        await _text_finished(update, context, draft)
    elif data.action == "urgent":
        await toggle_urgent(update, context, draft)
    elif data.action == "send":
        await send(update, context, draft)
    else:
        assert update.callback_query is not None
        await update.callback_query.answer()


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
            button(draft, "network", p.id),
        )
        for p in places
    ]
    if draft.constituency_ids:
        rows.append((tr.gettext("I've finished choosing networks"), button(draft, "chosen")))
    rows.append(cancel(tr, draft))
    await answer_with(
        update,
        context,
        tr.gettext("Which networks? Press each one you want, then press the last button."),
        column(rows),
    )
    await steps.ask(context, CHOOSING)


async def _network_pressed(
    update: Update, context: Context, draft: Broadcast, data: BroadcastButton
) -> None:
    if draft.audience != "constituencies":
        await _networks(update, context, draft)
        return
    if data.action == "chosen":
        if draft.constituency_ids:
            await _ask_kind(update, context, draft)
        return
    place_id = int(data.value) if data.value and data.value.isdigit() else None
    place = await constituencies.get(context.db, place_id) if place_id is not None else None
    if place is None or place.archived or not context.visit.access.speaks_for(place.id):
        await deny(update, context, Role.COORDINATOR)
        return
    chosen = set(draft.constituency_ids) ^ {place.id}
    await broadcasts.set_audience(context.db, draft.id, "constituencies", sorted(chosen))
    await _networks(update, context, await reload(context, draft))


async def _ask_kind(update: Update, context: Context, draft: Broadcast) -> None:
    tr = context.tr
    rows = [
        (tr.gettext(broadcasting.KIND_TITLES[kind]), button(draft, "kind", kind)) for kind in KINDS
    ]
    await answer_with(
        update,
        context,
        tr.gettext("What kind of message is it?"),
        column([*rows, cancel(tr, draft)]),
    )
    await steps.ask(context, CHOOSING)


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
        context, WRITING, {"draft": draft.id, "lang": lang, "then": then, "fresh": True}
    )
    await answer_with(update, context, _ask_text_words(context.tr, lang))


@steps.takes_text(WRITING)
async def text_step(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The Welsh or the English text of a broadcast being written."""
    message = update.effective_message
    member = context.visit.member
    draft = await broadcasts.get(context.db, int(waiting.data.get("draft", 0)))
    tr = context.tr
    if message is None or not message.text or member is None:
        return
    if draft is None or draft.author_id != member.id or draft.status != "draft":
        await steps.done(context)
        await reply(update, context, tr.gettext(NO_LONGER))
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
        await steps.ask(context, WRITING, {**waiting.data, "fresh": False})
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
            column([(label, button(draft, "fin", lang)), cancel(tr, draft)]),
        )
        return
    await _text_finished(update, context, await reload(context, draft), waiting)


async def _text_finished(
    update: Update, context: Context, draft: Broadcast, waiting: steps.Waiting | None = None
) -> None:
    waiting = waiting or await steps.expecting(context, WRITING)
    if waiting is None or waiting.data.get("draft") != draft.id:
        await preview(update, context, draft)
        return
    if waiting.data.get("then") == "en" and not draft.text_en:
        await _ask_text(update, context, draft, "en", "preview")
        return
    await preview(update, context, draft)
