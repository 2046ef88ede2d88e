"""/contact (/cysylltu): a member chooses a representative of their network, named or
anonymous, writes, sees exactly what will arrive, and sends; and the text and preview steps
of every message in a conversation, from either side.

The draft lives in the member's memory slot only (`memory=True` kinds): never the database.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.error import TelegramError

from bot import contact, contact_blocks
from bot.contact import Draft
from bot.context import Context
from bot.domain import safety
from bot.domain.access import Role
from bot.handlers.contact.common import (
    CHOOSING,
    NO_DRAFT,
    PREVIEW,
    STAGES,
    ContactButton,
    ask_text,
    blocked_text,
    draft_of,
    me,
    member_controls,
    named_as,
    network_name,
    rep_controls,
    to_rep,
)
from bot.handlers.contact.drafting import redacted
from bot.representatives import shown_name
from bot.storage import constituencies
from bot.storage import representatives as rep_store
from bot.storage.representatives import Representative
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, clear_buttons, column, reply, send
from bot.views import today


def _cancel(context: Context) -> ButtonSpec:
    return (context.tr.gettext("Cancel"), ContactButton("cancel").pack())


@requires(Role.MEMBER, private=True)
async def contact_command(update: Update, context: Context) -> None:
    """/contact (/cysylltu): write to a representative of your network, named or anonymously."""
    tr = context.tr
    member = me(context)
    until = await contact_blocks.blocked_until(context.db, context.services.secrets, member)
    if until is not None:
        await reply(update, context, blocked_text(tr, until))
        return
    places = await constituencies.of_member(context.db, member.id, lang=tr.lang)
    if not places:
        await reply(
            update,
            context,
            tr.gettext(
                "You haven't joined a network yet, so there is no representative to write to. "
                "Send /join to choose one."
            ),
        )
        return
    draft = Draft(lang=tr.lang)
    if len(places) == 1:
        await choose_rep(update, context, draft, places[0].id)
        return
    await steps.ask(context, CHOOSING, payload=draft)
    rows = [(p.name(tr.lang), ContactButton("net", p.id).pack()) for p in places]
    await reply(
        update,
        context,
        tr.gettext("Which network's representative would you like to write to?"),
        column([*rows, _cancel(context)]),
    )


async def _reps(context: Context, cid: int) -> list[Representative]:
    """Representatives of the network who can receive messages now (not the writer)."""
    return [
        r
        for r in await rep_store.of_constituency(context.db, cid)
        if r.status == "active" and r.member_id != me(context).id
    ]


async def choose_rep(update: Update, context: Context, draft: Draft, cid: int) -> None:
    tr = context.tr
    draft.constituency_id = cid
    reps = await _reps(context, cid)
    if not reps:
        await steps.done(context)
        await answer_with(
            update,
            context,
            tr.gettext(
                "No representative of this network can receive messages at the moment. Send "
                "/reps to see who speaks for you."
            ),
        )
        return
    await steps.ask(context, CHOOSING, payload=draft)
    rows = [(shown_name(tr, r), ContactButton("rep", r.member_id).pack()) for r in reps]
    await answer_with(
        update,
        context,
        tr.gettext("Who would you like to write to? (/reps shows their declared interests.)"),
        column([*rows, _cancel(context)]),
    )


async def choose_named(update: Update, context: Context, draft: Draft) -> None:
    tr = context.tr
    await steps.ask(context, CHOOSING, payload=draft)
    text = tr.gettext(
        "Should they know who you are?\n\n"
        "<b>Stay anonymous</b>: they see only that you are a member of the network. Nothing they "
        "receive says who you are, and once the conversation ends nothing I keep does either.\n\n"
        "<b>Give my name</b>: they see your Telegram name, and can open your profile to write "
        "to you directly."
    )
    await answer_with(
        update,
        context,
        text,
        column(
            [
                (tr.gettext("Stay anonymous"), ContactButton("anon").pack()),
                (tr.gettext("Give my name"), ContactButton("named").pack()),
                _cancel(context),
            ]
        ),
    )


@requires(Role.MEMBER, private=True)
async def contact_pressed(update: Update, context: Context, data: ContactButton) -> None:
    """Every button before a conversation starts; the draft and the choices are re-checked."""
    tr = context.tr
    waiting = await steps.expecting(context, *STAGES)
    draft = draft_of(waiting)
    if waiting is None or draft is None or draft.thread_id is not None:
        await finished(update, context, NO_DRAFT)
        return
    steps.touch(context)
    member = me(context)
    if data.action == "cancel":
        await steps.done(context)
        await answer_with(update, context, tr.gettext("Cancelled: nothing was sent."))
    elif data.action == "net" and waiting.kind is CHOOSING and data.id is not None:
        mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
        if data.id not in mine:
            await finished(update, context)
        else:
            await choose_rep(update, context, draft, data.id)
    elif data.action == "rep" and waiting.kind is CHOOSING and draft.constituency_id:
        reps = {r.member_id for r in await _reps(context, draft.constituency_id)}
        if data.id not in reps:
            await finished(update, context)
        else:
            draft.rep_id = data.id
            await choose_named(update, context, draft)
    elif data.action in ("named", "anon") and waiting.kind is CHOOSING and draft.rep_id:
        draft.named = data.action == "named"
        await ask_text(update, context, draft)
    elif data.action == "edit" and waiting.kind is PREVIEW:
        await clear_buttons(update)
        draft.text = None
        await ask_text(update, context, draft)
    elif data.action == "send" and waiting.kind is PREVIEW:
        await send_first(update, context, draft)
    else:
        await finished(update, context)


async def send_first(update: Update, context: Context, draft: Draft) -> None:
    """Open the thread and pass the first message on; the draft goes either way."""
    tr = context.tr
    member = me(context)
    services = context.services
    draft = replace(draft)  # emptying the slot forgets the held draft's words: keep a copy
    await steps.done(context)
    await clear_buttons(update)
    until = await contact_blocks.blocked_until(context.db, services.secrets, member)
    if until is not None:
        await answer_with(update, context, blocked_text(tr, until, sending=True))
        return
    cid, rep_id = draft.constituency_id, draft.rep_id
    mine = {p.id for p in await constituencies.of_member(context.db, member.id)}
    rep = next((r for r in await _reps(context, cid or 0) if r.member_id == rep_id), None)
    if cid not in mine or rep is None or draft.text is None:
        await answer_with(
            update,
            context,
            tr.gettext("That representative can't receive messages now, so nothing was sent."),
        )
        return
    thread = await contact.open_thread(
        context.db,
        services.secrets,
        member=member,
        rep_id=rep.member_id,
        constituency_id=cid,
        named=draft.named,
        today=today(context.settings),
        days=context.settings.contact_days,
        tz=context.settings.timezone,
    )
    user = update.effective_user
    rep_tr = context.tr_for(rep.language)
    body = to_rep(
        rep_tr,
        network=await network_name(context, rep_tr, cid),
        text=redacted(draft),
        closes=thread.expires_at,
        named=named_as(user) if draft.named and user else None,
        crisis=safety.suggests_crisis(draft.text),
    )
    draft.forget()
    try:
        await send(context, rep.chat_id, body, rep_controls(rep_tr, thread))
    except TelegramError:
        await contact.end(context.db, services.secrets, thread, "gone")
        await answer_with(
            update,
            context,
            tr.gettext(
                "I couldn't pass it on: that representative isn't receiving messages from me at "
                "the moment. Nothing was kept."
            ),
        )
        return
    await answer_with(
        update,
        context,
        tr.gettext(
            "Sent to your representative ({name}). Their reply will come here. The conversation "
            "closes on {date}; either of you can end it sooner."
        ).format(name=esc(shown_name(tr, rep)), date=tr.date(thread.expires_at))
        + (
            ""
            if draft.named
            else "\n\n"
            + tr.gettext(
                "They don't know who you are, and nothing I keep will say so once it ends."
            )
        ),
        member_controls(tr, thread),
    )
