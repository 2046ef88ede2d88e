"""Sending replies: keyboards of full-phrase buttons, long text split, edits that may fail."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.tg.text import split_message

ButtonSpec = tuple[str, str]  # (label, callback_data)


def keyboard(*rows: Sequence[ButtonSpec]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in rows
            if row
        ]
    )


def column(buttons: Sequence[ButtonSpec]) -> InlineKeyboardMarkup:
    """One button per row: long Welsh and English labels stay readable on a phone."""
    return keyboard(*([b] for b in buttons))


async def send(
    context: Context, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Send text, split at 4,096 characters; the keyboard goes on the last part."""
    parts = split_message(text)
    message: Message | None = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        message = await context.bot.send_message(
            chat_id, part, reply_markup=markup if last else None
        )
    assert message is not None
    return message


async def reply(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    chat = update.effective_chat
    assert chat is not None
    return await send(context, chat.id, text, markup)


async def answer_with(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """After a button press: replace that message's text and buttons, or send anew if it can't be."""
    query = update.callback_query
    if query is None:
        await reply(update, context, text, markup)
        return
    await query.answer()
    parts = split_message(text)
    if len(parts) == 1 and isinstance(query.message, Message):
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            # too old to edit, or deleted: fall through and send a new message
    await reply(update, context, text, markup)


ALERT_MAX = 200  # characters Telegram shows in an alert on a pressed button


async def tell(update: Update, context: Context, text: str) -> None:
    """A short refusal or notice: an alert on a pressed button, else a reply.

    An alert holds 200 characters; a longer notice (Welsh often is) arrives whole as a
    message instead of cut off mid-sentence."""
    query = update.callback_query
    if query is not None and len(text) <= ALERT_MAX:
        await query.answer(text, show_alert=True)
        return
    if query is not None:
        await query.answer()
    if update.effective_chat is not None:
        await reply(update, context, text)


async def clear_buttons(update: Update) -> None:
    """Remove the buttons from the pressed message so it can't be pressed twice."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    with contextlib.suppress(BadRequest):  # already without buttons
        await query.edit_message_reply_markup(None)
