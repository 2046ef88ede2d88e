"""What the contact journey's parts share: buttons, questions, who is pressing, the texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from telegram import InlineKeyboardMarkup, Update, User

from bot import contact
from bot.contact import Draft
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.representatives import shown_name
from bot.storage import constituencies
from bot.storage import representatives as rep_store
from bot.storage.contact import Thread
from bot.storage.members import Member
from bot.tg import steps
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, column, keyboard, reply

NO_DRAFT = N_(
    "This message is no longer being written: drafts are deleted after 15 minutes, or when they "
    "are sent or cancelled. Nothing was sent."
)
CRISIS_OPENING = N_(
    "It sounds as if things may be very hard for you right now. Thank you for telling us. Your "
    "message will still reach the representative, but <b>representatives are not a crisis "
    "service</b> and may not read it straight away. If you need support now, you can contact any "
    "of these:"
)
CLOSED = N_(
    "This conversation has ended, so nothing more can be sent in it. To write to a "
    "representative, send /contact."
)


@dataclass(frozen=True, slots=True)
class ContactButton(CallbackData, prefix="contact"):
    """Starting a conversation: the network, the representative (`id` names either), named or
    anonymous, then the draft's controls."""

    action: Literal["net", "rep", "named", "anon", "send", "edit", "cancel"]
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ThreadButton(CallbackData, prefix="thread"):
    """Within a conversation, for either side: reply, send or edit a reply, end it; and for the
    representative, report abuse (with or without a note)."""

    thread: int
    action: Literal["reply", "send", "edit", "cancel", "end", "sure", "keep", "report", "nonote"]


CHOOSING = steps.kind(
    "contact.choose",
    Role.MEMBER,
    hint=N_("Please choose with the buttons above, or send /contact to start again."),
    memory=True,
)
WRITING = steps.kind("contact.writing", Role.MEMBER, memory=True)  # payload: Draft
PREVIEW = steps.kind(
    "contact.preview",
    Role.MEMBER,
    buttons=(N_("Send the message"), N_("Edit"), N_("Cancel")),
    memory=True,
)
ENDING = steps.kind(
    "contact.ending",
    Role.MEMBER,
    buttons=(N_("Yes, end the conversation"), N_("No, keep it open")),
    memory=True,
)
NOTE = steps.kind("contact.note", Role.REPRESENTATIVE, memory=True)  # data: {"thread": id}
STAGES = (CHOOSING, WRITING, PREVIEW)


def draft_of(waiting: steps.Waiting | None) -> Draft | None:
    return waiting.payload if waiting is not None and isinstance(waiting.payload, Draft) else None


def me(context: Context) -> Member:
    member = context.visit.member
    assert member is not None  # every handler here requires a member
    return member


Side = Literal["rep", "member"]


async def side_of(context: Context, thread: Thread) -> Side | None:
    """Which end of an open thread the presser is: its representative (still speaking for the
    network) or its sender; None for anyone else, or a thread that has ended."""
    if not thread.open:
        return None
    member = me(context)
    if thread.rep_id == member.id and context.visit.access.speaks_for(thread.constituency_id):
        return "rep"
    sender = await contact.sender(context.db, context.services.secrets, thread)
    if sender is not None and sender.id == member.id:
        return "member"
    return None


async def network_name(context: Context, tr: Tr, constituency_id: int) -> str:
    place = await constituencies.get(context.db, constituency_id)
    return esc(place.name(tr.lang)) if place else ""


async def rep_name(context: Context, tr: Tr, thread: Thread) -> str:
    rep = None
    if thread.rep_id is not None:
        for found in await rep_store.of_constituency(context.db, thread.constituency_id):
            if found.member_id == thread.rep_id:
                rep = found
    return esc(shown_name(tr, rep)) if rep else tr.gettext("a representative")


def named_as(user: User) -> str:
    """The member's Telegram name (and @username), as a link a representative can open.

    Read from the update at the moment of sending and never stored."""
    name = esc(user.full_name)
    if user.username:
        name += f" (@{esc(user.username)})"
    return f'<a href="tg://user?id={user.id}">{name}</a>'


def to_rep(
    tr: Tr,
    *,
    network: str,
    text: str,
    closes: datetime,
    named: str | None,
    crisis: bool,
) -> str:
    """A member's message as the representative receives it (`text` already redacted)."""
    lines = [
        tr.gettext("✉️ <b>A message from a member of the network:</b> {network}").format(
            network=network
        ),
        tr.gettext("They chose to give their name: {name}").format(name=named)
        if named
        else tr.gettext("They chose to stay anonymous: nothing here says who they are."),
        "",
        f"<blockquote>{esc(text)}</blockquote>",
    ]
    if crisis:
        lines.append(
            tr.gettext(
                "⚠️ Their words suggest they may be in crisis. They have been shown support lines, "
                "and told you may not read this straight away."
            )
        )
    lines.append(
        "<i>"
        + tr.gettext("Reply with the button below. The conversation closes on {date}.").format(
            date=tr.date(closes)
        )
        + "</i>"
    )
    return "\n".join(lines)


def to_member(tr: Tr, *, rep: str, network: str, text: str, closes: datetime) -> str:
    """A representative's reply as the member receives it."""
    return "\n".join(
        [
            tr.gettext("✉️ <b>A reply from your representative:</b> {name} ({network})").format(
                name=rep, network=network
            ),
            "",
            f"<blockquote>{esc(text)}</blockquote>",
            "<i>"
            + tr.gettext("The conversation closes on {date}.").format(date=tr.date(closes))
            + "</i>",
        ]
    )


def rep_controls(tr: Tr, thread: Thread) -> InlineKeyboardMarkup:
    return keyboard(
        [(tr.gettext("Reply"), ThreadButton(thread.id, "reply").pack())],
        [(tr.gettext("End the conversation"), ThreadButton(thread.id, "end").pack())],
        [(tr.gettext("Report abuse"), ThreadButton(thread.id, "report").pack())],
    )


def member_controls(tr: Tr, thread: Thread) -> InlineKeyboardMarkup:
    return keyboard(
        [(tr.gettext("Reply"), ThreadButton(thread.id, "reply").pack())],
        [(tr.gettext("End the conversation"), ThreadButton(thread.id, "end").pack())],
    )


def blocked_text(tr: Tr, until: datetime, *, sending: bool = False) -> str:
    text = tr.gettext(
        "After a report of abuse, a coordinator has stopped messages from you to representatives "
        "through me until {date}."
    ).format(date=tr.date(until))
    return text + (" " + tr.gettext("Your message was not sent.") if sending else "")


async def ask_text(update: Update, context: Context, draft: Draft, *, rep: bool = False) -> None:
    """Ask for the words of a message: a member's (with what is taken out, and that this is
    not a crisis service), or a representative's reply."""
    tr = context.tr
    await steps.ask(context, WRITING, payload=draft)
    if rep:
        text = tr.gettext(
            "Write your reply in one message, up to {max} characters. You'll see it as the "
            "member will before it goes."
        ).format(max=f"{contact.MAX_LENGTH:,}")
    else:
        text = tr.gettext(
            "Write your message in one message, in Welsh or English, up to {max} characters.\n\n"
            "Please leave out other people's names and contact details: I take out phone numbers, "
            "e-mail addresses, postcodes, NHS numbers, usernames and links anyway. Nothing is sent "
            "until you have seen it and pressed “Send the message”. Representatives are not a "
            "crisis service, and may not read it straight away."
        ).format(max=f"{contact.MAX_LENGTH:,}")
    if draft.thread_id is None:
        await answer_with(
            update, context, text, column([(tr.gettext("Cancel"), ContactButton("cancel").pack())])
        )
        return
    # A reply is asked for in a new message: the one pressed holds the conversation itself.
    await send_new(
        update,
        context,
        text,
        column([(tr.gettext("Cancel"), ThreadButton(draft.thread_id, "cancel").pack())]),
    )


async def send_new(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer a press with a new message, leaving the pressed one (a message in the
    conversation) as it was."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await reply(update, context, text, markup)
