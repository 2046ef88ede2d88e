"""One queued row as the Telegram call it becomes: a text (with its buttons), a document, a
document Telegram already holds, a shared picture, or an edit of a message sent earlier.

Telegram's errors are raised for the worker to judge (`bot.delivery.queue` has the table).
"""

from __future__ import annotations

import json
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.storage import Database, deliveries, delivery_photos
from bot.tg.limiter import Retries


async def send_row(
    bot: ExtBot[Any], db: Database, row: deliveries.Due, rate_limit_args: Retries | None
) -> int | None:
    """Send the row; returns the id of a message with buttons (it may be edited later, as a
    poll's is at close), else None."""
    markup = InlineKeyboardMarkup.de_json(json.loads(row.markup), bot) if row.markup else None
    if row.edit_of is not None:
        await _edit(bot, row, markup, rate_limit_args)
    elif row.document is not None:
        name, content = row.document
        await bot.send_document(
            row.chat_id,
            content,
            filename=name,
            caption=row.text or None,
            rate_limit_args=rate_limit_args,
        )
    elif row.file_id is not None:
        await bot.send_document(
            row.chat_id, row.file_id, caption=row.text or None, rate_limit_args=rate_limit_args
        )
    elif row.photo_id is not None:
        await _photo(bot, db, row, rate_limit_args)
    else:
        sent = await bot.send_message(
            row.chat_id, row.text, reply_markup=markup, rate_limit_args=rate_limit_args
        )
        return sent.message_id if markup is not None else None
    return None


async def _edit(
    bot: ExtBot[Any],
    row: deliveries.Due,
    markup: InlineKeyboardMarkup | None,
    rate_limit_args: Retries | None,
) -> None:
    """Replace a message sent earlier; one that is already so counts as done."""
    assert row.edit_of is not None
    try:
        await bot.edit_message_text(
            row.text,
            chat_id=row.chat_id,
            message_id=row.edit_of,
            reply_markup=markup,
            rate_limit_args=rate_limit_args,
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def _photo(
    bot: ExtBot[Any], db: Database, row: deliveries.Due, rate_limit_args: Retries | None
) -> None:
    """A shared picture: uploaded the first time, by Telegram's file_id after that."""
    assert row.photo_id is not None
    photo = await delivery_photos.photo(db, row.photo_id)
    if photo is None:
        raise BadRequest("the picture is no longer stored")
    if photo.file_id is not None:
        await bot.send_photo(
            row.chat_id, photo.file_id, caption=row.text or None, rate_limit_args=rate_limit_args
        )
        return
    sent = await bot.send_photo(
        row.chat_id,
        InputFile(photo.content, filename=photo.name),
        caption=row.text or None,
        rate_limit_args=rate_limit_args,
    )
    if sent.photo:
        await delivery_photos.photo_held(db, photo.id, sent.photo[-1].file_id)
